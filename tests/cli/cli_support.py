"""Helpers for the cli tests: a failing check's report and process liveness.
A test sets cli_support.CASE to the case it runs."""
import sys

CASE = "?"


def fail(message):
    print(f"FAIL [{CASE}]: {message}")
    sys.exit(1)


def expect(cond, message, out="", err=""):
    if not cond:
        fail(f"{message}\n--- stdout ---\n{out}\n--- stderr ---\n{err}")


def alive(pid):
    """Whether the process runs (a zombie does not)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False

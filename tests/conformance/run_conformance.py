#!/usr/bin/env python3
"""Runs one conformance program under sill and judges its TAP-like output.

A program passes when: its exit status is the expected one, it printed at least
one `ok N` line, no `not ok` line, a plan `1..N` whose N equals the number of
test lines (numbered 1..N in order), and, when asked, exactly the expected
stdout bytes.

The launcher is the sill executable CMake built (--sill). Setting
SILL_CONFORMANCE_LAUNCHER (e.g. "wine64") runs the same contract under another
implementation, which is how the expectations are checked against Wine.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

TEST_LINE = re.compile(rb"^(not ok|ok)\b(?:\s+(\d+))?(.*)$")
PLAN_LINE = re.compile(rb"^1\.\.(\d+)\s*$")


def decode_escapes(text: str) -> bytes:
    """Turns `\\r\\n`-style escapes written in CMake into the bytes they name."""
    return text.encode("latin-1").decode("unicode_escape").encode("latin-1")


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sill", required=True, help="path of the sill executable")
    p.add_argument("--program", required=True, help="PE program to run")
    p.add_argument("--args-json", default="[]", help="JSON list of program arguments")
    p.add_argument("--args-env", help="also pass the arguments, hex-encoded, in this variable")
    p.add_argument("--env", action="append", default=[], help="NAME=VALUE for the program")
    p.add_argument("--stdin", help="text (with \\n-style escapes) piped to the program")
    p.add_argument("--stdin-file", help="file piped to the program")
    p.add_argument("--expect-exit", type=int, default=0, help="expected exit status")
    p.add_argument("--expect-stdout", help="exact stdout, with \\r\\n-style escapes")
    p.add_argument("--timeout", type=float, default=25.0)
    p.add_argument("--cwd", help="working directory (default: the program's folder)")
    return p.parse_args(argv)


def launcher(sill_path):
    override = os.environ.get("SILL_CONFORMANCE_LAUNCHER")
    return shlex.split(override) if override else [sill_path]


def judge(stdout: bytes, status: int, opts) -> list:
    """Returns the list of problems; empty means the program passed."""
    problems = []
    if status != opts.expect_exit:
        problems.append(f"exit status {status}, expected {opts.expect_exit}")
    numbers, failed, plans = [], [], []
    for raw in stdout.splitlines():
        line = raw.rstrip(b"\r")
        m = TEST_LINE.match(line)
        if m:
            numbers.append(int(m.group(2)) if m.group(2) else len(numbers) + 1)
            if m.group(1) == b"not ok":
                failed.append(line.decode("utf-8", "replace"))
            continue
        m = PLAN_LINE.match(line)
        if m:
            plans.append(int(m.group(1)))
    for f in failed:
        problems.append(f"failed: {f}")
    if not numbers:
        problems.append("no `ok` line")
    if len(plans) != 1:
        problems.append(f"expected one plan line `1..N`, found {len(plans)}")
    elif plans[0] != len(numbers):
        problems.append(f"plan 1..{plans[0]} but {len(numbers)} test lines")
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"test numbers not 1..N in order: {numbers}")
    if opts.expect_stdout is not None:
        want = decode_escapes(opts.expect_stdout)
        if stdout != want:
            problems.append(f"stdout {stdout!r}, expected {want!r}")
    return problems


def main(argv):
    opts = parse_args(argv)
    program = os.path.abspath(opts.program)
    args = json.loads(opts.args_json)
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        sys.exit("--args-json must be a JSON list of strings")

    env = dict(os.environ)
    for item in opts.env:
        name, sep, value = item.partition("=")
        if not sep:
            sys.exit(f"--env {item!r}: expected NAME=VALUE")
        env[name] = value
    if opts.args_env:
        env[opts.args_env] = ",".join(a.encode("utf-8").hex() for a in args)

    stdin_data = b""
    if opts.stdin is not None:
        stdin_data = decode_escapes(opts.stdin)
    elif opts.stdin_file:
        with open(opts.stdin_file, "rb") as f:
            stdin_data = f.read()

    command = launcher(opts.sill) + [program] + args
    try:
        proc = subprocess.run(command, input=stdin_data, capture_output=True, env=env,
                              cwd=opts.cwd or os.path.dirname(program), timeout=opts.timeout)
    except OSError as e:
        print(f"FAIL: cannot run {shlex.join(command)}: {e}")
        return 1
    except subprocess.TimeoutExpired as e:
        sys.stdout.buffer.write(e.stdout or b"")
        print(f"FAIL: timed out after {opts.timeout} s: {shlex.join(command)}")
        return 1
    status = proc.returncode
    if status < 0:
        status = 128 - status  # killed by a signal: report it the way a shell does

    problems = judge(proc.stdout, status, opts)
    print(f"$ {shlex.join(command)}")
    print("--- stdout ---")
    sys.stdout.write(proc.stdout.decode("utf-8", "replace"))
    if proc.stderr:
        print("--- stderr ---")
        sys.stdout.write(proc.stderr.decode("utf-8", "replace")[-4000:])
    print("--------------")
    for problem in problems:
        print(f"FAIL: {problem}")
    if not problems:
        print("PASS")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Console behaviour seen from outside: Ctrl-C (SIGINT) and SIGTERM reaching SetConsoleCtrlHandler
handlers, the default action's exit status, and the ANSI escapes console calls write to a
pseudo-terminal. Usage: console_test.py SILL CONSOLE_EXE CASE

The program is tests/conformance/console.c run in its helper modes."""
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios

SILL, PROGRAM, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
TOP = tempfile.mkdtemp(prefix="sill-console-cli-")


def fail(message):
    print(f"FAIL [{CASE}]: {message}")
    sys.exit(1)


def environment():
    env = dict(os.environ)
    for name in ("SILLDEBUG", "WINEDEBUG"):
        env.pop(name, None)
    env["SILL_PREFIX"] = os.path.join(TOP, "prefix")
    return env


def default_signals():
    # Whoever runs the tests may ignore SIGINT (background jobs); the program must not inherit that.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def start(mode):
    return subprocess.Popen([SILL, PROGRAM, mode], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=environment(), preexec_fn=default_signals)


def wait_ready(p):
    ready, _, _ = select.select([p.stdout], [], [], 20)
    if not ready:
        p.kill()
        fail("the program never said it was ready")
    line = p.stdout.readline()
    if line.strip() != b"ready":
        p.kill()
        fail(f"first line {line!r}, expected 'ready'")


def interrupt(mode, sig=signal.SIGINT):
    p = start(mode)
    wait_ready(p)
    p.send_signal(sig)
    try:
        out, err = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("the program did not end after SIGINT")
    return p.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def case_ctrl_c_handler():
    status, out, err = interrupt("wait")
    if "handler event 0" not in out:
        fail(f"the handler did not report CTRL_C_EVENT: stdout {out!r} stderr {err!r}")
    if "main continues" not in out:
        fail(f"the program did not go on after its handler returned TRUE: {out!r}")
    if status != 7:
        fail(f"exit status {status}, expected 7 (stderr {err!r})")


def case_ctrl_c_default():
    status, out, err = interrupt("nohandler")
    # STATUS_CONTROL_C_EXIT 0xC000013A: a Linux status keeps the low 8 bits.
    if status != 0x3A:
        fail(f"exit status {status}, expected 0x3A (stderr {err!r})")


def case_close_event():
    # SIGTERM is CTRL_CLOSE_EVENT: the handler runs, then the process ends even though it returned TRUE.
    status, out, err = interrupt("wait", signal.SIGTERM)
    if "handler event 2" not in out:
        fail(f"the handler did not report CTRL_CLOSE_EVENT: stdout {out!r} stderr {err!r}")
    if status != 0x3A:
        fail(f"exit status {status}, expected 0x3A (stderr {err!r})")


def case_tty_escapes():
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    p = subprocess.Popen([SILL, PROGRAM, "tty"], stdin=slave, stdout=slave, stderr=subprocess.PIPE,
                         env=environment(), preexec_fn=default_signals)
    os.close(slave)
    data = b""
    while True:
        ready, _, _ = select.select([master], [], [], 20)
        if not ready:
            p.kill()
            fail(f"no end of output; got {data!r}")
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not chunk:
            break
        data += chunk
    status = p.wait(timeout=20)
    err = p.stderr.read().decode(errors="replace")
    os.close(master)
    if status != 0:
        fail(f"exit status {status} (step that failed), output {data!r}, stderr {err!r}")
    expected = [
        (b"\x1b[0;91;40m", "bright red on black"),
        (b"red", "the text"),
        (b"\x1b[0;32;44m", "green on blue"),
        (b"\x1b[0m", "the default attributes reset"),
        (b"\x1b[3;5H", "cursor to column 5, row 3"),
        (b"\x1b]0;sill title\x07", "the title (OSC 0)"),
        (b"\x1b7\x1b[2;2Hxxx\x1b8", "FillConsoleOutputCharacter at column 2, row 2"),
        (b"\x1b[?25l", "the cursor hidden"),
        (b"\x1b7\x1b[1;1H\x1b[0;37;44m\x1b[J\x1b[0m\x1b8", "FillConsoleOutputAttribute clearing the screen"),
        (b"cols=100 rows=30", "the window size from the terminal"),
    ]
    at = 0
    for seq, what in expected:
        found = data.find(seq, at)
        if found < 0:
            fail(f"{what}: {seq!r} missing (in order) from {data!r}")
        at = found + len(seq)


try:
    {"ctrl_c_handler": case_ctrl_c_handler, "ctrl_c_default": case_ctrl_c_default,
     "close_event": case_close_event,
     "tty_escapes": case_tty_escapes}[CASE]()
finally:
    shutil.rmtree(TOP, ignore_errors=True)
print(f"PASS [{CASE}]")

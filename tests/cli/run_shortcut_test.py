#!/usr/bin/env python3
"""`sill SHORTCUT.lnk ARGS`: a shortcut starts its target with its own arguments, then the given
ones, in its working folder (as Windows' shell starts it); a damaged or looping shortcut is a clear
error. Usage: run_shortcut_test.py SILL LAUNCHER_PROG_EXE SHELL_LINK_DUMP"""
import os
import subprocess
import sys
import tempfile

sill, prog, dump = sys.argv[1:4]
failures = 0
count = 0


def check(ok, what):
    global failures, count
    count += 1
    print(("ok" if ok else "not ok") + f" {count} - {what}")
    if not ok:
        failures += 1


def windows(path):
    return "Z:" + path.replace("/", "\\")


with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, SILL_PREFIX=os.path.join(tmp, "prefix"), SILLDEBUG="-all")
    work = os.path.join(tmp, "work dir")
    os.mkdir(work)
    link = os.path.join(tmp, "Game.lnk")
    subprocess.run([dump, "--write", link, windows(os.path.abspath(prog)), windows(work),
                    'cwd "two words" x\\"y'], check=True)

    r = subprocess.run([sill, link, "extra"], env=env, capture_output=True, text=True, cwd=tmp)
    check(r.returncode == 0, f"sill runs the shortcut's target (exit {r.returncode}, {r.stderr.strip()})")
    lines = r.stdout.splitlines()
    check(lines[:1] == ["cwd " + windows(work)], f"in the shortcut's working folder: {lines[:1]}")
    check(lines[1:] == ["arg two words", 'arg x"y', "arg extra"],
          f"with the shortcut's arguments split as the C runtime does, then the given ones: {lines[1:]}")

    # Windows compares extensions without regard to case.
    upper = os.path.join(tmp, "GAME2.LNK")
    os.link(link, upper)
    r = subprocess.run([sill, upper], env=env, capture_output=True, text=True, cwd=tmp)
    check(r.returncode == 0 and r.stdout.startswith("cwd "), "a .LNK name works too")

    damaged = os.path.join(tmp, "damaged.lnk")
    with open(damaged, "wb") as f:
        f.write(b"L\0\0\0not a shortcut at all")
    r = subprocess.run([sill, damaged], env=env, capture_output=True, text=True, cwd=tmp)
    check(r.returncode == 126 and "is not a shortcut Sill can read" in r.stderr,
          f"a damaged shortcut is a clear error (exit {r.returncode}: {r.stderr.strip()})")

    loop = os.path.join(tmp, "loop.lnk")
    subprocess.run([dump, "--write", loop, windows(loop), windows(tmp), ""], check=True)
    r = subprocess.run([sill, loop], env=env, capture_output=True, text=True, cwd=tmp, timeout=30)
    check(r.returncode == 126 and "pointing at each other" in r.stderr,
          f"a shortcut to itself is a clear error, not a hang (exit {r.returncode}: {r.stderr.strip()})")

print(f"1..{count}")
sys.exit(1 if failures else 0)

"""7-Zip's console archiver (7za.exe from 7zip-bin 5.2.0: 7-Zip 21.07, MSVC C++ against
msvcrt.dll) through real jobs under sill: `sill check` finds every import; `i`; a folder of
files (text, binary, empty, nested folders, a non-ASCII name) added to a .7z and a .zip,
listed, tested and extracted into other folders and compared byte for byte with the names;
a password-protected archive with the right and a wrong password; an archive that does not
exist; an unknown switch. Errors are 7-Zip's own messages and exit codes (2: fatal error,
7: command line error); 7-Zip reports the last two by throwing C++ exceptions up to main,
through msvcrt's _CxxThrowException and __CxxFrameHandler.
"""
import argparse
import os
import pathlib
import random
import subprocess
import sys
import tempfile

from npm_programs import fetch_or_exit

FAILURES = []
COUNT = 0


def check(passed, what, detail=""):
    global COUNT
    COUNT += 1
    print(f"{'ok' if passed else 'not ok'} {COUNT} - {what}")
    if not passed:
        FAILURES.append(what)
        if detail:
            print("  " + detail.replace("\n", "\n  "))


def make_tree(root):
    """The files the archives hold: relative path -> bytes (folders end with /)."""
    rng = random.Random(7)
    tree = {
        "a.txt": b"plain text\r\nsecond line\n" * 50,
        "binary.dat": bytes(rng.getrandbits(8) for _ in range(200_000)),
        "empty": b"",
        "sub/deeper/nested.txt": b"nested\n",
        "sub/na\u00efve-\u65e5\u672c.txt": "h\u00e9llo \u4e16\u754c\n".encode(),
        "zeros.bin": bytes(300_000),
    }
    for rel, data in tree.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    (root / "empty folder").mkdir()
    return tree


def snapshot(root):
    """Every file and folder under root: relative path -> bytes, folders -> None."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            out[os.path.relpath(os.path.join(dirpath, d), root) + "/"] = None
        for f in filenames:
            p = os.path.join(dirpath, f)
            out[os.path.relpath(p, root)] = pathlib.Path(p).read_bytes()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sill", required=True)
    args = ap.parse_args()
    args.sill = os.path.abspath(args.sill)
    exe = fetch_or_exit("7zip-bin") / "win" / "x64" / "7za.exe"

    with tempfile.TemporaryDirectory(prefix="sill-7za-") as tmp:
        work = pathlib.Path(tmp)
        env = dict(os.environ, SILL_PREFIX=str(work / "prefix"), SILLDEBUG="-all")

        def run(*argv):
            r = subprocess.run([args.sill, str(exe), *argv], cwd=work, env=env, stdin=subprocess.DEVNULL,
                               capture_output=True, timeout=60)
            return r.returncode, r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")

        r = subprocess.run([args.sill, "check", str(exe)], capture_output=True, text=True, timeout=60, env=env)
        check(r.returncode == 0 and "All " in r.stdout and "imports from" in r.stdout,
              "sill check: every import of 7za.exe is provided", r.stdout + r.stderr)

        status, out = run("i")
        check(status == 0 and "7-Zip (a) 21.07" in out and "Formats:" in out and " 7z " in out,
              "7za i lists 7-Zip's formats", out[-2000:])

        src = work / "src"
        make_tree(src)
        expected = snapshot(src)
        for kind, name in (("7z", "arch.7z"), ("zip", "arch.zip")):
            status, out = run("a", f"-t{kind}", "-mx=5", name, "src")
            check(status == 0 and "Everything is Ok" in out, f"7za a -t{kind} compresses the folder", out[-2000:])
            status, out = run("l", "-sccUTF-8", name)
            names = ["src\\a.txt", "src\\binary.dat", "src\\empty", "src\\sub\\deeper\\nested.txt",
                     "src\\sub\\na\u00efve-\u65e5\u672c.txt", "src\\zeros.bin", "src\\empty folder"]
            missing = [n for n in names if n not in out]
            check(status == 0 and not missing, f"7za l lists every name in the .{kind}",
                  f"missing {missing}\n{out[-2000:]}")
            status, out = run("t", name)
            check(status == 0 and "Everything is Ok" in out, f"7za t tests the .{kind}", out[-2000:])
            dest = f"out_{kind}"
            status, out = run("x", f"-o{dest}", name)
            check(status == 0 and "Everything is Ok" in out, f"7za x extracts the .{kind}", out[-2000:])
            got = snapshot(work / dest / "src")
            differ = sorted(set(got) ^ set(expected)) + sorted(k for k in got if k in expected and got[k] != expected[k])
            check(not differ, f"every name and byte extracted from the .{kind} matches", f"differ: {differ}")

        status, out = run("a", "-psecret", "-mhe=on", "secret.7z", "src")
        check(status == 0 and "Everything is Ok" in out, "7za a -p encrypts an archive", out[-2000:])
        status, out = run("x", "-psecret", "-oout_pw", "secret.7z")
        got = snapshot(work / "out_pw" / "src")
        check(status == 0 and got == expected, "the right password extracts every file", out[-2000:])
        status, out = run("x", "-pwrong", "-oout_wrong", "secret.7z")
        check(status == 2 and "Cannot open encrypted archive. Wrong password?" in out,
              "a wrong password: 7-Zip's message and exit code 2", f"status {status}\n{out[-2000:]}")
        status, out = run("a", "-psecret", "-mhe=off", "data.7z", "src")
        status, out = run("x", "-pwrong", "-oout_data", "data.7z")
        check(status == 2 and "Wrong password" in out, "a wrong password for encrypted data: exit code 2",
              f"status {status}\n{out[-2000:]}")

        status, out = run("x", "nothere.7z")
        check(status == 2 and "The system cannot find the file specified." in out and "nothere.7z" in out,
              "an archive that does not exist: 7-Zip's error and exit code 2", f"status {status}\n{out[-2000:]}")

        status, out = run("x", "-qqq", "arch.7z")
        check(status == 7 and "Command Line Error:" in out and "Unknown switch:" in out,
              "an unknown switch: 7-Zip's command line error and exit code 7", f"status {status}\n{out[-2000:]}")

    print(f"1..{COUNT}")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())

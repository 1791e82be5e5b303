#!/usr/bin/env python3
"""Tests of `sill prefix init` and `sill path`, and of the prefix made on first
use by `sill PROGRAM.exe`. Usage: prefix_test.py SILL BUILD_DIR CASE

Every run uses its own temporary HOME, XDG folders and prefix: nothing outside
a temporary folder is created."""
import os
import subprocess
import sys
import tempfile

import cli_support
from cli_support import expect, fail

SILL, BUILD, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
cli_support.CASE = CASE
HELLO = os.path.join(BUILD, "hello_cli.exe")
TOP = tempfile.mkdtemp(prefix="sill-prefix-cli-")
HOME = os.path.join(TOP, "home")
os.makedirs(os.path.join(HOME, ".config"))
os.makedirs(os.path.join(HOME, "Music files"))
with open(os.path.join(HOME, ".config", "user-dirs.dirs"), "w") as f:
    f.write('XDG_MUSIC_DIR="$HOME/Music files"\nXDG_VIDEOS_DIR="$HOME/none"\n')


def environment(extra=None):
    env = dict(os.environ)
    for name in ("SILLDEBUG", "WINEDEBUG", "SILL_PREFIX", "XDG_CONFIG_HOME"):
        env.pop(name, None)
    env.update({"HOME": HOME, "USER": "tester", "XDG_DATA_HOME": os.path.join(TOP, "data")})
    env.update(extra or {})
    return env


def run(*args, env=None):
    p = subprocess.run([SILL, *args], capture_output=True, env=environment(env), timeout=25)
    if p.returncode < 0:
        fail(f"sill {' '.join(args)} was killed by signal {-p.returncode}")
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


LAYOUT = ["drive_c/windows/system32", "drive_c/windows/temp", "drive_c/Program Files",
          "drive_c/Program Files (x86)", "drive_c/ProgramData", "drive_c/users/Public",
          "drive_c/users/tester/AppData/Roaming", "drive_c/users/tester/AppData/Local",
          "drive_c/users/tester/AppData/LocalLow", "drive_c/users/tester/Temp",
          "drive_c/users/tester/Desktop", "drive_c/users/tester/Documents",
          "drive_c/users/tester/Downloads", "drive_c/users/tester/Pictures",
          "drive_c/users/tester/Videos"]


def check_layout(prefix, out="", err=""):
    for d in LAYOUT:
        expect(os.path.isdir(os.path.join(prefix, d)), f"{d} exists", out, err)
    music = os.path.join(prefix, "drive_c/users/tester/Music")
    expect(os.readlink(music) == os.path.join(HOME, "Music files"), "Music links to the XDG music folder", out, err)
    expect(not os.path.islink(os.path.join(prefix, "drive_c/users/tester/Videos")),
           "a missing XDG folder gives a plain folder", out, err)
    expect(os.readlink(os.path.join(prefix, "dosdevices/c:")) == "../drive_c", "c: -> ../drive_c", out, err)
    expect(os.readlink(os.path.join(prefix, "dosdevices/z:")) == "/", "z: -> /", out, err)


def case_init_layout():
    prefix = os.path.join(TOP, "p")
    code, out, err = run("prefix", "init", prefix)
    expect(code == 0 and err == "", "init succeeds quietly on stderr", out, err)
    expect(prefix in out and "drive_c/windows/system32/" in out and "dosdevices/c: -> ../drive_c" in out,
           "init lists what it made", out, err)
    check_layout(prefix, out, err)


def case_init_idempotent():
    prefix = os.path.join(TOP, "p")
    run("prefix", "init", prefix)
    keep = os.path.join(prefix, "drive_c/users/tester/Documents/keep.txt")
    with open(keep, "w") as f:
        f.write("mine")
    code, out, err = run("prefix", "init", prefix)
    expect(code == 0 and out == "" and err == "", "a second init makes nothing and says nothing", out, err)
    expect(open(keep).read() == "mine", "user data is kept")
    os.rmdir(os.path.join(prefix, "drive_c/windows/temp"))
    code, out, err = run("prefix", "init", prefix)
    expect(code == 0 and "drive_c/windows/temp/" in out and "system32" not in out,
           "init completes a damaged prefix and lists only what it added", out, err)


def case_init_default():
    code, out, err = run("prefix", "init")
    expect(code == 0, "init without DIR succeeds", out, err)
    check_layout(os.path.join(TOP, "data", "sill", "default"), out, err)
    chosen = os.path.join(TOP, "chosen")
    code, out, err = run("prefix", "init", env={"SILL_PREFIX": chosen})
    expect(code == 0 and chosen in out, "SILL_PREFIX chooses the prefix", out, err)
    check_layout(chosen, out, err)


def case_init_concurrent():
    prefix = os.path.join(TOP, "race", "p")
    procs = [subprocess.Popen([SILL, "prefix", "init", prefix], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=environment()) for _ in range(8)]
    outs = [(p.wait(timeout=25), p.stdout.read().decode(), p.stderr.read().decode()) for p in procs]
    for code, out, err in outs:
        expect(code == 0 and err == "", "every concurrent init succeeds", out, err)
    expect(sum(1 for _, out, _ in outs if "drive_c/windows/" in out) == 1, "exactly one of them made the prefix",
           "\n".join(o for _, o, _ in outs))
    check_layout(prefix)
    expect(os.listdir(os.path.join(TOP, "race")) == ["p"], "no temporary folder is left behind")


def case_init_unwritable():
    blocker = os.path.join(TOP, "a-file")
    open(blocker, "w").close()
    code, out, err = run("prefix", "init", os.path.join(blocker, "p"))
    expect(code == 1 and err.startswith(f"sill: cannot create the prefix at {blocker}/p: "),
           "an impossible prefix is an error sentence with exit status 1", out, err)
    code, out, err = run(HELLO, env={"SILL_PREFIX": os.path.join(blocker, "p")})
    expect(code == 1 and err.startswith("sill: cannot create the prefix at ") and "hello" not in out,
           "a program does not start without its prefix", out, err)
    code, out, err = run("prefix", "frobnicate")
    expect(code == 2 and err.startswith("sill: "), "an unknown prefix sub-command is a usage error", out, err)


def case_run_creates_prefix():
    prefix = os.path.join(TOP, "first-use")
    code, out, err = run(HELLO, "x", env={"SILL_PREFIX": prefix})
    expect(code == 2 and out == "hello from 2 argument(s)\r\n", "the program runs", out, err)
    check_layout(prefix, out, err)


def case_path_unix():
    prefix = os.path.join(TOP, "p")
    env = {"SILL_PREFIX": prefix}
    code, out, err = run("path", "--unix", "C:\\windows", env=env)
    expect(code == 0 and out == f"{prefix}/dosdevices/c:/windows\n", "C:\\windows is in the prefix", out, err)
    code, out, err = run("path", "--unix", "c:\\WINDOWS\\..\\..\\..\\etc", "Z:\\tmp\\x", "z:/usr/bin/", env=env)
    expect(code == 0 and out == f"{prefix}/dosdevices/c:/etc\n/tmp/x\n/usr/bin/\n",
           "'..' stops at the drive root; Z: is the Unix root", out, err)


def case_path_windows():
    prefix = os.path.join(TOP, "p")
    env = {"SILL_PREFIX": prefix}
    code, out, err = run("path", "--windows", "/tmp/x", f"{prefix}/drive_c/users/tester",
                         f"{prefix}/dosdevices/c:/windows/", "/usr/./lib/../bin", "/", env=env)
    expect(code == 0 and out == "Z:\\tmp\\x\nC:\\users\\tester\nC:\\windows\nZ:\\usr\\bin\nZ:\\\n",
           "Unix paths become Z: paths, or C: paths under drive_c", out, err)
    code, out, err = run("path", "--windows", "relative/name", env=env)
    expect(code == 0 and out.strip().endswith("\\relative\\name"), "a relative path is taken from the current folder",
           out, err)


def case_path_errors():
    env = {"SILL_PREFIX": os.path.join(TOP, "p")}
    for bad in ("", "\\\\?\\C:\\..\\x", "Q:\\x", "\\\\server\\share\\x"):
        code, out, err = run("path", "--unix", bad, env=env)
        expect(code == 1 and out == "" and "sill: cannot convert" in err, f"{bad!r} is refused", out, err)
    code, out, err = run("path", "--windows", "", env=env)
    expect(code == 1 and err.startswith("sill: "), "an empty Unix path is refused", out, err)
    for args in (["path"], ["path", "--unix"], ["path", "--sideways", "x"]):
        code, out, err = run(*args, env=env)
        expect(code == 2 and err.startswith("sill: "), f"{args} is a usage error", out, err)


try:
    globals()["case_" + CASE]()
finally:
    subprocess.run(["rm", "-rf", TOP])
print(f"PASS [{CASE}]")

#!/usr/bin/env python3
"""sill wine-shim: Wine's command names as scripts, run the way Lutris' Wine runner and Bottles run
them (WINEPREFIX set, the scripts called by path, `wine TOOL ...`), driving launcher_prog.exe.
Usage: wine_shim_test.py SILL BUILD_DIR CASE

Every case runs in its own temporary HOME, shim folder and prefix, and kills what it started."""
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time

import cli_support
from cli_support import alive, expect, fail

SILL, BUILD, CASE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
cli_support.CASE = CASE
PROG = os.path.join(BUILD, "launcher_prog.exe")
TOP = tempfile.mkdtemp(prefix="sill-wine-shim-")
HOME = os.path.join(TOP, "home")
SHIM = os.path.join(TOP, "runners", "sill")  # as a Bottles runner folder would be
BIN = os.path.join(SHIM, "bin")
PREFIX = os.path.join(TOP, "prefix")
NAMES = ["wine", "wine64", "wineboot", "wineserver", "winepath", "regedit"]
os.makedirs(HOME)
STARTED = []


def environment(extra=None):
    env = dict(os.environ)
    for name in ("SILLDEBUG", "WINEDEBUG", "SILL_PREFIX", "WINEPREFIX", "WINEARCH", "XDG_DATA_HOME"):
        env.pop(name, None)
    env.update({"HOME": HOME, "USER": "tester", "WINEPREFIX": PREFIX, "WINEDEBUG": "-all"})
    env.update(extra or {})
    return env


def default_signals():
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def shim(name, *args, env=None, timeout=25):
    p = subprocess.run([os.path.join(BIN, name), *args], capture_output=True, env=environment(env), timeout=timeout,
                       stdin=subprocess.DEVNULL, preexec_fn=default_signals)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def sill(*args, env=None):
    p = subprocess.run([SILL, *args], capture_output=True, env=environment(env), timeout=25, stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def install(directory=SHIM):
    code, out, err = sill("wine-shim", "install", directory)
    expect(code == 0, "install succeeds", out, err)


def snapshot(root):
    entries = []
    for current, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = os.path.join(current, name)
            st = os.lstat(path)
            data = open(path, "rb").read() if stat.S_ISREG(st.st_mode) else b""
            entries.append((os.path.relpath(path, root), stat.S_IFMT(st.st_mode), data))
    return sorted(entries)


def prefix_pids():
    """Linux processes whose environment names the prefix: an independent look, not sill's registry."""
    pids = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                env = f.read().split(b"\0")
        except OSError:
            continue
        if f"SILL_PREFIX={PREFIX}".encode() in env and alive(name):
            pids.append(int(name))
    return pids


def cleanup():
    subprocess.run([SILL, "kill", "--prefix", PREFIX], env=environment(), capture_output=True, timeout=20)
    for p in STARTED:
        if p.poll() is None:
            p.kill()
        p.wait()
    shutil.rmtree(TOP, ignore_errors=True)


def case_install_uninstall():
    # Into a folder that exists with a file of the user's: uninstall leaves it exactly as it was.
    os.makedirs(BIN)
    with open(os.path.join(BIN, "winecfg"), "w") as f:
        f.write("#!/bin/sh\necho mine\n")
    before = snapshot(TOP)
    install()
    install()  # again: replaces its own scripts
    for name in NAMES:
        path = os.path.join(BIN, name)
        expect(os.access(path, os.X_OK), f"{name} is executable")
        text = open(path).read()
        expect(text.startswith("#!/bin/sh\n# Written by `sill wine-shim install`"), f"{name} carries the mark")
        expect(f"SILL='{SILL}'" in text or f"SILL='{os.path.realpath(SILL)}'" in text,
               f"{name} calls sill by its absolute path", text)
    if shutil.which("shellcheck"):
        p = subprocess.run(["shellcheck", "-s", "sh", *[os.path.join(BIN, name) for name in NAMES]],
                           capture_output=True, timeout=60)
        expect(p.returncode == 0, "shellcheck finds nothing in the scripts", p.stdout.decode(), p.stderr.decode())
    code, out, err = sill("wine-shim", "uninstall", SHIM)
    expect(code == 0, "uninstall succeeds", out, err)
    expect(snapshot(TOP) == before, f"the folder is as it was: {os.listdir(BIN)}")
    # Into a folder that does not exist: uninstall removes the folders install made.
    fresh = os.path.join(TOP, "new", "it's a shim")  # quoting in the scripts
    install(fresh)
    p = subprocess.run([os.path.join(fresh, "bin", "wine"), "wineserver", "-w"], capture_output=True,
                       env=environment(), timeout=25)
    expect(p.returncode == 0, "the scripts work from a folder with a space and a quote", p.stdout, p.stderr)
    code, out, err = sill("wine-shim", "uninstall", fresh)
    expect(code == 0 and not os.path.exists(os.path.join(TOP, "new")), "the made folders are gone", out, err)
    # Never over a Wine build, and nothing to uninstall where no shim is.
    os.makedirs(os.path.join(TOP, "wine", "bin"))
    with open(os.path.join(TOP, "wine", "bin", "wine"), "w") as f:
        f.write("#!/bin/sh\n")
    code, out, err = sill("wine-shim", "install", os.path.join(TOP, "wine"))
    expect(code == 1 and "not written by sill wine-shim" in err, "install refuses a foreign wine", out, err)
    code, out, err = sill("wine-shim", "uninstall", os.path.join(TOP, "wine"))
    expect(code == 1 and open(os.path.join(TOP, "wine", "bin", "wine")).read() == "#!/bin/sh\n",
           "uninstall refuses a folder without a shim", out, err)
    code, out, err = sill("wine-shim", "install")
    expect(code == 2, "a missing folder is a usage error", out, err)


def case_version():
    install()
    for name in ("wine", "wine64"):
        code, out, err = shim(name, "--version")
        expect(code == 0 and out.startswith("sill-") and "not Wine" in out, f"{name} --version says Sill", out, err)
    code, out, err = shim("wine")
    expect(code != 0 and "Usage" in err, "wine without a program fails with its usage", out, err)


def case_wineboot_lutris():
    # Lutris runs BIN/wineboot without options, then waits for system.reg, user.reg and userdef.reg
    # and reads the architecture from system.reg's first lines.
    install()
    code, out, err = shim("wineboot", env={"WINEARCH": "win64"})
    expect(code == 0, "wineboot succeeds", out, err)
    for name in ("drive_c", "dosdevices", "registry.db", "system.reg", "user.reg", "userdef.reg"):
        expect(os.path.exists(os.path.join(PREFIX, name)), f"the prefix has {name}", out, err)
    head = open(os.path.join(PREFIX, "system.reg")).read().splitlines()[:5]
    expect("win64" in "".join(head) and any("Not a registry" in line for line in head),
           f"system.reg names the architecture and says it is no registry: {head}")
    expect(not os.path.exists(os.path.join(HOME, ".local", "share", "sill")), "Sill's default prefix is untouched")
    # A launcher's own writes into user.reg survive a second boot (Bottles' wineboot -u /nogui).
    with open(os.path.join(PREFIX, "user.reg"), "a") as f:
        f.write("[Software\\\\Wine\\\\DllOverrides]\n")
    written = open(os.path.join(PREFIX, "user.reg")).read()
    code, out, err = shim("wine", "wineboot", "-u", "/nogui")
    expect(code == 0 and open(os.path.join(PREFIX, "user.reg")).read() == written, "user.reg is kept", out, err)
    code, out, err = shim("wineboot", "-i", env={"WINEARCH": "win32", "WINEPREFIX": os.path.join(TOP, "p32")})
    expect(code == 1 and "64-bit" in err and not os.path.exists(os.path.join(TOP, "p32")),
           "a 32-bit prefix is refused, nothing made", out, err)
    code, out, err = shim("wineboot", "--bogus")
    expect(code == 1 and "--bogus" in err, "an unknown option fails", out, err)


def case_run_program():
    install()
    code, out, err = shim("wine", PROG, "args", "one", "two words")
    expect(code == 0 and ["arg one", "arg two words"] == [l for l in out.splitlines() if l.startswith("arg ")],
           "wine PROGRAM ARGS runs it", out, err)
    code, out, err = shim("wine64", PROG, "exit", "7")
    expect(code == 7, f"the program's exit code comes back, got {code}", out, err)
    code, out, err = shim("wine", PROG, "env", "SILL_PREFIX")
    expect(code == 0 and f"SILL_PREFIX={PREFIX}" in out, "WINEPREFIX is the prefix", out, err)
    expect(os.path.isdir(os.path.join(PREFIX, "drive_c")), "the prefix was made there", out, err)
    # Lutris and Bottles start shortcuts and programs with start /unix.
    code, out, err = shim("wine", "start", "/unix", PROG, "args", "x")
    expect(code == 0 and "arg x" in out, "wine start /unix PROGRAM runs it", out, err)
    # Bottles starts Windows paths with `start /wait /dir FOLDER PROGRAM`.
    windows = lambda path: "Z:" + path.replace("/", "\\")
    code, out, err = shim("wine", "start", "/wait", "/dir", windows(TOP), windows(PROG), "args", "y")
    expect(code == 0 and "arg y" in out, "wine start /wait /dir FOLDER PROGRAM runs it", out, err)
    # Lutris starts a game's .lnk so: the shortcut's target runs with its arguments.
    link = os.path.join(TOP, "Game.lnk")
    subprocess.run([os.path.join(BUILD, "shell_link_dump"), "--write", link, windows(PROG), windows(TOP), "args z"],
                   check=True)
    code, out, err = shim("wine", "start", "/unix", link)
    expect(code == 0 and "arg z" in out, "wine start /unix SHORTCUT.lnk runs its target", out, err)


def case_wineserver_kill():
    install()
    for form in (["wineserver", "-k"], ["wine", "wineserver", "-k"]):  # Lutris' form, then Bottles'
        p = subprocess.Popen([os.path.join(BIN, "wine"), PROG, "tree", "2"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=environment(),
                             preexec_fn=default_signals)
        STARTED.append(p)
        line = p.stdout.readline().decode()
        expect(line.startswith("ready "), f"the program runs: {line!r}")
        pids = prefix_pids()
        expect(len(pids) == 3, f"three processes run: {pids}")
        code, out, err = shim(*form)
        expect(code == 0, f"{' '.join(form)} succeeds", out, err)
        expect(not [x for x in pids if alive(x)], "every process ended", out, err)
        p.wait(timeout=10)
        expect(p.returncode == -signal.SIGKILL, f"the program died of SIGKILL, got {p.returncode}")


def case_wineserver_wait():
    install()
    # As launchers do: the prefix first, so the program registers at once when it starts.
    code, out, err = shim("wineboot")
    expect(code == 0, "wineboot makes the prefix", out, err)
    marker = os.path.join(TOP, "linger.out")
    with open(marker, "wb") as out_file:
        p = subprocess.Popen([os.path.join(BIN, "wine"), PROG, "linger", "700"], stdout=out_file,
                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=environment())
        STARTED.append(p)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not prefix_pids():
        time.sleep(0.01)
    # The process is visible a moment before it has entered itself in the prefix's process list
    # (sill's first steps): what wineserver -w waits for is that list, as Wine's waits for processes
    # that have connected to its server.
    processes = os.path.join(PREFIX, ".sill-processes")
    while time.monotonic() < deadline and not (os.path.isdir(processes) and os.listdir(processes)):
        time.sleep(0.01)
    code, out, err = shim("wineserver", "-w")
    expect(code == 0, "wineserver -w succeeds", out, err)
    expect("lingered" in open(marker).read(), "the program had ended when wineserver -w returned", out, err)
    code, out, err = shim("wineserver", "-p")
    expect(code == 0 and "nothing done" in err, "wineserver -p is accepted with a note", out, err)
    code, out, err = shim("wineserver", "-x")
    expect(code == 1 and "-x" in err, "an unknown option fails", out, err)


def case_registry():
    install()
    key = "HKCU\\Software\\SillShimTest"
    code, out, err = shim("wine", "reg", "add", key, "/v", "Name", "/d", "hello", "/f")
    expect(code == 0, "wine reg add succeeds", out, err)
    code, out, err = shim("wine", "reg", "query", key, "/v", "Name")
    expect(code == 0 and "hello" in out, "wine reg query reads it back", out, err)
    code, out, err = sill("reg", "query", key, "/v", "Name", env={"SILL_PREFIX": PREFIX})
    expect(code == 0 and "hello" in out, "it is in the prefix's registry", out, err)
    # Lutris applies REGEDIT4 files with `wine64 regedit /S FILE` and deletes with `regedit /S /D KEY`.
    reg = os.path.join(TOP, "keys.reg")
    with open(reg, "w") as f:
        f.write('REGEDIT4\n\n[HKEY_CURRENT_USER\\Software\\SillShimLutris]\n"Value"="from regedit"\n')
    code, out, err = shim("wine64", "regedit", "/S", reg)
    expect(code == 0, "regedit /S FILE succeeds", out, err)
    code, out, err = shim("wine", "reg", "query", "HKCU\\Software\\SillShimLutris", "/v", "Value")
    expect(code == 0 and "from regedit" in out, "the file was imported", out, err)
    code, out, err = shim("regedit", "/S", "/D", "HKEY_CURRENT_USER\\Software\\SillShimLutris")
    expect(code == 0, "regedit /D KEY succeeds", out, err)
    code, out, err = shim("wine", "reg", "query", "HKCU\\Software\\SillShimLutris")
    expect(code == 1, "the key is gone", out, err)


def case_winepath():
    install()
    code, out, err = shim("winepath", "-w", TOP)
    expect(code == 0 and out.strip() == "Z:" + TOP.replace("/", "\\"), "winepath -w", out, err)
    code, out, err = shim("wine", "winepath", "-u", "C:\\windows")
    expect(code == 0 and os.path.realpath(out.strip()) == os.path.realpath(os.path.join(PREFIX, "drive_c", "windows")),
           "wine winepath -u goes through the prefix's C:", out, err)
    code, out, err = shim("winepath", "-s", "C:\\windows")
    expect(code == 1 and "-s" in err, "an unsupported option fails", out, err)


def case_unknown_tools():
    install()
    for tool, words in (("winecfg", "winecfg"), ("control", "control"), ("taskmgr", "taskmgr"),
                        ("notepad.exe", "notepad"), ("msiexec", "msiexec"), ("cmd", "cmd"), ("regedit", "Registry")):
        code, out, err = shim("wine", tool)
        expect(code != 0 and words in err and "Sill" in err, f"wine {tool} fails and says what is missing", out, err)
    code, out, err = shim("wine", "start", "/unix", os.path.join(TOP, "setup.msi"))
    expect(code == 1 and "msiexec" in err, "start of an .msi fails clearly", out, err)


def case_wine_prefix_refused():
    # A prefix that Wine made keeps Wine's registry files: the shim refuses it, changing nothing.
    install()
    os.makedirs(PREFIX)
    with open(os.path.join(PREFIX, "system.reg"), "w") as f:
        f.write("WINE REGISTRY Version 2\n;; All keys relative to \\\\Machine\n\n#arch=win64\n")
    before = snapshot(PREFIX)
    for args in (["wine", PROG, "args"], ["wineboot"], ["wine", "reg", "query", "HKCU\\Software"]):
        code, out, err = shim(*args)
        expect(code == 1 and "is a Wine prefix" in err, f"{' '.join(args[:2])} refuses Wine's prefix", out, err)
    expect(snapshot(PREFIX) == before, "Wine's prefix is unchanged")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}

if __name__ == "__main__":
    try:
        if CASE not in CASES:
            fail(f"unknown case; known: {', '.join(CASES)}")
        CASES[CASE]()
        print(f"PASS [{CASE}]")
    finally:
        cleanup()

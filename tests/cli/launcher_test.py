#!/usr/bin/env python3
"""Sill as a drop-in where launchers call wine: program paths, SILL_PREFIX made on first run
without a prompt, WINEDEBUG/SILLDEBUG, exit codes, signals, the environment children inherit, and
`sill kill` / `sill wait` over a prefix's processes. Usage: launcher_test.py SILL BUILD_DIR CASE

Every case runs in its own temporary HOME and prefix and kills what it started."""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import fcntl

import cli_support
from cli_support import alive, expect, fail  # fail() exits; cleanup() runs on the way out

SILL, BUILD, CASE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
cli_support.CASE = CASE
PROG = os.path.join(BUILD, "launcher_prog.exe")
TOP = tempfile.mkdtemp(prefix="sill-launcher-")
HOME = os.path.join(TOP, "home")
PREFIX = os.path.join(TOP, "prefix")
os.makedirs(HOME)
STARTED = []  # Popen objects to clean up


def environment(extra=None):
    env = dict(os.environ)
    for name in ("SILLDEBUG", "WINEDEBUG", "SILL_PREFIX", "WINEPREFIX", "XDG_DATA_HOME"):
        env.pop(name, None)
    env.update({"HOME": HOME, "USER": "tester", "SILL_PREFIX": PREFIX})
    env.update(extra or {})
    return env


def default_signals():
    # Whoever runs the tests may ignore SIGINT/SIGTERM (background jobs); the program must not inherit that.
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)


def run(*args, env=None, cwd=None, timeout=25):
    p = subprocess.run([SILL, *args], capture_output=True, env=environment(env), cwd=cwd, timeout=timeout,
                       stdin=subprocess.DEVNULL, preexec_fn=default_signals)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def start(*args, env=None, new_session=False, stdout=subprocess.PIPE):
    p = subprocess.Popen([SILL, *args], stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                         env=environment(env), preexec_fn=None if new_session else default_signals,
                         start_new_session=new_session)
    STARTED.append(p)
    return p


def prefix_pids(prefix=PREFIX):
    """Linux processes whose environment names this prefix: an independent look, not the registry's."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/environ", "rb") as f:
                env = f.read().split(b"\0")
            with open(f"/proc/{name}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and f"SILL_PREFIX={prefix}".encode() in env:
            pids.append(int(name))
    return pids


def cleanup():
    subprocess.run([SILL, "kill"], env=environment(), capture_output=True, timeout=20)
    for p in STARTED:
        if p.poll() is None:
            p.kill()
        p.wait()
    shutil.rmtree(TOP, ignore_errors=True)


def wait_ready(p):
    """The 'ready PID' line of a tree's leaf."""
    line = p.stdout.readline().decode()
    if not line.startswith("ready "):
        p.kill()
        fail(f"the program did not start: {line!r} {p.stderr.read().decode(errors='replace')}")
    return int(line.split()[1])


def case_unix_path():
    code, out, err = run(PROG, "args", "a", "b c")
    expect(code == 0 and "arg a\narg b c\n" in out.replace("\r", ""), "an absolute Unix path runs", out, err)
    code, out, err = run("./launcher_prog.exe", "args", "x", cwd=BUILD)
    expect(code == 0 and "arg x" in out, "a relative Unix path runs", out, err)
    code, out, err = run("launcher_prog", "args", "y", cwd=BUILD)
    expect(code == 0 and "arg y" in out, "the .exe may be left out", out, err)


def case_windows_path():
    # Z: is the Unix root, as in wine.
    code, out, err = run("Z:" + PROG.replace("/", "\\"), "args", "z")
    expect(code == 0 and "arg z" in out, "a Z:\\ path runs", out, err)
    run(PROG, "exit", "0")  # the prefix exists now
    games = os.path.join(PREFIX, "drive_c", "Games")
    os.makedirs(games)
    shutil.copy(PROG, os.path.join(games, "Prog.exe"))
    code, out, err = run("C:\\Games\\Prog.exe", "args", "c")
    expect(code == 0 and "arg c" in out, "a C:\\ path in the prefix runs", out, err)
    code, out, err = run("c:/games/prog.exe", "args", "d")
    expect(code == 0 and "arg d" in out, "forward slashes and any case", out, err)
    code, out, err = run("C:\\Games\\Missing.exe")
    expect(code == 127 and "Missing.exe" in err, "a missing Windows path is 127 with a message", out, err)


def case_prefix_noninteractive():
    # stdin is /dev/null and there is no terminal: the prefix is made silently, the program runs.
    prefix = os.path.join(TOP, "games", "one", "pfx")
    code, out, err = run(PROG, "args", "first", env={"SILL_PREFIX": prefix})
    expect(code == 0 and "arg first" in out, "the program runs on first use", out, err)
    expect(err == "", "nothing on stderr while the prefix is made", out, err)
    expect(os.path.isdir(os.path.join(prefix, "drive_c", "windows", "system32")), "the prefix was made", out, err)
    # WINEPREFIX is not read: a launcher's Wine prefix is never touched.
    wine_prefix = os.path.join(TOP, "wine")
    code, out, err = run(PROG, "exit", "0", env={"WINEPREFIX": wine_prefix})
    expect(code == 0 and not os.path.exists(wine_prefix), "WINEPREFIX is left alone", out, err)


def case_prefix_relative():
    # A relative SILL_PREFIX means the same prefix for a child started elsewhere.
    code, out, err = run(PROG, "child-env", "SILL_PREFIX", env={"SILL_PREFIX": "rel/pfx"}, cwd=TOP)
    expect(code == 0, "the child ran", out, err)
    expect(f"SILL_PREFIX={TOP}/rel/pfx" in out, "the child's prefix is absolute", out, err)
    expect(os.path.isdir(os.path.join(TOP, "rel", "pfx", "drive_c")), "the prefix was made there", out, err)


def case_debug_syntax():
    relay = "Call kernel32.ExitProcess"
    code, out, err = run(PROG, "exit", "3", env={"WINEDEBUG": "+relay"})
    expect(code == 3 and relay in err, "WINEDEBUG=+relay logs calls", out, err)
    code, out, err = run(PROG, "exit", "3", env={"WINEDEBUG": "+relay", "SILLDEBUG": "-all"})
    expect(code == 3 and relay not in err, "SILLDEBUG wins over WINEDEBUG", out, err)
    for spec in ("-all", "warn+all", "fixme-all,err+all", "+relay,-heap", "trace+loader", "nonsense,,+"):
        code, out, err = run(PROG, "exit", "4", env={"WINEDEBUG": spec})
        expect(code == 4, f"WINEDEBUG={spec} is accepted", out, err)
    code, out, err = run(PROG, "exit", "4", env={"WINEDEBUG": "-all"})
    expect(err == "", "WINEDEBUG=-all is silent", out, err)


def case_exit_codes():
    for code_in, status in (("0", 0), ("1", 1), ("255", 255), ("256", 0), ("0xC0000005", 5),
                            ("0xC000013A", 0x3A), ("0x80000003", 3)):
        code, out, err = run(PROG, "exit", code_in)
        expect(code == status, f"ExitProcess({code_in}) gives status {status}, got {code}", out, err)
    # A Windows parent sees its child's full 32-bit code; its own status is the low 8 bits of it.
    code, out, err = run(PROG, "child-env", "NO_SUCH_VARIABLE")
    expect(code == 0 and "NO_SUCH_VARIABLE unset" in out, "a child's code reaches the parent", out, err)


def case_environment():
    extra = {"SteamAppId": "4000", "SteamGameId": "4000", "DXVK_HUD": "fps,frametimes",
             "LD_LIBRARY_PATH": "/nonexistent/a:/nonexistent/b", "MixedCase_Var": "a=b;c"}
    preload = "/lib/x86_64-linux-gnu/libpthread.so.0"
    if os.path.exists(preload):
        extra["LD_PRELOAD"] = preload
    code, out, err = run(PROG, "child-env", *extra.keys(), env=extra)
    for name, value in extra.items():
        expect(f"{name}={value}" in out, f"a CreateProcess child sees {name}", out, err)
    # The child sill's own Unix environment keeps what the launcher set, unchanged.
    p = start(PROG, "tree", "1", env=extra)
    leaf = wait_ready(p)
    with open(f"/proc/{leaf}/environ", "rb") as f:
        env = dict(e.split(b"=", 1) for e in f.read().split(b"\0") if b"=" in e)
    for name, value in extra.items():
        expect(env.get(name.encode()) == value.encode(), f"the child sill's Unix {name} is {value!r}: {env.get(name.encode())!r}")
    expect(env.get(b"SILL_PREFIX") == PREFIX.encode(), "the child uses the same prefix")
    expect(env.get(b"HOME") == HOME.encode(), "HOME is unchanged")
    path_dirs = env.get(b"PATH", b"").split(b":")
    for d in os.environ.get("PATH", "").split(":"):
        if d.startswith("/"):
            expect(d.encode() in path_dirs, f"PATH keeps {d}: {path_dirs}")


def case_signal_kill():
    p = start(PROG, "tree", "0")
    wait_ready(p)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=10)
    expect(p.returncode == -signal.SIGKILL, f"death by SIGKILL is seen as SIGKILL, got {p.returncode}")


def case_signal_term_group():
    # Launchers end a game by signalling its process group: every process of it ends.
    p = start(PROG, "tree", "2", new_session=True)
    leaf = wait_ready(p)
    pids = prefix_pids()
    expect(len(pids) == 3, f"three processes run: {pids}")
    os.killpg(p.pid, signal.SIGTERM)
    p.wait(timeout=10)
    expect(p.returncode == 0x3A, f"SIGTERM ends the program as CTRL_CLOSE_EVENT does (0x3A), got {p.returncode}")
    deadline = time.monotonic() + 10
    while any(alive(x) for x in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    expect(not any(alive(x) for x in pids), f"the whole group ended: {[x for x in pids if alive(x)]}")
    expect(not alive(leaf), "the leaf ended")


def case_signal_term_leader():
    # SIGTERM to the first process only ends that one (children are processes of their own, as in
    # wine); `sill kill` then ends the rest.
    p = start(PROG, "tree", "1")
    leaf = wait_ready(p)
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=10)
    expect(p.returncode == 0x3A, f"status 0x3A after SIGTERM, got {p.returncode}")
    expect(alive(leaf), "the child still runs")
    code, out, err = run("kill")
    expect(code == 0, "sill kill succeeds", out, err)
    expect(not alive(leaf), "sill kill ended the child", out, err)


def case_kill_tree():
    p = start(PROG, "tree", "3")
    wait_ready(p)
    pids = prefix_pids()
    expect(len(pids) == 4, f"four processes run: {pids}")
    code, out, err = run("kill", "--prefix", PREFIX, env={"SILL_PREFIX": os.path.join(TOP, "other")})
    expect(code == 0, "sill kill --prefix succeeds", out, err)
    # kill returns only once every entry's lock is gone: the processes have ended, none is left over.
    expect(not [x for x in pids if alive(x)], f"every process ended: {[x for x in pids if alive(x)]}", out, err)
    p.wait(timeout=10)
    expect(p.returncode == -signal.SIGKILL, f"the first one died of SIGKILL, got {p.returncode}")
    code, out, err = run("wait", timeout=5)
    expect(code == 0, "sill wait returns at once after sill kill", out, err)


def case_kill_while_starting():
    # sill kill runs while processes are still being created: none may escape.
    for _ in range(3):
        p = start(PROG, "tree", "12", stdout=subprocess.DEVNULL)
        registry = os.path.join(PREFIX, ".sill-processes")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(prefix_pids()) < 3:
            time.sleep(0.002)
        code, out, err = run("kill")
        expect(code == 0, "sill kill succeeds", out, err)
        time.sleep(0.3)  # a child that escaped would be running by now
        left = prefix_pids()
        expect(not left, f"no process of the prefix is left: {left}")
        p.wait(timeout=10)
        expect(os.path.isdir(registry), "the registry exists")


def case_kill_reused_pid():
    # An entry whose pid now belongs to an unrelated process (another start time) is never signalled.
    run(PROG, "exit", "0")
    bystander = subprocess.Popen(["sleep", "30"])
    STARTED.append(bystander)
    entry = os.path.join(PREFIX, ".sill-processes", "p-test01")
    fd = os.open(entry, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, f"{bystander.pid} 12345\n".encode())
    # The entry stays "live" for a moment, then its holder goes away, as a process would.
    release = threading.Timer(0.5, lambda: os.close(fd))
    release.start()
    code, out, err = run("kill")
    release.join()
    expect(code == 0, "sill kill returns once the entry is released", out, err)
    expect(bystander.poll() is None, "the process that reused the pid was not killed", out, err)
    expect(not os.path.exists(entry), "the released entry was removed", out, err)


def case_kill_errors():
    code, out, err = run("kill")
    expect(code == 0, "sill kill with nothing running succeeds", out, err)
    code, out, err = run("wait", "--prefix", os.path.join(TOP, "none"))
    expect(code == 0, "sill wait on a prefix that does not exist returns 0", out, err)
    code, out, err = run("kill", "--bogus")
    expect(code == 2 and "--bogus" in err, "an unknown option is a usage error", out, err)
    code, out, err = run("wait", "extra")
    expect(code == 2, "wait takes no program", out, err)


def case_wait_stub():
    # A launcher stub starts the game and exits: sill wait returns only after the game ended.
    marker = os.path.join(TOP, "linger.out")
    with open(marker, "wb") as out_file:
        # No pipe: subprocess.run would wait for the child that inherits it.
        code = subprocess.run([SILL, PROG, "spawn-and-exit", "700"], stdout=out_file, stderr=subprocess.DEVNULL,
                              stdin=subprocess.DEVNULL, env=environment(), timeout=20).returncode
    expect(code == 0, f"the stub exits at once with 0, got {code}")
    code, out, err = run("wait")
    expect(code == 0, "sill wait returns 0", out, err)
    with open(marker) as f:
        written = f.read()
    expect("lingered" in written, f"the child had ended when sill wait returned: {written!r}", out, err)


def case_wait_late_start():
    # A process that starts after sill wait began, before the last one ended, is waited for too.
    first = start(PROG, "tree", "0")
    wait_ready(first)
    waiter = subprocess.Popen([SILL, "wait"], env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    STARTED.append(waiter)
    time.sleep(0.2)
    expect(waiter.poll() is None, "sill wait waits while a process runs")
    marker = os.path.join(TOP, "late.out")
    with open(marker, "wb") as out_file:
        late = subprocess.Popen([SILL, PROG, "linger", "700"], stdout=out_file, stderr=subprocess.DEVNULL,
                                stdin=subprocess.DEVNULL, env=environment())
    STARTED.append(late)
    deadline = time.monotonic() + 10
    while len(prefix_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.kill()
    first.wait()
    waiter.wait(timeout=20)
    expect(waiter.returncode == 0, f"sill wait returns 0, got {waiter.returncode}")
    with open(marker) as f:
        written = f.read()
    expect("lingered" in written, f"the late process had ended when sill wait returned: {written!r}")


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
try:
    if CASE not in CASES:
        fail(f"unknown case {CASE}")
    CASES[CASE]()
except subprocess.TimeoutExpired as e:
    fail(f"timed out: {e}")
finally:
    cleanup()
print(f"ok [{CASE}]")

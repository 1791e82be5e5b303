#!/usr/bin/env python3
"""`sill steam install|uninstall` and the entry script run the way Steam runs a compatibility tool:
`<tool>/sill-steam VERB ARGS...` with STEAM_COMPAT_DATA_PATH and friends in the environment.
Usage: steam_test.py SILL BUILD_DIR CASE. Each case has its own temporary HOME."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

SILL, BUILD, CASE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3]
PROG = os.path.join(BUILD, "launcher_prog.exe")
TOP = tempfile.mkdtemp(prefix="sill-steam-")
HOME = os.path.join(TOP, "home")
STEAM = os.path.join(HOME, ".local", "share", "Steam")
os.makedirs(STEAM)
os.makedirs(os.path.join(HOME, ".steam"))
os.symlink(STEAM, os.path.join(HOME, ".steam", "root"))  # Steam's own layout
TOOLS = os.path.join(STEAM, "compatibilitytools.d")
COMPAT = os.path.join(TOP, "library", "steamapps", "compatdata", "4000")
GAME_DIR = os.path.join(TOP, "library", "steamapps", "common", "Game")


def environment(extra=None):
    env = dict(os.environ)
    for name in ("SILLDEBUG", "WINEDEBUG", "SILL_PREFIX", "SILL_LOG", "PROTON_LOG", "XDG_DATA_HOME"):
        env.pop(name, None)
    env.update({"HOME": HOME, "USER": "tester"})
    env.update(extra or {})
    return env


def steam_environment(extra=None):
    """What Steam sets for a game run through a compatibility tool."""
    env = {"STEAM_COMPAT_DATA_PATH": COMPAT, "STEAM_COMPAT_CLIENT_INSTALL_PATH": STEAM,
           "STEAM_COMPAT_APP_ID": "4000", "SteamAppId": "4000", "SteamGameId": "4000",
           "STEAM_COMPAT_INSTALL_PATH": GAME_DIR}
    env.update(extra or {})
    return environment(env)


def sill(*args, env=None):
    p = subprocess.run([SILL, *args], capture_output=True, env=env or environment(), timeout=25)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def fail(message):
    print(f"FAIL [{CASE}]: {message}")
    sys.exit(1)  # cleanup() runs on the way out


def cleanup():
    if os.path.isdir(COMPAT):
        subprocess.run([SILL, "kill", "--prefix", os.path.join(COMPAT, "pfx")], capture_output=True, timeout=20)
    shutil.rmtree(TOP, ignore_errors=True)


def expect(cond, message, out="", err=""):
    if not cond:
        fail(f"{message}\n--- stdout ---\n{out}\n--- stderr ---\n{err}")


def install(name=None):
    code, out, err = sill("steam", "install", *(["--name", name] if name else []))
    expect(code == 0, "sill steam install succeeds", out, err)
    return os.path.join(TOOLS, name or "Sill")


def steam_run(script, verb, *args, extra=None, stdout=None, stderr=None):
    """Runs the entry script exactly as Steam does: the tool's command line with %verb% replaced."""
    os.makedirs(GAME_DIR, exist_ok=True)
    p = subprocess.run([script, verb, *args], env=steam_environment(extra), cwd=GAME_DIR, timeout=25,
                       stdin=subprocess.DEVNULL, stdout=stdout or subprocess.PIPE, stderr=stderr or subprocess.PIPE)
    out = p.stdout.decode(errors="replace") if p.stdout is not None else ""
    return p.returncode, out, p.stderr.decode(errors="replace") if p.stderr is not None else ""


def manifest_command(tool):
    with open(os.path.join(tool, "toolmanifest.vdf")) as f:
        text = f.read()
    m = re.search(r'"commandline"\s+"([^"]+)"', text)
    expect(m is not None, f"toolmanifest.vdf has a commandline: {text}")
    return m.group(1)


def case_install_layout():
    tool = install()
    with open(os.path.join(tool, "compatibilitytool.vdf")) as f:
        vdf = f.read()
    for pattern in (r'"compatibilitytools"\s*\{\s*"compat_tools"\s*\{\s*"Sill"\s*\{', r'"install_path"\s+"\."',
                    r'"display_name"\s+"Sill [^"]+"', r'"from_oslist"\s+"windows"', r'"to_oslist"\s+"linux"'):
        expect(re.search(pattern, vdf), f"compatibilitytool.vdf matches {pattern}", vdf)
    expect(vdf.count("{") == vdf.count("}"), "braces balance", vdf)
    with open(os.path.join(tool, "toolmanifest.vdf")) as f:
        manifest = f.read()
    expect(re.search(r'"manifest"\s*\{\s*"version"\s+"2"', manifest), "toolmanifest.vdf is version 2", manifest)
    expect(manifest_command(tool) == "/sill-steam %verb%", "the command line names the script", manifest)
    script = os.path.join(tool, "sill-steam")
    expect(os.access(script, os.X_OK), "the entry script is executable")
    # Installing again replaces Sill's own tool; a second one under another name sits beside it.
    install()
    other = install("Sill-test")
    with open(os.path.join(other, "compatibilitytool.vdf")) as f:
        expect('"Sill-test"' in f.read(), "--name names the tool")
    code, out, err = sill("steam", "install", "--name", "a/b")
    expect(code == 2, "a name with a slash is refused", out, err)


def case_install_places():
    # No Steam folder at all: a clear error, nothing created.
    global HOME
    HOME = os.path.join(TOP, "bare")
    os.makedirs(HOME)
    code, out, err = sill("steam", "install")
    expect(code == 1 and "Steam" in err and "--dir" in err, "no Steam folder is a clear error", out, err)
    expect(os.listdir(HOME) == [], "nothing was created", out, err)
    # The Flatpak's folder when only it exists.
    flatpak = os.path.join(HOME, ".var", "app", "com.valvesoftware.Steam", "data", "Steam")
    os.makedirs(flatpak)
    code, out, err = sill("steam", "install")
    expect(code == 0 and os.path.isfile(os.path.join(flatpak, "compatibilitytools.d", "Sill", "toolmanifest.vdf")),
           "the Flatpak's compatibilitytools.d is used", out, err)
    # --dir anywhere.
    elsewhere = os.path.join(TOP, "elsewhere")
    code, out, err = sill("steam", "install", "--dir", elsewhere)
    expect(code == 0 and os.path.isfile(os.path.join(elsewhere, "Sill", "sill-steam")), "--dir is honoured", out, err)


def case_uninstall():
    tool = install()
    code, out, err = sill("steam", "uninstall")
    expect(code == 0 and not os.path.exists(tool), "uninstall removes the folder", out, err)
    code, out, err = sill("steam", "uninstall")
    expect(code == 1, "uninstalling twice says there is nothing", out, err)
    foreign = os.path.join(TOOLS, "Proton-GE")
    os.makedirs(foreign)
    with open(os.path.join(foreign, "compatibilitytool.vdf"), "w") as f:
        f.write("x")
    code, out, err = sill("steam", "uninstall", "--name", "Proton-GE")
    expect(code == 1 and os.path.isfile(os.path.join(foreign, "compatibilitytool.vdf")), "another tool is left alone",
           out, err)
    code, out, err = sill("steam", "install", "--name", "Proton-GE")
    expect(code == 1, "install does not overwrite another tool", out, err)


def case_run_like_steam():
    tool = install()
    script = tool + manifest_command(tool).split()[0]
    exe = os.path.join(GAME_DIR, "game.exe")
    os.makedirs(GAME_DIR)
    shutil.copy(PROG, exe)
    code, out, err = steam_run(script, "waitforexitandrun", exe, "args", "-windowed", "two words")
    expect(code == 0, f"the game ran, status {code}", out, err)
    expect("arg -windowed\narg two words\n" in out.replace("\r", ""), "arguments pass through", out, err)
    expect(os.path.isdir(os.path.join(COMPAT, "pfx", "drive_c", "windows")), "the prefix is compatdata/4000/pfx", out, err)
    code, out, err = steam_run(script, "waitforexitandrun", exe, "exit", "0xC0000005")
    expect(code == 5, f"the exit code passes through (low 8 bits), got {code}", out, err)
    code, out, err = steam_run(script, "waitforexitandrun", exe, "child-env", "SteamAppId", "SteamGameId",
                               "STEAM_COMPAT_CLIENT_INSTALL_PATH")
    expect(code == 0 and "SteamAppId=4000" in out and "SteamGameId=4000" in out, "children see Steam's ids", out, err)
    expect(f"STEAM_COMPAT_CLIENT_INSTALL_PATH={STEAM}" in out, "and Steam's variables", out, err)
    code, out, err = steam_run(script, "run", exe, "args", "installer")
    expect(code == 0 and "arg installer" in out, "the run verb runs too", out, err)


def case_wait_verb():
    # An install script started with `run` leaves a process behind; `waitforexitandrun` starts the
    # game only once it has ended.
    tool = install()
    script = os.path.join(tool, "sill-steam")
    marker = os.path.join(TOP, "order.out")
    with open(marker, "ab") as f:
        # Not a pipe: subprocess.run would wait for the child holding it open.
        code, out, err = steam_run(script, "run", PROG, "spawn-and-exit", "700", stdout=f, stderr=subprocess.DEVNULL)
    expect(code == 0, "the stub ran", out, err)
    with open(marker, "ab") as f:
        code, out, err = steam_run(script, "waitforexitandrun", PROG, "args", "game", stdout=f)
    expect(code == 0, "the game ran", out, err)
    with open(marker) as f:
        text = f.read().replace("\r", "")
    expect(text.find("lingered") >= 0 and text.find("lingered") < text.find("arg game"),
           f"the earlier process ended before the game started: {text!r}")


def case_path_verbs():
    tool = install()
    script = os.path.join(tool, "sill-steam")
    code, out, err = steam_run(script, "getcompatpath", "/usr/share")
    expect(code == 0 and out.strip() == "Z:\\usr\\share", "getcompatpath gives a Windows path", out, err)
    code, out, err = steam_run(script, "getnativepath", "C:\\windows")
    expect(code == 0 and os.path.realpath(out.strip()) == os.path.realpath(os.path.join(COMPAT, "pfx", "drive_c", "windows")),
           "getnativepath gives the prefix's folder", out, err)


def case_log_file():
    tool = install()
    script = os.path.join(tool, "sill-steam")
    logs = os.path.join(TOP, "logs")
    os.makedirs(logs)
    code, out, err = steam_run(script, "waitforexitandrun", PROG, "exit", "0",
                               extra={"SILL_LOG": "+relay", "SILL_LOG_DIR": logs})
    expect(code == 0 and err == "", "stderr goes to the log", out, err)
    with open(os.path.join(logs, "sill-4000.log")) as f:
        log = f.read()
    expect("Call kernel32.ExitProcess" in log, "the log has the chosen channels", log)
    code, out, err = steam_run(script, "waitforexitandrun", PROG, "exit", "0",
                               extra={"PROTON_LOG": "1", "SILL_LOG_DIR": logs})
    expect(code == 0 and err == "", "PROTON_LOG=1 logs as well", out, err)


def case_bad_verb():
    tool = install()
    code, out, err = steam_run(os.path.join(tool, "sill-steam"), "frobnicate", PROG)
    expect(code == 2 and "frobnicate" in err, "an unknown verb is an error naming it", out, err)
    code, out, err = sill("steam")
    expect(code == 2, "steam without install/uninstall is a usage error", out, err)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
try:
    if CASE not in CASES:
        fail(f"unknown case {CASE}")
    CASES[CASE]()
finally:
    cleanup()
print(f"ok [{CASE}]")

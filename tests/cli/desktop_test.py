#!/usr/bin/env python3
"""Tests of `sill desktop` on the files it generates, each case in its own temporary home
with HOME and XDG_* pointed into it (XDG_DATA_DIRS stays the system's, for shared-mime-info
and xdg-mime). Generated .desktop files must pass desktop-file-validate.

Usage: desktop_test.py SILL BUILD_DIR CASE"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SILL, BUILD, CASE = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
INSTALLER = os.path.join(BUILD, "installer_like.exe")
ICON_APP = os.path.join(BUILD, "icon_app.exe")  # a PE with icon groups (icon_test.py's)
TOP = tempfile.mkdtemp(prefix="sill-desktop-")
HOME = os.path.join(TOP, "home")
DATA = os.path.join(HOME, ".local", "share")
CONFIG = os.path.join(HOME, ".config")
PREFIX = os.path.join(TOP, "prefix")
os.makedirs(HOME)
ENV = {k: v for k, v in os.environ.items()
       if not k.startswith(("XDG_", "KDE_", "GNOME_", "DESKTOP_SESSION", "SILL", "WINE"))}
ENV.update(HOME=HOME, USER="tester", SILL_PREFIX=PREFIX, XDG_DATA_HOME=DATA, XDG_CONFIG_HOME=CONFIG,
           XDG_DATA_DIRS="/usr/local/share:/usr/share", XDG_CONFIG_DIRS=os.path.join(TOP, "etc-xdg"))


def fail(message):
    print(f"FAIL: {message}")
    shutil.rmtree(TOP, ignore_errors=True)
    sys.exit(1)


def run(args, check=True, env=None):
    p = subprocess.run(args, capture_output=True, env=env or ENV, timeout=120)
    if check and p.returncode != 0:
        fail(f"{' '.join(args)} exited {p.returncode}:\n{p.stdout.decode(errors='replace')}"
             f"{p.stderr.decode(errors='replace')}")
    return p


def sill(*args, check=True, env=None):
    return run([SILL, *args], check, env)


def query_default(mime):
    return run(["xdg-mime", "query", "default", mime], check=False).stdout.decode().strip()


def all_files(root):
    found = []
    for d, _, files in os.walk(root):
        found += [os.path.join(d, f) for f in files]
    return sorted(found)


def validate(path):
    p = run(["desktop-file-validate", path], check=False)
    out = (p.stdout + p.stderr).decode(errors="replace")
    if p.returncode != 0 or "error:" in out:
        fail(f"desktop-file-validate {path}:\n{out}\n{open(path).read()}")


def read_entry(path):
    entry = {}
    for line in open(path, encoding="utf-8"):
        if "=" in line and not line.startswith("#"):
            k, v = line.rstrip("\n").split("=", 1)
            entry[k] = v
    return entry


def write_ico(path, size=32):
    """A .ico with one 32-bit PNG image: a red square."""
    raw = b"".join(b"\0" + b"\xff\x00\x00\xff" * size for _ in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) +
           chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png), 22) + png)


def windows_path(unix):
    return sill("path", "--windows", unix).stdout.decode().strip()


def install_program(env=None):
    ico = os.path.join(TOP, "app icon.ico")
    write_ico(ico)
    p = run([SILL, INSTALLER, "install", windows_path(ico), windows_path(ICON_APP)], check=False, env=env)
    if p.returncode != 0 or b"not ok" in p.stdout:
        fail(f"installer_like.exe install: {p.stdout.decode(errors='replace')}{p.stderr.decode(errors='replace')}")


def menu_entries():
    return [f for f in all_files(os.path.join(DATA, "applications", "sill")) if f.endswith(".desktop")]


def entry_named(name):
    found = [f for f in menu_entries() if read_entry(f).get("Name") == name]
    return found[0] if found else None


def icon_file(entry, size):
    icon = read_entry(entry).get("Icon", "")
    png = os.path.join(DATA, "icons", "hicolor", f"{size}x{size}", "apps", icon + ".png")
    if not icon or not os.path.isfile(png) or open(png, "rb").read(8) != b"\x89PNG\r\n\x1a\n":
        fail(f"no {size}x{size} icon for {entry}: {png}")
    return png


def case_install_uninstall():
    before = query_default("application/x-ms-dos-executable")
    sill("prefix", "init")
    sill("desktop", "install")
    handler = os.path.join(DATA, "applications", "sill.desktop")
    validate(handler)
    entry = read_entry(handler)
    if entry.get("Exec") != f"{SILL} %f":
        fail(f"Exec is {entry.get('Exec')!r}")
    types = entry.get("MimeType", "")
    for t in ("application/x-ms-dos-executable", "application/x-msdownload",
              "application/vnd.microsoft.portable-executable"):
        if t not in types:
            fail(f"MimeType lacks {t}: {types}")
        if query_default(t) != "sill.desktop":
            fail(f"xdg-mime query default {t} answers {query_default(t)!r}")
    if "application/x-msi" in types:
        fail("application/x-msi claimed without msiexec")
    listing = sill("desktop", "list").stdout.decode()
    if handler not in listing or "default application/x-ms-dos-executable -> sill.desktop" not in listing:
        fail(f"sill desktop list:\n{listing}")
    sill("desktop", "install")  # twice: still one record each
    sill("desktop", "uninstall")
    left = all_files(DATA) + all_files(CONFIG)
    if left or os.path.exists(DATA) and os.listdir(DATA):
        fail(f"uninstall left {left}")
    if query_default("application/x-ms-dos-executable") != before:
        fail(f"after uninstall the default is {query_default('application/x-ms-dos-executable')!r}, was {before!r}")


def case_uninstall_keeps_user_choice():
    os.makedirs(CONFIG)
    with open(os.path.join(CONFIG, "mimeapps.list"), "w") as f:
        f.write("[Default Applications]\napplication/x-msdownload=old.desktop;\n")
    sill("desktop", "install")
    if query_default("application/x-msdownload") != "sill.desktop":
        fail("install did not take application/x-msdownload")
    run(["xdg-mime", "default", "mine.desktop", "application/x-ms-dos-executable"])
    if "(changed by the user since)" not in sill("desktop", "list").stdout.decode():
        fail("list does not mark the default the user changed")
    sill("desktop", "uninstall")
    text = open(os.path.join(CONFIG, "mimeapps.list")).read()
    if "application/x-ms-dos-executable=mine.desktop" not in text:
        fail(f"uninstall undid the user's own default:\n{text}")
    if "application/x-msdownload=old.desktop;" not in text:
        fail(f"uninstall did not give back the previous default:\n{text}")


def case_installer():
    text_default = query_default("text/plain")
    install_program()
    entries = [entry_named("Sill Test App"), entry_named("Sill Test COM")]
    if None in entries or len(menu_entries()) != 2:
        fail(f"expected the entries of both shortcuts, found {menu_entries()}")
    for entry in entries:
        validate(entry)
    e = read_entry(entries[0])
    exe = run([SILL, "path", "--unix", windows_path(INSTALLER)]).stdout.decode().strip()
    want_exec = f'env SILL_PREFIX={PREFIX} {SILL} {exe} --mode "two words" 100%%'
    if e.get("Name") != "Sill Test App" or e.get("Exec") != want_exec:
        fail(f"Name/Exec: {e.get('Name')!r} {e.get('Exec')!r}, expected Exec {want_exec!r}")
    if e.get("Path") != os.path.dirname(exe) or e.get("Comment") != "A test program for Sill's menu entries":
        fail(f"Path/Comment: {e.get('Path')!r} {e.get('Comment')!r}")
    png = icon_file(entries[0], 32)
    # The shortcut saved through IShellLinkW: its target's icon group (a PE resource) as the icon.
    com = read_entry(entries[1])
    icon_app = run([SILL, "path", "--unix", windows_path(ICON_APP)]).stdout.decode().strip()
    if com.get("Exec") != f"env SILL_PREFIX={PREFIX} {SILL} {icon_app} --from-com" or \
            com.get("Comment") != "Saved through IShellLinkW":
        fail(f"the IShellLinkW shortcut's entry: {com}")
    com_png = icon_file(entries[1], 48)
    menu = os.path.join(CONFIG, "menus", "applications-merged")
    menus = all_files(menu)
    if len(menus) != 1 or "<Name>Sill Test</Name>" not in open(menus[0]).read():
        fail(f"menu merge file: {menus}")
    for d in all_files(os.path.join(DATA, "desktop-directories")):
        validate(d)
    # The association: a new type for .sillx, the default for it; .sillt keeps text/plain's default.
    apps = os.path.join(DATA, "applications")
    assoc = [os.path.join(apps, f) for f in os.listdir(apps) if f.startswith("sill-") and "-assoc-" in f]
    if len(assoc) != 2:
        fail(f"expected two association entries, found {assoc}")
    for a in assoc:
        validate(a)
    packages = all_files(os.path.join(DATA, "mime", "packages"))
    if len(packages) != 1 or 'type="application/x-sill-sillx"' not in open(packages[0]).read():
        fail(f"MIME package: {packages}")
    doc = os.path.join(TOP, "doc.sillx")
    open(doc, "w").write("x")
    filetype = run(["xdg-mime", "query", "filetype", doc], check=False).stdout.decode().strip()
    if filetype != "application/x-sill-sillx":
        fail(f"xdg-mime query filetype answers {filetype!r}")
    default = query_default("application/x-sill-sillx")
    if not default.startswith("sill-") or query_default("text/plain") != text_default:
        fail(f"defaults: x-sill-sillx -> {default!r}, text/plain -> {query_default('text/plain')!r}")
    doc_entry = [a for a in assoc if "application/x-sill-sillx" in read_entry(a).get("MimeType", "")]
    if len(doc_entry) != 1 or not read_entry(doc_entry[0])["Exec"].endswith(" desktop open SillTest.Document %f"):
        fail(f"the .sillx entry: {doc_entry}")
    if default != os.path.basename(doc_entry[0]):
        fail(f"the default {default!r} is not the .sillx entry {doc_entry[0]}")
    opened = sill("desktop", "open", "SillTest.Document", doc).stdout.decode()
    if f"opened {windows_path(doc)}" not in opened:
        fail(f"sill desktop open: {opened!r}")
    listing = sill("desktop", "list").stdout.decode()
    if entries[0] not in listing or png not in listing:
        fail(f"list lacks the menu entry or icon:\n{listing}")
    # Deleting the shortcut (DeleteFileW) removes the entry and its icons.
    p = run([SILL, INSTALLER, "remove"], check=False)
    if p.returncode != 0:
        fail(f"installer_like.exe remove: {p.stdout.decode(errors='replace')}")
    if menu_entries() != [entries[1]] or os.path.exists(png) or not os.path.exists(com_png):
        fail(f"after DeleteFileW on one shortcut: {menu_entries()}, icon {png} left: {os.path.exists(png)}")
    if "<Name>Sill Test</Name>" in open(menus[0]).read():
        fail("the emptied Start Menu folder is still a submenu")


def case_sync():
    install_program()
    entry = entry_named("Sill Test App")
    os.remove(entry)
    if "(missing)" not in sill("desktop", "list").stdout.decode():
        fail("list does not mark a missing file")
    os.utime(os.path.join(PREFIX, "drive_c", "ProgramData", "Microsoft", "Windows", "Start Menu", "Programs",
                          "Sill Test", "Sill Test App.lnk"))
    sill("desktop", "sync")
    if entry_named("Sill Test App") != entry or len(menu_entries()) != 2:
        fail(f"sync did not rebuild the same entry: {menu_entries()}")
    shutil.rmtree(os.path.join(PREFIX, "drive_c", "ProgramData", "Microsoft", "Windows", "Start Menu", "Programs",
                               "Sill Test"))
    sill("desktop", "sync")
    if entry_named("Sill Test App") or len(menu_entries()) != 1:
        fail(f"sync kept a stale entry: {menu_entries()}")
    sill("desktop", "uninstall", "--all")
    left = all_files(DATA) + all_files(CONFIG)
    if left:
        fail(f"uninstall --all left {left}")


def case_disabled():
    sill("prefix", "init")
    sill("desktop", "disable")
    install_program()
    if menu_entries():
        fail("the prefix's switch did not stop menu entries")
    sill("desktop", "enable")
    if len(menu_entries()) != 2:
        fail("enable did not bring the entries back")
    sill("desktop", "uninstall", "--all")
    for name, value in (("SILL_NO_MENUS", "1"), ("WINEDLLOVERRIDES", "winemenubuilder.exe=d")):
        shutil.rmtree(PREFIX)
        install_program(env=dict(ENV, **{name: value}))
        if menu_entries() or os.path.exists(os.path.join(DATA, "mime")):
            fail(f"{name}={value} did not stop menu entries or associations")


globals()["case_" + CASE]()
shutil.rmtree(TOP, ignore_errors=True)
print("PASS")

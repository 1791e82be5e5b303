#!/usr/bin/env python3
"""A shortcut written by shell32's ShellLink (the shell_link conformance program, run under
sill) read back on the host with desktop/shell_link.h (shell_link_dump): both sides of Sill
agree on the .lnk format. Usage: shell_link_test.py SILL PROGRAM DUMP"""
import os
import subprocess
import sys
import tempfile

SILL, PROGRAM, DUMP = sys.argv[1:4]


def fail(message):
    print(f"FAIL [shell_link]: {message}")
    sys.exit(1)


with tempfile.TemporaryDirectory(prefix="sill-lnk-") as top:
    env = dict(os.environ, SILL_PREFIX=os.path.join(top, "prefix"))
    env.pop("SILLDEBUG", None)
    p = subprocess.run([SILL, PROGRAM, "C:\\kept.lnk"], capture_output=True, env=env, timeout=60)
    if p.returncode != 0:
        fail(f"the program failed ({p.returncode}):\n{p.stdout.decode(errors='replace')}{p.stderr.decode(errors='replace')}")
    p = subprocess.run([SILL, "path", "--unix", "C:\\kept.lnk"], capture_output=True, env=env, timeout=30, text=True)
    lnk = p.stdout.strip()
    if not os.path.isfile(lnk):
        fail(f"no shortcut at {lnk!r}")
    p = subprocess.run([DUMP, lnk], capture_output=True, timeout=30, text=True)
    if p.returncode != 0:
        fail(f"shell_link_dump failed: {p.stderr}")
    fields = dict(line.split("=", 1) for line in p.stdout.splitlines())

    def expect(name, test, what):
        if not test(fields.get(name, "")):
            fail(f"{name} is {fields.get(name)!r}, expected {what}")

    expect("target_path", lambda v: v.lower().endswith("\\sill_lnk_dir\\target.exe") and v[1:3] == ":\\",
           "the absolute path of ...\\sill_lnk_dir\\target.exe")
    expect("id_list_path", lambda v: v.lower() == fields["target_path"].lower(), "the target path")
    expect("arguments", lambda v: v == '-windowed "two words"', "the arguments set")
    expect("working_dir", lambda v: v.lower().endswith("\\sill_lnk_dir"), "the working directory set")
    expect("description", lambda v: v == "Sill test shortcut \u00e9", "the description set")
    expect("icon_location", lambda v: v.lower() == "c:\\windows\\system32\\shell32.dll", "the icon set")
    expect("icon_index", lambda v: v == "3", "3")
    expect("show_command", lambda v: v == "3", "SW_SHOWMAXIMIZED")
    expect("hotkey", lambda v: v == str(0x064C), "Ctrl+Alt+L")
    expect("file_size", lambda v: v == "9", "the target's size")
print("ok")

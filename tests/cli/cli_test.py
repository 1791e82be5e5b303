#!/usr/bin/env python3
"""Tests of the sill command: usage, errors on bad input, missing imports,
+relay, info and check. Usage: cli_test.py SILL BUILD_DIR CASE

Every run must end with the expected status and never by a signal: bad input
gets a `sill: ...` sentence, not a crash."""
import os
import re
import struct
import subprocess
import sys
import tempfile

import cli_support
from cli_support import expect, fail

SILL, BUILD, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
cli_support.CASE = CASE
HELLO = os.path.join(BUILD, "hello_cli.exe")
STATUS_ENTRYPOINT_NOT_FOUND_LOW8 = 0xC0000139 & 0xFF


def run(*args, env=None, stdin=b""):
    full_env = dict(os.environ)
    full_env.pop("SILLDEBUG", None)
    full_env.pop("WINEDEBUG", None)
    full_env.update(env or {})
    p = subprocess.run([SILL, *args], input=stdin, capture_output=True, env=full_env, timeout=25)
    if p.returncode < 0:
        fail(f"sill {' '.join(args)} was killed by signal {-p.returncode}\nstderr: {p.stderr.decode(errors='replace')}")
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def expect_error(args, status, pattern):
    code, out, err = run(*args)
    expect(code == status, f"expected exit status {status}, got {code}", out, err)
    expect(err.startswith("sill: "), "the error must be a 'sill: ...' sentence on stderr", out, err)
    expect(re.search(pattern, err, re.I), f"stderr should match /{pattern}/", out, err)
    expect("Segmentation" not in err and "core dumped" not in err, "no crash report", out, err)


def patched(name, patch):
    data = bytearray(open(HELLO, "rb").read())
    patch(data)
    path = os.path.join(tempfile.mkdtemp(prefix="sill-cli-"), name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def nt_offset(data):
    return struct.unpack_from("<I", data, 0x3C)[0]


def scratch(name, content):
    path = os.path.join(tempfile.mkdtemp(prefix="sill-cli-"), name)
    with open(path, "wb") as f:
        f.write(content)
    return path


def case_help():
    code, out, err = run("--help")
    expect(code == 0 and "Usage: sill" in out and "info" in out and "check" in out, "--help prints usage", out, err)


def case_version():
    code, out, err = run("--version")
    expect(code == 0 and re.match(r"sill \d+\.\d+\.\d+", out), "--version prints the version", out, err)


def case_no_program():
    code, out, err = run()
    expect(code == 2 and err.startswith("sill: "), "no arguments is a usage error", out, err)


def case_unknown_option():
    code, out, err = run("--frobnicate", HELLO)
    expect(code == 2 and err.startswith("sill: ") and "frobnicate" in err, "unknown options are named", out, err)


def case_missing_file():
    expect_error(["/nonexistent/dir/prog.exe"], 127, r"No such file")


def case_directory():
    expect_error([tempfile.mkdtemp()], 126, r"directory")


def case_not_pe():
    expect_error([scratch("text.exe", b"#!/bin/sh\necho not windows\n" * 10)], 126, r"not a Windows (executable|program)")


def case_empty():
    expect_error([scratch("empty.exe", b"")], 126, r"empty|not a Windows|truncated")


def case_truncated():
    data = open(HELLO, "rb").read()
    for size in (64, 200, 400, 1000, 3000):
        path = scratch(f"cut{size}.exe", data[:size])
        code, out, err = run(path)
        expect(code == 126 and err.startswith("sill: "), f"a file cut at {size} bytes is refused", out, err)


def case_pe32():
    path = patched("pe32.exe", lambda d: struct.pack_into("<H", d, nt_offset(d) + 24, 0x10B))
    expect_error([path], 126, r"32-bit")


def case_arm64():
    path = patched("arm64.exe", lambda d: struct.pack_into("<H", d, nt_offset(d) + 4, 0xAA64))
    expect_error([path], 126, r"ARM64")


def case_bad_section_table():
    path = patched("sections.exe", lambda d: struct.pack_into("<H", d, nt_offset(d) + 6, 0xFFFF))
    expect_error([path], 126, r"section")


def case_run_subcommand():
    code, out, err = run("run", HELLO, "x")
    expect(code == 2 and out == "hello from 2 argument(s)\r\n", "sill run PROGRAM works like sill PROGRAM", out, err)


def case_exit_status():
    code, out, err = run(HELLO, "a", "b c", "d")
    expect(code == 4, f"the program's exit code (4) is sill's status, got {code}", out, err)
    expect(out == "hello from 4 argument(s)\r\n", "stdout passes through in text mode", out, err)


def case_missing_function():
    code, out, err = run(os.path.join(BUILD, "calls_missing.exe"))
    expect(code == 0 and "before the call" in out, "an unused missing import does not stop the program", out, err)
    code, out, err = run(os.path.join(BUILD, "calls_missing.exe"), "call")
    expect("before the call" in out, "the program runs until it calls the missing function", out, err)
    expect("kernel32.dll!SillNoSuchFunction" in err, "the message names dll!function", out, err)
    expect(code == STATUS_ENTRYPOINT_NOT_FOUND_LOW8, f"exit status from STATUS_ENTRYPOINT_NOT_FOUND, got {code}", out, err)


def case_missing_dll():
    code, out, err = run(os.path.join(BUILD, "missing_dll.exe"))
    expect("started" in out, "a missing DLL does not stop loading", out, err)
    expect("sillabsent.dll!sill_absent_function" in err, "the call names dll!function", out, err)
    expect(code == STATUS_ENTRYPOINT_NOT_FOUND_LOW8, f"exit status from STATUS_ENTRYPOINT_NOT_FOUND, got {code}", out, err)


def case_relay():
    code, out, err = run(HELLO, env={"SILLDEBUG": "+relay"})
    expect(code == 1 and out == "hello from 1 argument(s)\r\n", "+relay does not change what the program does", out, err)
    expect(re.search(r'Call msvcrt\.printf\("hello from %d argument\(s\)\\n",\.\.\.\)', err),
           "variadic calls are logged with their format", out, err)
    expect(re.search(r"Call (kernel32|ntdll)\.\w+\(.*\)", err), "calls into kernel32/ntdll are logged", out, err)
    expect(re.search(r"Ret  (kernel32|ntdll)\.\w+\(\) retval=[0-9a-f]+", err), "return values are logged", out, err)
    expect(re.search(r"Call PE entry point", err), "the call into the program is logged", out, err)


def case_relay_exceptions():
    # C++ exceptions thrown in callbacks unwind through relay thunks and built-in frames.
    program = os.path.join(BUILD, "..", "conformance", "cxx_exceptions.exe")
    code, out, err = run(program, env={"SILLDEBUG": "+relay"})
    expect(code == 0 and "not ok" not in out and out.count("ok ") >= 5, "the program behaves as without +relay", out, err[-3000:])
    expect(re.search(r"Call msvcrt\.qsort\(", err), "the qsort call is logged", out, err[-3000:])


def case_mutated_images():
    # Randomly damaged copies of a program (mostly in its headers): each must load and run, or be
    # refused with a sentence, or fail as a Windows exception; never kill sill with a signal or hit
    # an internal error. A damaged program may also wait forever (mingw's start-up lock): allowed.
    import random
    rng = random.Random(20261123)
    original = open(HELLO, "rb").read()
    folder = tempfile.mkdtemp(prefix="sill-mutated-")
    for i in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            pos = rng.randint(0, 0x600) if rng.random() < 0.7 else rng.randint(0, len(data) - 1)
            data[pos] = rng.randint(0, 255)
        path = os.path.join(folder, f"m{i}.exe")
        with open(path, "wb") as f:
            f.write(data)
        try:
            p = subprocess.run([SILL, path], capture_output=True, timeout=2, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            continue
        err = p.stderr.decode(errors="replace")
        expect(p.returncode >= 0, f"{path}: killed by signal {-p.returncode}", "", err)
        expect("internal error" not in err and "Segmentation" not in err, f"{path}: sill itself failed", "", err)


def case_info():
    code, out, err = run("info", HELLO)
    expect(code == 0, "info succeeds", out, err)
    for needle in ("msvcrt.dll", "kernel32.dll", "printf", ".text", "SetLastError"):
        expect(needle.lower() in out.lower(), f"info lists {needle}", out, err)
    expect(re.search(r"x86-64|AMD64|8664", out, re.I), "info names the machine", out, err)


def case_info_resources():
    program = os.path.join(BUILD, "..", "conformance", "resources.exe")
    code, out, err = run("info", program)
    expect(code == 0, "info succeeds", out, err)
    for needle in ("Resources (6 types)", "RT_STRING (6): 3", "\"MYTYPE\": 2", "File version: 1.2.3.4",
                   "Product version: 5.6.7.8", "ProductName: Sill Resources Test", "FileVersion: 1.2.3.4"):
        expect(needle in out, f"info shows {needle}", out, err)


def case_info_malformed():
    code, out, err = run("info", scratch("bad.dll", b"MZ" + b"\xff" * 100))
    expect(code != 0 and err.startswith("sill: "), "info on a malformed file is an error sentence", out, err)


def case_check_ok():
    code, out, err = run("check", HELLO)
    expect(code == 0, "every import of a mingw hello world is provided", out, err)


def case_check_missing():
    code, out, err = run("check", os.path.join(BUILD, "calls_missing.exe"))
    expect(code == 1 and "SillNoSuchFunction" in out, "check lists the missing function and fails", out, err)
    code, out, err = run("check", os.path.join(BUILD, "missing_dll.exe"))
    expect(code == 1 and "sillabsent.dll" in out.lower(), "check names the missing DLL", out, err)


globals()["case_" + CASE]()
print(f"PASS [{CASE}]")

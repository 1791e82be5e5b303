#!/usr/bin/env python3
"""Tests of the registry from outside: `sill reg` (query/add/delete/import/export
round trips), a damaged store, and the crash test: writers killed with SIGKILL at
random moments while others keep writing; afterwards every acknowledged write is
there and the store checks clean. Each case runs in its own temporary prefix.

Usage: registry_test.py SILL BUILD_DIR CASE"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SILL, BUILD, CASE = sys.argv[1], sys.argv[2], sys.argv[3]
TOP = tempfile.mkdtemp(prefix="sill-registry-")
PREFIX = os.path.join(TOP, "prefix")
ENV = dict(os.environ, SILL_PREFIX=PREFIX, HOME=TOP, USER="tester", XDG_DATA_HOME=os.path.join(TOP, "data"))


def run(*args, check=True):
    p = subprocess.run([SILL, *args], capture_output=True, env=ENV, timeout=60)
    if check and p.returncode != 0:
        fail(f"sill {' '.join(args)} exited {p.returncode}: {p.stderr.decode(errors='replace')}")
    return p


def fail(message):
    print(f"FAIL: {message}")
    shutil.rmtree(TOP, ignore_errors=True)
    sys.exit(1)


def case_reg_roundtrip():
    run("prefix", "init")
    run("reg", "add", r"HKCU\Software\RT", "/v", "Text", "/d", "hello world")
    run("reg", "add", r"HKCU\Software\RT", "/v", "N", "/t", "REG_DWORD", "/d", "42")
    run("reg", "add", r"HKCU\Software\RT\Sub", "/ve", "/t", "REG_BINARY", "/d", "00ff10")
    run("reg", "add", r"HKCU\Software\RT", "/v", "M", "/t", "REG_MULTI_SZ", "/d", "a|b", "/s", "|")
    out = run("reg", "query", r"HKCU\Software\RT", "/s").stdout.decode()
    for want in ["    Text    REG_SZ    hello world", "    N    REG_DWORD    0x2a", "    (Default)    REG_BINARY    00FF10",
                 r"    M    REG_MULTI_SZ    a\0b", r"HKCU\Software\RT\Sub"]:
        if want not in out:
            fail(f"query output lacks {want!r}:\n{out}")
    first = os.path.join(TOP, "first.reg")
    run("reg", "export", r"HKEY_CURRENT_USER\Software\RT", first)
    data = open(first, "rb").read()
    if not data.startswith(b"\xff\xfe" + "Windows Registry Editor Version 5.00\r\n".encode("utf-16-le")):
        fail("export is not a version 5 UTF-16 file")
    run("reg", "delete", r"HKCU\Software\RT", "/f")
    if run("reg", "query", r"HKCU\Software\RT", check=False).returncode != 1:
        fail("the deleted key is still there")
    run("reg", "import", first)
    second = os.path.join(TOP, "second.reg")
    run("reg", "export", r"HKEY_CURRENT_USER\Software\RT", second)
    if open(second, "rb").read() != data:
        fail("export -> import -> export is not byte for byte the same")
    old = os.path.join(TOP, "old.reg")
    run("reg", "export", r"HKCU\Software\RT", old, "/reg4")
    if not open(old, "rb").read().startswith(b"REGEDIT4\r\n\r\n"):
        fail("/reg4 does not write REGEDIT4")
    bad = os.path.join(TOP, "bad.reg")
    open(bad, "w").write("REGEDIT4\n[HKEY_CURRENT_USER\\X]\n\"v\"=dword:zz\n")
    p = run("reg", "import", bad, check=False)
    if p.returncode != 1 or b"line 3" not in p.stderr:
        fail(f"a bad .reg file should fail naming its line: {p.stderr!r}")


def case_damaged_store():
    run("prefix", "init")
    db = os.path.join(PREFIX, "registry.db")
    for extra in ("-wal", "-shm"):
        if os.path.exists(db + extra):
            os.remove(db + extra)
    with open(db, "wb") as f:
        f.write(b"this is not a database" * 200)
    p = run("reg", "query", r"HKCU\Software", check=False)
    err = p.stderr.decode()
    if p.returncode != 1 or db not in err or "will not replace" not in err or p.returncode < 0:
        fail(f"a damaged store must be a clear error naming it, got {p.returncode}: {err!r}")
    if os.path.getsize(db) != len(b"this is not a database") * 200:
        fail("the damaged store was replaced")
    # A program's registry calls fail with an error code (reg_writer exits 3 when RegCreateKeyEx fails)
    # and the message names the file; the program is not killed.
    writer = os.path.join(BUILD, "reg_writer.exe")
    p = subprocess.run([SILL, writer, "w", "0", "1"], capture_output=True, env=ENV, timeout=30)
    if p.returncode != 3 or db not in p.stderr.decode():
        fail(f"a program on a damaged store should see its call fail, got {p.returncode}: {p.stderr!r}")


def acknowledged(proc_out):
    return [int(x) for x in proc_out.split()]


def case_crash():
    run("prefix", "init")
    writer = os.path.join(BUILD, "reg_writer.exe")
    rng = random.Random(int(os.environ.get("SILL_CRASH_SEED", "1")))
    acked = {}       # writer name -> set of acknowledged indexes
    next_index = {}  # writer name -> next index to write
    names = [f"w{i}" for i in range(4)]
    deadline = time.time() + float(os.environ.get("SILL_CRASH_SECONDS", "5"))
    kills = 0
    while time.time() < deadline:
        # Most writers are killed at a random moment; the others finish a short run meanwhile.
        procs = []
        for n in names:
            start = next_index.get(n, 0)
            doomed = rng.random() < 0.75
            p = subprocess.Popen([SILL, writer, n, str(start), "100000" if doomed else "200"],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV)
            procs.append((n, p, doomed))
        time.sleep(rng.uniform(0.05, 0.6))
        for n, p, doomed in procs:
            if doomed:
                p.send_signal(signal.SIGKILL)
                kills += 1
        for n, p, _ in procs:
            out = p.communicate(timeout=60)[0].decode()
            got = acknowledged(out)
            acked.setdefault(n, set()).update(got)
            if got:
                next_index[n] = max(got) + 1
            else:
                next_index.setdefault(n, 0)
            next_index[n] = max(next_index[n], max(acked[n], default=-1) + 1) + 1000  # fresh names each round
    total = sum(len(s) for s in acked.values())
    if total == 0:
        fail("no write was acknowledged")
    check = run("reg", "check", check=False)
    if check.returncode != 0:
        fail(f"the store does not check clean after {kills} kills: {check.stdout.decode()}{check.stderr.decode()}")
    for n, indexes in acked.items():
        out = run("reg", "query", rf"HKCU\Software\SillCrash\{n}").stdout.decode()
        present = set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0].startswith("v") and parts[1] == "REG_DWORD":
                if int(parts[2], 16) != int(parts[0][1:]):
                    fail(f"{n}\\{parts[0]} holds {parts[2]}")
                present.add(int(parts[0][1:]))
        missing = indexes - present
        if missing:
            fail(f"{len(missing)} acknowledged writes of {n} are lost, e.g. {sorted(missing)[:5]}")
    print(f"ok: {total} acknowledged writes survived {kills} SIGKILLs; the store checks clean")


CASES = {"reg_roundtrip": case_reg_roundtrip, "damaged_store": case_damaged_store, "crash": case_crash}

if __name__ == "__main__":
    CASES[CASE]()
    shutil.rmtree(TOP, ignore_errors=True)
    print(f"PASS: {CASE}")

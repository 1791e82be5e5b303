"""`sill check biome.exe` reports no missing import: every function the Rust/MSVC build of biome
imports (UCRT sets, vcruntime140, kernel32, ntdll, ws2_32, bcrypt, advapi32, shell32, combase)
has an implementation. Part of the biome acceptance job (biome_test.py runs it)."""
import argparse
import subprocess
import sys

import npm_programs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sill", required=True)
    args = ap.parse_args()
    exe = npm_programs.fetch_or_exit("biome-win32") / "biome.exe"
    r = subprocess.run([args.sill, "check", str(exe)], capture_output=True, text=True, timeout=120)
    missing = [line.strip() for line in r.stdout.splitlines() if "missing" in line and "none missing" not in line]
    if r.returncode != 0 or missing:
        print(f"not ok - sill check biome.exe (exit {r.returncode}):\n" + "\n".join(missing) + r.stderr)
        return 1
    print("ok - sill check biome.exe: no missing imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())

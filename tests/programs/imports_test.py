"""`sill check PROGRAM` reports no missing import: every function a public program imports (for
biome.exe the UCRT sets, vcruntime140, kernel32, ntdll, ws2_32, bcrypt, advapi32, shell32, combase;
for esbuild.exe, built by Go, the ~50 kernel32 functions it binds statically) has an
implementation. `--package` names the npm package (npm_programs.PACKAGES), `--exe` the file in it."""
import argparse
import subprocess
import sys

import npm_programs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sill", required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--exe", required=True)
    args = ap.parse_args()
    exe = npm_programs.fetch_or_exit(args.package) / args.exe
    r = subprocess.run([args.sill, "check", str(exe)], capture_output=True, text=True, timeout=120)
    missing = [line.strip() for line in r.stdout.splitlines() if "missing" in line and "none missing" not in line]
    if r.returncode != 0 or missing:
        print(f"not ok - sill check {args.exe} (exit {r.returncode}):\n" + "\n".join(missing) + r.stderr)
        return 1
    print(f"ok - sill check {args.exe}: no missing imports")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Acceptance test: biome.exe (@biomejs/cli-win32-x64, Rust built with MSVC: the UCRT through the
api-ms-win-crt-* sets, vcruntime140, bcryptprimitives, ws2_32) against the Linux build of the same
version, run natively on the same small project.

Jobs: --version; `format` (check mode: the diff it reports and its exit code); `format --write`
(the files it leaves); `lint` (diagnostics and exit code). Output must match the Linux build's
after two normalisations, both of which the Windows build is right to differ in:
  - path separators: the Windows build names files `src\\a.js`, the Linux one `src/a.js`;
  - durations ("Checked 3 files in 2ms"): wall-clock time, different on every run.
"""
import argparse
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import npm_programs

FIXTURES = {
    # Formatting problems only: quotes, spacing, a missing semicolon, a long call.
    "src/format_me.js": "const greeting = 'hello'\nfunction add(a,b){return a+b}\n"
                        "console.log(add(1,2), greeting, [1,2,3].map(x=>x*2), {a:1,b:2})\n",
    "src/clean.ts": "export function twice(value: number): number {\n\treturn value * 2;\n}\n",
    # Lint problems: debugger, a double-equals comparison, an unused variable.
    "src/lint_me.js": "export function check(a) {\n\tdebugger;\n\tif (a == 1) {\n\t\treturn true;\n\t}\n"
                      "\tconst unused = 3;\n\treturn false;\n}\n",
    "biome.json": '{\n  "formatter": { "indentStyle": "tab" },\n  "linter": { "enabled": true }\n}\n',
}

DURATION = re.compile(r"\bin \d+(\.\d+)?(ns|µs|us|ms|s)\b")


def normalise(text):
    return DURATION.sub("in <time>", text.replace("\r\n", "\n").replace("\\", "/"))


def make_project(root):
    for name, text in FIXTURES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def run(command, cwd):
    r = subprocess.run(command, cwd=cwd, capture_output=True, timeout=120,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "NO_COLOR": "1", "BIOME_LOG_PATH": str(cwd / ".log")})
    return r.returncode, normalise(r.stdout.decode("utf-8", "replace")), normalise(r.stderr.decode("utf-8", "replace"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sill", required=True)
    args = ap.parse_args()
    windows = npm_programs.fetch_or_exit("biome-win32") / "biome.exe"
    linux = npm_programs.fetch_or_exit("biome-linux") / "biome"

    jobs = [
        ("--version", ["--version"]),
        ("format (check)", ["format", "--colors=off", "src"]),
        ("lint", ["lint", "--colors=off", "src"]),
        ("format --write", ["format", "--colors=off", "--write", "src"]),
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="sill-biome-") as tmp:
        tmp = pathlib.Path(tmp)
        for title, job in jobs:
            results = []
            for side, command in (("linux", [str(linux)]), ("sill", [args.sill, str(windows)])):
                project = tmp / side
                if project.exists():
                    shutil.rmtree(project)
                make_project(project)
                code, out, err = run(command + job, project)
                files = {n: (project / n).read_text() for n in FIXTURES}
                results.append((code, out, err, files))
            (lcode, lout, lerr, lfiles), (scode, sout, serr, sfiles) = results
            same = lcode == scode and lout == sout and lerr == serr and lfiles == sfiles
            print(f"{'ok' if same else 'not ok'} - biome {title}: exit {scode} (Linux build: {lcode})")
            if not same:
                failures += 1
                for what, l, s in (("stdout", lout, sout), ("stderr", lerr, serr)):
                    if l != s:
                        print(f"--- Linux build {what}:\n{l}\n--- under sill:\n{s}")
                for n in FIXTURES:
                    if lfiles[n] != sfiles[n]:
                        print(f"--- {n} differs after the job:\nLinux:\n{lfiles[n]}\nsill:\n{sfiles[n]}")
            elif title == "--version" and "2.5.15" not in sout:
                print(f"not ok - biome --version does not name the pinned version: {sout!r}")
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""Acceptance test: esbuild.exe (@esbuild/win32-x64, Go: kernel32 imports only, the rest loaded at
run time; its runtime suspends threads to preempt goroutines and waits on completion ports) against
the Linux build of the same version, run natively on the same inputs.

Jobs: --version; bundle + minify a small TypeScript/JavaScript/JSON project from files, to stdout
and to an output file with a source map (the files are compared byte for byte); a generated
project of a few hundred modules (many goroutines, so the runtime's preemption runs); a TypeScript
file from stdin; a syntax error (esbuild's message on stderr and its exit code).

What may differ, and is normalised:
  - esbuild's Windows build marks errors with "X" where the Linux build prints "✘" (esbuild.exe
    does so on real Windows too: "X [ERROR] Invalid build flag", github.com/yonathan06/
    fastify-typescript-starter/issues/5);
  - lines of Sill's own debug channels ("1a2b:fixme:...") on stderr, which are not esbuild's.
Nothing else is: the bundles, source maps (with their relative paths) and messages are identical.
"""
import argparse
import pathlib
import random
import re
import subprocess
import sys
import tempfile

import npm_programs

FIXTURES = {
    "src/index.ts": """import { greet, Shape } from "./greet";
import { sum } from "./math.js";
import config from "./config.json";

interface Options { loud: boolean }

export function main(opts: Options): string {
  const shapes: Shape[] = [{ kind: "circle", r: 2 }, { kind: "square", side: 3 }];
  const total = sum(shapes.map((s) => (s.kind === "circle" ? Math.PI * s.r * s.r : s.side * s.side)));
  const text = `${greet(config.name)} total=${total.toFixed(3)}`;
  return opts.loud ? text.toUpperCase() : text;
}

console.log(main({ loud: process.argv.includes("--loud") }));
""",
    "src/greet.ts": """export type Shape = { kind: "circle"; r: number } | { kind: "square"; side: number };

export enum Tone { Warm = "warm", Cold = "cold" }

export class Greeter {
  #count = 0;
  constructor(private readonly tone: Tone) {}
  greet(name: string): string {
    this.#count++;
    return `${this.tone === Tone.Warm ? "Hello" : "Hi"}, ${name} (#${this.#count})`;
  }
}

export function greet(name: string): string {
  return new Greeter(Tone.Warm).greet(name);
}
""",
    "src/math.js": """export const sum = (xs) => xs.reduce((a, b) => a + b, 0);
export function unused() { return "tree-shaken away"; }
""",
    "src/config.json": '{ "name": "esbuild under sill", "version": 3 }\n',
    "bad.js": "let x = (1 +;\n",
}

SILL_DEBUG_LINE = re.compile(rb"^[0-9a-f]+:(fixme|err|warn|trace):.*\n", re.M)


def generated_project(modules=200, seed=7):
    """A few hundred TypeScript modules importing each other (deterministic)."""
    rng = random.Random(seed)
    files = {}
    for i in range(modules):
        deps = [j for j in rng.sample(range(modules), 3) if j != i]
        lines = [f'import {{ f{j} }} from "./m{j}";' for j in deps]
        lines.append(f"export interface T{i} {{ a: number; b: string; c: T{i}[] }}")
        lines.append(f"export function f{i}(x: number): number {{")
        for k in range(40):
            lines.append(f"  const v{k}: T{i} = {{ a: x * {k} + {i}, b: `s{i}_{k}_${{x}}`, c: [] }};"
                         f" if (v{k}.a % {k + 2} === 0) x += v{k}.b.length;")
        lines.append(f"  return x > {i * 10} ? x : {' + '.join(f'f{j}(x + 1)' for j in deps) or 'x'};")
        lines.append("}")
        files[f"gen/m{i}.ts"] = "\n".join(lines) + "\n"
    files["gen/index.ts"] = 'import { f0 } from "./m0";\nconsole.log(f0(1));\n' + "".join(
        f'export {{ f{i} }} from "./m{i}";\n' for i in range(modules))
    return files


def make_project(root):
    for name, text in {**FIXTURES, **generated_project()}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def run(command, cwd, stdin=b""):
    r = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, timeout=120,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(cwd), "NO_COLOR": "1"})
    err = SILL_DEBUG_LINE.sub(b"", r.stderr).replace("✘ [ERROR]".encode(), b"X [ERROR]")
    return r.returncode, r.stdout, err


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sill", required=True)
    args = ap.parse_args()
    windows = npm_programs.fetch_or_exit("esbuild-win32") / "esbuild.exe"
    linux = npm_programs.fetch_or_exit("esbuild-linux") / "bin" / "esbuild"

    typescript = FIXTURES["src/greet.ts"].encode()
    # (title, arguments, stdin, output files to compare); stdout, stderr and exit codes always are
    jobs = [
        ("--version", ["--version"], b"", []),
        ("bundle + minify to stdout", ["src/index.ts", "--bundle", "--minify", "--platform=node"], b"", []),
        ("bundle with a source map to a file",
         ["src/index.ts", "--bundle", "--platform=node", "--sourcemap", "--outfile=out/bundle.js",
          "--log-level=warning"], b"", ["out/bundle.js", "out/bundle.js.map"]),
        ("bundle + minify a generated project of 200 modules",
         ["gen/index.ts", "--bundle", "--minify", "--outfile=out/gen.js", "--log-level=warning"], b"",
         ["out/gen.js"]),
        ("TypeScript from stdin", ["--loader=ts", "--minify"], typescript, []),
        ("a syntax error", ["bad.js"], b"", []),
    ]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="sill-esbuild-") as tmp:
        tmp = pathlib.Path(tmp)
        for side in ("linux", "sill"):
            make_project(tmp / side)
        for title, job, stdin, outputs in jobs:
            results = []
            for side, command in (("linux", [str(linux)]), ("sill", [args.sill, str(windows)])):
                project = tmp / side
                code, out, err = run(command + job, project, stdin)
                files = {n: (project / n).read_bytes() if (project / n).exists() else None for n in outputs}
                results.append((code, out, err, files))
            (lcode, lout, lerr, lfiles), (scode, sout, serr, sfiles) = results
            same = (lcode == scode and lout == sout and lerr == serr and lfiles == sfiles
                    and all(v is not None for v in sfiles.values()))
            print(f"{'ok' if same else 'not ok'} - esbuild {title}: exit {scode} (Linux build: {lcode})")
            if not same:
                failures += 1
                print(f"# stdout: {sout[:400]!r}\n#   Linux: {lout[:400]!r}")
                print(f"# stderr: {serr[:800]!r}\n#   Linux: {lerr[:800]!r}")
                for n in outputs:
                    if lfiles[n] != sfiles[n]:
                        print(f"# {n} differs ({len(sfiles[n] or b'')} bytes, Linux: {len(lfiles[n] or b'')})")
    print(f"1..{len(jobs)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

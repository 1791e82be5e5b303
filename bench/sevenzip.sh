#!/usr/bin/env bash
# make bench (7-Zip): 64 MiB of mixed data (text, executable code, random and zero-filled
# blocks, in files of several sizes) compressed into a .7z (LZMA2, -mx=5, two threads) and
# extracted again by:
#   sill 7za.exe        (7zip-bin 5.2.0: 7-Zip 21.07 for Windows, MSVC build)
#   wine64 7za.exe      (Debian's Wine, when installed; warm prefix and wineserver)
#   7z                  (Debian's p7zip-full: 7-Zip built for Linux)
# Debian's 7z is another 7-Zip version (its version is in the label), so the native figure is a
# reference, not the same code. The tables give wall time and the CPU time (user + system) of
# each run: on a busy machine CPU time is the steadier figure.
# Usage: bench/sevenzip.sh BUILD_DIR. Tables go to BUILD_DIR/bench/sevenzip-*.md.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
src=$(cd "$(dirname "$0")/.." && pwd)
sill="$build/sill"
command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (tools/bootstrap.sh)" >&2; exit 1; }
[ -x "$sill" ] || { echo "bench: $sill is missing; build first (make build)" >&2; exit 1; }
package=$(python3 "$src/tests/programs/npm_programs.py" 7zip-bin) || { echo "bench: cannot fetch 7zip-bin" >&2; exit 1; }
sevenza="$package/win/x64/7za.exe"
native=$(command -v 7z || true)
[ -n "$native" ] || echo "bench: Debian's 7z (p7zip-full) is not installed; left out" >&2
native_label="Linux 7z"
[ -z "$native" ] || native_label="Linux 7z $("$native" i | sed -n 's/^7-Zip.* \([0-9]*\.[0-9]*\) .*/\1/p' | head -1)"

work=$(mktemp -d "${TMPDIR:-/tmp}/sill-bench-7z-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/bench"
export SILL_PREFIX="$work/prefix" SILLDEBUG=-all

# The data set: deterministic, so every run and every tool gets the same bytes.
python3 - "$work/data" <<'PY'
import os, random, sys
root = sys.argv[1]
rng = random.Random(64)
words = "the quick brown fox jumps over a lazy dog while seven zip packs every byte it sees".split()
code = b"".join(open(p, "rb").read() for p in ("/usr/bin/python3", "/bin/bash") if os.path.exists(p))
def text(n):
    out, size = [], 0
    while size < n:
        line = " ".join(rng.choice(words) for _ in range(12)) + "\n"
        out.append(line); size += len(line)
    return "".join(out).encode()[:n]
kinds = {
    "text": text,
    "code": lambda n: (code * (n // max(len(code), 1) + 1))[:n],
    "random": lambda n: rng.randbytes(n),
    "zeros": lambda n: bytes(n),
}
mib = 1 << 20
plan = [("text", 16), ("code", 16), ("random", 16), ("zeros", 16)]  # MiB per kind: 64 MiB
for kind, total in plan:
    os.makedirs(os.path.join(root, kind), exist_ok=True)
    left, i = total * mib, 0
    for size in [8 * mib, 4 * mib, 2 * mib, 1 * mib, 512 << 10, 256 << 10, 128 << 10] * 8:
        if left <= 0: break
        size = min(size, left)
        with open(os.path.join(root, kind, f"{kind}{i:03}.bin"), "wb") as f: f.write(kinds[kind](size))
        left -= size; i += 1
PY

. "$src/bench/warm_wine.sh"

cd "$work"
switches="-t7z -mx=5 -mmt=2 -bso0 -bsp0"

# hyperfine's JSON as a table of wall and CPU times.
table() {
  python3 - "$1" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["results"]
print("| Command | Wall [s] | User [s] | System [s] | CPU vs first |")
print("|:---|---:|---:|---:|---:|")
first = rows[0]["user"] + rows[0]["system"]
for r in rows:
    cpu = r["user"] + r["system"]
    print(f"| {r['command']} | {r['mean']:.2f} ± {r['stddev'] or 0:.2f} | {r['user']:.2f} | {r['system']:.2f} | {cpu / first:.2f} |")
PY
}
compress=(-n "sill 7za.exe" "$sill $sevenza a $switches sill.7z data")
[ -z "$wine" ] || compress+=(-n "wine64 7za.exe (warm)" "$wine $sevenza a $switches wine.7z data")
[ -z "$native" ] || compress+=(-n "$native_label" "$native a $switches native.7z data")
echo "7-Zip: compress 64 MiB ($(nproc) cores):"
hyperfine -N --runs 3 --prepare "rm -f $work/sill.7z $work/wine.7z $work/native.7z" \
  --export-json "$work/compress.json" "${compress[@]}"
table "$work/compress.json" | tee "$build/bench/sevenzip-compress.md"

# Extraction of one archive (the one sill made) by each.
[ -f sill.7z ] || "$sill" "$sevenza" a $switches sill.7z data
extract=(-n "sill 7za.exe" "$sill $sevenza x -y -bso0 -bsp0 -oout_sill sill.7z")
[ -z "$wine" ] || extract+=(-n "wine64 7za.exe (warm)" "$wine $sevenza x -y -bso0 -bsp0 -oout_wine sill.7z")
[ -z "$native" ] || extract+=(-n "$native_label" "$native x -y -bso0 -bsp0 -oout_native sill.7z")
echo "7-Zip: extract 64 MiB ($(nproc) cores):"
hyperfine -N --warmup 1 --runs 5 --export-json "$work/extract.json" "${extract[@]}"
table "$work/extract.json" | tee "$build/bench/sevenzip-extract.md"
cmp -s data/text/text000.bin out_sill/data/text/text000.bin || { echo "bench: sill's extraction differs" >&2; exit 1; }

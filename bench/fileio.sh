#!/usr/bin/env bash
# make bench (second part): 100 000 small WriteFile + ReadFile calls, and a walk of a
# directory of 10 000 files, as one C source (bench/fileio.c) built for Windows and for Linux:
# under sill vs native Linux vs Debian's Wine when installed. Tables go to BUILD_DIR/bench/.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
sill="$build/sill"
pe="$build/bench/fileio.exe"
native="$build/bench/fileio_native"
work=$(mktemp -d "${TMPDIR:-/tmp}/sill-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
for f in "$sill" "$pe" "$native"; do
  [ -e "$f" ] || { echo "bench: $f is missing; build first (make build)" >&2; exit 1; }
done
mkdir -p "$work/native" "$work/sill" "$work/wine"
. "$(dirname "$0")/warm_wine.sh"

for job in write walk; do
  args=(-n "native Linux" "$native $job $work/native" -n "sill" "$sill $pe $job $work/sill")
  [ -z "$wine" ] || args+=(-n "wine64 (warm)" "$wine $pe $job $work/wine")
  echo "fileio $job ($(nproc) cores):"
  hyperfine -N --warmup 2 --min-runs 5 --export-markdown "$build/bench/fileio-$job.md" "${args[@]}"
  cat "$build/bench/fileio-$job.md"
done

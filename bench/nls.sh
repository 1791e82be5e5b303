#!/usr/bin/env bash
# Text costs (bench/nls.c) in milliseconds: ICU called natively, the same work through
# MultiByteToWideChar/CompareStringEx under sill, and under Debian's Wine when installed.
# Best of three runs; the programs time themselves.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
pe=$build/bench/nls.exe
native=$build/bench/nls_native
missing=$(for f in "$build/sill" "$pe" "$native"; do [ -e "$f" ] || printf '%s ' "$f"; done)
if [ -n "$missing" ]; then
  echo "bench: missing $missing(make build first)" >&2
  exit 1
fi
wine=
for candidate in wine64 /usr/lib/wine/wine64; do
  if command -v "$candidate" >/dev/null; then wine=$(command -v "$candidate"); break; fi
done
if [ -n "$wine" ]; then export WINEPREFIX="$build/bench/wineprefix" WINEDEBUG=-all; fi

minimum() { for _ in 1 2 3; do "$@"; done | awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2 } END { for (k in m) print k, m[k] }' | sort; }

join -a1 <(minimum "$native") <(LC_ALL=en_US.UTF-8 minimum "$build/sill" "$pe") >"$build/bench/nls.tmp"
if [ -n "$wine" ]; then
  join -a1 "$build/bench/nls.tmp" <(LC_ALL=en_US.UTF-8 minimum "$wine" "$pe") >"$build/bench/nls.tmp2"
  mv "$build/bench/nls.tmp2" "$build/bench/nls.tmp"
fi
{
  echo "| ms | ICU native | sill | wine64 |"
  echo "|:---|---:|---:|---:|"
  awk '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, ($4 == "" ? "-" : $4) }' "$build/bench/nls.tmp"
} | tee "$build/bench/nls.md"
rm -f "$build/bench/nls.tmp"
echo "(saved to $build/bench/nls.md)"

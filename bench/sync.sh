#!/usr/bin/env bash
# make bench (third part): synchronization costs per operation, one C source (bench/sync.c)
# built for Windows and for Linux/pthreads: native vs sill vs Debian's Wine when installed.
# Each program times itself; the best of three runs is shown, in nanoseconds per operation.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
pe="$build/bench/sync.exe"
native="$build/bench/sync_native"
for f in "$build/sill" "$pe" "$native"; do
  [ -e "$f" ] || { echo "bench: $f is missing; build first (make build)" >&2; exit 1; }
done
wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
[ -z "$wine" ] || export WINEPREFIX="$build/bench/wineprefix" WINEDEBUG=-all

best_of_three() {  # prints "name ns" lines, the minimum over three runs for each name
  for _ in 1 2 3; do "$@"; done | awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2; if (!($1 in o)) o[$1] = n++ }
    END { for (k in o) print o[k], k, m[k] }' | sort -n | cut -d' ' -f2-
}

declare -A results
columns=("native Linux" "sill")
mapfile -t native_lines < <(best_of_three "$native")
mapfile -t sill_lines < <(best_of_three "$build/sill" "$pe")
wine_lines=()
if [ -n "$wine" ]; then
  columns+=("wine64")
  mapfile -t wine_lines < <(best_of_three "$wine" "$pe")
fi
report="$build/bench/sync.md"
{
  printf '| ns per operation |'; for c in "${columns[@]}"; do printf ' %s |' "$c"; done; printf ' sill / native |\n'
  printf '|:---|'; for _ in "${columns[@]}"; do printf -- '---:|'; done; printf -- '---:|\n'
  for i in "${!native_lines[@]}"; do
    read -r name n <<<"${native_lines[$i]}"
    read -r _ s <<<"${sill_lines[$i]:-x 0}"
    row="| $name | $n | $s |"
    if [ -n "$wine" ]; then read -r _ w <<<"${wine_lines[$i]:-x 0}"; row+=" $w |"; fi
    row+=" $(awk -v s="$s" -v n="$n" 'BEGIN { printf "%.2f", (n > 0 ? s / n : 0) }') |"
    echo "$row"
  done
} | tee "$report"
echo "(saved to $report)"

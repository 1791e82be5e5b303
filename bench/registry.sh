#!/usr/bin/env bash
# make bench (registry): bench/registry.c as a PE under sill and under Debian's Wine when
# installed, each in a prefix of its own. The best of three runs, in nanoseconds per operation.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
pe="$build/bench/registry.exe"
for f in "$build/sill" "$pe"; do
  [ -e "$f" ] || { echo "bench: $f is missing; build first (make build)" >&2; exit 1; }
done
wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
[ -z "$wine" ] || export WINEPREFIX="$build/bench/wineprefix" WINEDEBUG=-all
export SILL_PREFIX="$build/bench/sillprefix"

best_of_three() {  # prints "name ns" lines, the minimum over three runs for each name
  for _ in 1 2 3; do "$@"; done | awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2; if (!($1 in o)) o[$1] = n++ }
    END { for (k in o) print o[k], k, m[k] }' | sort -n | cut -d' ' -f2-
}

columns=("sill")
mapfile -t sill_lines < <(best_of_three "$build/sill" "$pe")
wine_lines=()
if [ -n "$wine" ]; then
  columns+=("wine64")
  "$wine" wineboot >/dev/null 2>&1 || true
  mapfile -t wine_lines < <(best_of_three "$wine" "$pe")
fi
report="$build/bench/registry.md"
{
  printf '| ns per operation |'; for c in "${columns[@]}"; do printf ' %s |' "$c"; done
  [ -z "$wine" ] || printf ' wine / sill |'
  printf '\n|:---|'; for _ in "${columns[@]}"; do printf -- '---:|'; done; [ -z "$wine" ] || printf -- '---:|'; printf '\n'
  for i in "${!sill_lines[@]}"; do
    read -r name s <<<"${sill_lines[$i]}"
    row="| $name | $s |"
    if [ -n "$wine" ]; then
      read -r _ w <<<"${wine_lines[$i]:-x 0}"
      row+=" $w | $(awk -v s="$s" -v w="$w" 'BEGIN { printf "%.1f", (s > 0 ? w / s : 0) }') |"
    fi
    echo "$row"
  done
} | tee "$report"
echo "(saved to $report)"

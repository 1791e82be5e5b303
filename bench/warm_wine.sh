# Sourced by the benchmarks: finds Debian's Wine (wine64) and keeps its prefix and wineserver
# warm for the run, as on a desktop that uses Wine. Needs $build and $work; sets $wine (empty
# when Wine is not installed) and an EXIT trap that stops the wineserver and removes $work.
wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
if [ -n "$wine" ]; then
  export WINEPREFIX="$build/bench/wineprefix" WINEDEBUG=-all
  [ -d "$WINEPREFIX" ] || "$wine" wineboot -i >/dev/null 2>&1 || true
  wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
  "$wineserver" -p 2>/dev/null || true
  trap '"$wineserver" -k 2>/dev/null || true; rm -rf "$work"' EXIT
fi

#!/usr/bin/env bash
# make bench: start-up time of a hello-world program, in one hyperfine run:
#   sill hello.exe        (examples/hello.c built by mingw-w64)
#   hello_native          (the same source built for Linux by the host compiler)
#   wine64 hello.exe      (Debian's Wine, when installed; warm: prefix made and
#                          wineserver kept running, as on a desktop that uses Wine)
# Usage: bench/startup.sh BUILD_DIR. The table is also saved as BUILD_DIR/bench/startup.md.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
sill="$build/sill"
hello_pe="$build/examples/hello.exe"
hello_native="$build/bench/hello_native"
report="$build/bench/startup.md"

command -v hyperfine >/dev/null || { echo "bench: hyperfine is not installed (tools/bootstrap.sh)" >&2; exit 1; }
for f in "$hello_pe" "$hello_native"; do
  [ -f "$f" ] || { echo "bench: $f is missing; build first (make build)" >&2; exit 1; }
done

names=() commands=() problems=0

# A command that does not print Hello, World! is not measured: timing a failure means nothing.
add_if_working() {
  local name=$1 command=$2
  if out=$($command 2>/dev/null) && [ "${out%$'\r'}" = "Hello, World!" ]; then
    names+=("$name") commands+=("$command")
  else
    echo "bench: '$command' does not print Hello, World! yet; left out" >&2
    problems=1
  fi
}

add_if_working "native Linux" "$hello_native"
if [ -x "$sill" ]; then
  add_if_working "sill" "$sill $hello_pe"
else
  echo "bench: $sill is missing; left out" >&2
  problems=1
fi

wine=$(command -v wine64 || true)
[ -n "$wine" ] || [ ! -x /usr/lib/wine/wine64 ] || wine=/usr/lib/wine/wine64
if [ -n "$wine" ]; then
  export WINEPREFIX="$build/bench/wineprefix" WINEDEBUG=-all
  wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver)
  # The first run creates the prefix (tens of seconds): do it before measuring.
  [ -d "$WINEPREFIX" ] || { echo "bench: creating the Wine prefix $WINEPREFIX" >&2; "$wine" wineboot -i >/dev/null 2>&1 || true; }
  "$wineserver" -p 2>/dev/null || true
  trap '"$wineserver" -k 2>/dev/null || true' EXIT
  add_if_working "wine64 (warm)" "$wine $hello_pe"
else
  echo "bench: wine64 is not installed; comparing without it" >&2
fi

args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
[ ${#args[@]} -gt 0 ] || { echo "bench: nothing to measure" >&2; exit 1; }

echo "Start-up of hello world ($(nproc) cores, $(uname -r)):"
hyperfine -N --warmup 3 --min-runs 20 --export-markdown "$report" "${args[@]}"
echo
cat "$report"
echo "(saved to $report)"

# Where sill's start-up goes beyond the wall clock, which a busy machine makes noisy:
# the shared objects ld.so maps, its own time (relocations), and CPU time and page
# faults, each the best of 10 runs. ICU, SQLite and Nettle are linked statically
# (cmake/ThirdPartyLibraries.cmake), so they should not be among the shared objects.
if [ -x "$sill" ] && [[ " ${names[*]} " == *" sill "* ]]; then
  echo
  echo "sill's shared objects: $(ldd "$sill" | awk '/=>/{print $1}' | tr '\n' ' ')"
  best_loader=$(for _ in $(seq 10); do LD_DEBUG=statistics "$sill" "$hello_pe" 2>&1 >/dev/null |
    awk '/total startup time in dynamic loader/{print $(NF-1)}'; done | sort -n | head -1)
  echo "ld.so start-up (best of 10): ${best_loader:-?} cycles"
  if command -v perf >/dev/null && perf stat -e task-clock true 2>/dev/null; then
    for _ in $(seq 10); do
      perf stat -x, -e task-clock,page-faults "$sill" "$hello_pe" 2>&1 >/dev/null |
        awk -F, '/task-clock/{t=$1} /page-faults/{p=$1} END{print t, p}'
    done | sort -n | head -1 | awk '{printf "CPU time (best of 10): %.2f ms, page faults: %d\n", $1, $2}'
  fi
fi
exit "$problems"

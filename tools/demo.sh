#!/usr/bin/env bash
# make demo: runs the bundled sample programs (examples/) under sill and shows
# what each one demonstrates, its output and its exit status.
# Usage: tools/demo.sh BUILD_DIR   (SILL_DEMO_LAUNCHER=wine64 runs them under Wine instead)
set -uo pipefail

build=${1:-build}
examples="$build/examples"
if [ -n "${SILL_DEMO_LAUNCHER:-}" ]; then
  read -r -a launcher <<<"$SILL_DEMO_LAUNCHER"
else
  launcher=("$build/sill")
  if [ ! -x "$build/sill" ]; then
    echo "demo: $build/sill not found; build first (make build)" >&2
    exit 1
  fi
fi

bold=$'\e[1m' green=$'\e[32m' red=$'\e[31m' reset=$'\e[0m'
[ -t 1 ] || bold="" green="" red="" reset=""
failures=0

# demo TITLE EXPLANATION STDIN_TEXT PROGRAM ARGS...
demo() {
  local title=$1 explanation=$2 input=$3 program=$4
  shift 4
  echo
  echo "${bold}== $title${reset}"
  echo "$explanation" | fold -s -w 78
  echo "\$ $(basename "${launcher[0]}") ${program#"$build"/} $*"
  if [ ! -f "$program" ]; then
    echo "${red}missing $program (did the mingw-w64 build run?)${reset}"
    failures=$((failures + 1))
    return
  fi
  local status
  if [ -n "$input" ]; then
    printf '%s' "$input" | "${launcher[@]}" "$program" "$@" | sed 's/\r$//'
    status=${PIPESTATUS[1]}
  else
    "${launcher[@]}" "$program" "$@" </dev/null | sed 's/\r$//'
    status=${PIPESTATUS[0]}
  fi
  if [ "$status" -eq 0 ]; then
    echo "${green}exit status 0${reset}"
  else
    echo "${red}exit status $status${reset}"
    failures=$((failures + 1))
  fi
}

text='It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness.
'

demo "Hello, World" \
  "A C program built by mingw-w64 into a Windows PE file. sill maps it into this Linux process, binds its imports (kernel32, msvcrt) to built-in DLLs and runs its code natively." \
  "" "$examples/hello.exe"

demo "Word frequencies (C++)" \
  "A C++ program with its C++ runtime linked in statically: iostreams, containers and sorting on top of sill's msvcrt. Text arrives on stdin through a pipe." \
  "$text" "$examples/wordfreq.exe"

demo "Prime sieve" \
  "Plain computation runs at native speed: the program's instructions execute directly on the CPU and only its calls (calloc, QueryPerformanceCounter, printf) reach sill." \
  "" "$examples/primes.exe" 5000000

demo "A DLL of the program's own" \
  "greeter.exe imports greet.dll, a PE DLL beside it. sill loads it as a real image, runs its DllMain, and GetModuleFileName reports its Windows path." \
  "" "$examples/greeter.exe" Alice Bob

echo
if [ "$failures" -eq 0 ]; then
  echo "${green}${bold}demo: all sample programs ran successfully${reset}"
else
  echo "${red}${bold}demo: $failures sample program(s) failed${reset}"
  exit 1
fi

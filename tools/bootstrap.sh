#!/usr/bin/env bash
# Installs every Debian package Sill's build, tests and benchmarks need.
# Idempotent: when everything is present it only asks dpkg and returns.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config python3
  g++-mingw-w64-x86-64 binutils-mingw-w64-x86-64
  libboost-dev libboost-program-options-dev
  libgtest-dev libgmock-dev
  clang libclang-rt-14-dev
  libsqlite3-dev libicu-dev lld llvm  # llvm: llvm-dlltool for the MSVC-layout test programs
  nettle-dev  # bcrypt's SHA-2 hashes
  p7zip-full  # make bench: Linux 7z beside 7za.exe
  libpng-dev  # desktop/: icons as PNG (sill icon, menu entries)
  hyperfine  # make bench; Debian's Wine joins the comparison when installed (wine64)
  desktop-file-utils shared-mime-info xdg-utils  # sill desktop: update-mime-database; the tests' validate and xdg-mime
  shellcheck  # wine_shim_test: the scripts of sill wine-shim
)
# npm fetches the real Windows programs the acceptance tests run (tests/programs); a machine that
# already has Node.js from elsewhere keeps its own npm (Debian's conflicts with it).
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "bootstrap: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

// The scripts' text. Each one starts with the same prelude (the mark, sill's path, WINEPREFIX
// as the prefix, the check that the prefix is not Wine's own) and ends with its command's body.
// What Lutris and Bottles run through them is listed in README.md ("Launchers").
#include "tools/wine_shim_scripts.h"

#include <map>

#include "tools/shell_script.h"

namespace sill::tools {

const char kWineShimMark[] = "# Written by `sill wine-shim install`";

namespace {

// Shared by every script; $SHIM_NAME is set just before the body.
constexpr const char* kPrelude = R"SH(
# WINEPREFIX chooses Sill's prefix as it chooses Wine's; without it, $SILL_PREFIX or Sill's own
# default (never ~/.wine). sill itself reads WINEDEBUG and WINEDLLOVERRIDES.
if [ -n "${WINEPREFIX:-}" ]; then
  SILL_PREFIX=$WINEPREFIX
  export SILL_PREFIX
fi
shim_note() {
  echo "$SHIM_NAME (sill wine-shim): $*" >&2
}
shim_fail() {
  shim_note "$@"
  exit 1
}
# A prefix that Wine made is Wine's: its system.reg lacks the note that our wineboot writes, and
# Sill would put a registry and files of its own beside Wine's, neither seeing the other's.
shim_check_prefix() {
  if [ -n "${SILL_PREFIX:-}" ] && [ -f "$SILL_PREFIX/system.reg" ] &&
    ! head -n 3 "$SILL_PREFIX/system.reg" | grep -q 'sill wine-shim'; then
    shim_fail "$SILL_PREFIX is a Wine prefix (Wine wrote its system.reg); give Sill a prefix of its own"
  fi
}
)SH";

constexpr const char* kWineBody = R"SH(
shim_usage() {
  echo "Usage: $SHIM_NAME PROGRAM [ARGUMENTS...]   run a Windows program with Sill"
  echo "       $SHIM_NAME reg|regedit|winepath|wineboot|wineserver|start ...   their Sill equivalents"
  echo "       $SHIM_NAME --version"
  echo "This is Sill's Wine-compatible shim, not Wine; see 'sill --help'."
}
# start [/unix] [/d DIR] [/wait...] PROGRAM ARGS: Lutris and Bottles start shortcuts and programs so.
shim_start() {
  shim_check_prefix
  dir=
  while [ $# -gt 0 ]; do
    case $(printf '%s' "$1" | tr '[:upper:]' '[:lower:]') in
      /unix) shift; break ;;
      # Bottles writes the folder option as /dir.
      /d | /dir) [ $# -ge 2 ] || shim_fail "start: $1 needs a folder"; dir=$2; shift 2 ;;
      /d?*) dir=${1#??}; shift ;;
      /wait | /b | /min | /max | /i | /low | /normal | /high | /realtime | /abovenormal | /belownormal | \
        /shared | /separate) shift ;;
      /*) shim_fail "start: unknown option '$1'" ;;
      *) break ;;
    esac
  done
  [ $# -gt 0 ] || shim_fail "start: no program given"
  case $(printf '%s' "$1" | tr '[:upper:]' '[:lower:]') in
    *.msi) shim_fail "start: Sill has no msiexec, so Windows Installer packages (.msi) cannot be installed" ;;
    *.bat | *.cmd) shim_fail "start: Sill has no cmd, so batch files cannot be run" ;;
  esac
  if [ -n "$dir" ]; then
    case $dir in
      /*) ;;
      *) dir=$("$SILL" path --unix "$dir") || exit 1 ;;
    esac
    cd "$dir" || shim_fail "start: cannot enter $dir"
  fi
  # Windows' start returns at once unless given /wait; this one always waits, so that the launcher
  # sees the program end and gets its exit status.
  exec "$SILL" run "$@"
}
[ $# -gt 0 ] || { shim_usage >&2; exit 1; }
case $1 in
  --version) echo "$SHIM_VERSION"; exit 0 ;;
  --help | -h) shim_usage; exit 0 ;;
esac
# A file by that name is a program to run; a bare word that is not one may name one of Wine's programs.
if [ ! -e "$1" ]; then
  case $1 in
    */* | *\\*) ;;
    *)
      tool=$(printf '%s' "$1" | tr '[:upper:]' '[:lower:]')
      tool=${tool%.exe}
      case $tool in
        wineboot | wineserver | winepath | regedit) shift; exec "$SHIM_BIN/$tool" "$@" ;;
        reg) shift; shim_check_prefix; exec "$SILL" reg "$@" ;;
        start) shift; shim_start "$@" ;;
        winecfg) shim_fail "Sill has no winecfg (Wine's settings dialog); Sill's settings are environment variables, see 'sill --help'" ;;
        msiexec) shim_fail "Sill has no msiexec, so Windows Installer packages (.msi) cannot be installed" ;;
        cmd) shim_fail "Sill has no cmd, so batch files (.bat, .cmd) cannot be run" ;;
        control | taskmgr | explorer | uninstaller | notepad | wordpad | winefile | winemine | progman | \
          iexplore | winedbg | wineconsole | regsvr32 | rundll32 | oleview | hh | winhlp32 | winver | \
          xcopy | net | eject | expand | icinfo | cscript | wscript | wmic | dxdiag | winemenubuilder)
          shim_fail "Sill has no '$tool' (one of Wine's own programs); nothing was run" ;;
      esac ;;
  esac
fi
shim_check_prefix
exec "$SILL" run "$@"
)SH";

constexpr const char* kWinebootBody = R"SH(
init=
kill=
for a in "$@"; do
  case $a in
    -i | --init | -u | --update) init=1 ;;
    -k | --kill | -e | --end-session | -s | --shutdown) kill=1 ;;
    -r | --restart) kill=1; init=1 ;;
    # -f makes -e force processes out, as Sill's kill always does; /nogui is a word Bottles adds.
    -f | --force | /nogui) ;;
    -h | --help) echo "Usage: wineboot [-i|-u] [-k|-e|-s] [-r]   make the prefix, or end its processes (Sill)"; exit 0 ;;
    *) shim_fail "unknown option '$a' (-i, -u, -k, -e, -s, -r, -f)" ;;
  esac
done
# Without an option wineboot updates the prefix, making it when missing: Lutris makes prefixes so.
[ -n "$init$kill" ] || init=1
shim_check_prefix
# Sill has no session to end politely: every process of the prefix gets SIGKILL.
if [ -n "$kill" ]; then
  "$SILL" kill || exit
fi
[ -n "$init" ] || exit 0
case ${WINEARCH:-win64} in
  win64) ;;
  *) shim_fail "Sill makes only 64-bit prefixes; WINEARCH=$WINEARCH asks for another" ;;
esac
if [ -z "${SILL_PREFIX:-}" ]; then
  exec "$SILL" prefix init
fi
"$SILL" prefix init "$SILL_PREFIX" || exit
# Wine launchers take a folder holding system.reg for a made prefix (Lutris also waits for user.reg and
# userdef.reg and reads the architecture from system.reg). These hold no keys, only a note; a file
# that exists already (a launcher may have written into it) is left as it is.
for f in system.reg user.reg userdef.reg; do
  [ -e "$SILL_PREFIX/$f" ] && continue
  tmp="$SILL_PREFIX/.$f.$$"
  if ! printf '%s\n' 'WINE REGISTRY Version 2' '#arch=win64' \
    ";; Not a registry: sill wine-shim (wineboot) wrote it so that Wine launchers see a prefix here." \
    ";; Sill keeps this prefix's registry in registry.db: read and change it with wine reg, wine regedit" \
    ";; or sill reg. Nothing written into this file reaches Sill." >"$tmp" ||
    ! mv -f "$tmp" "$SILL_PREFIX/$f"; then
    rm -f "$tmp"
    shim_fail "cannot write $SILL_PREFIX/$f"
  fi
done
)SH";

constexpr const char* kWineserverBody = R"SH(
if [ $# -eq 0 ]; then
  shim_note "Sill needs no server: its processes run without one"
  exit 0
fi
for a in "$@"; do
  case $a in
    -k | --kill) shim_check_prefix; "$SILL" kill || exit ;;
    -k?* | --kill=*)
      shim_note "every process of the prefix gets SIGKILL, whatever signal $a asks for"
      shim_check_prefix; "$SILL" kill || exit ;;
    -w | --wait) shim_check_prefix; "$SILL" wait || exit ;;
    -p* | --persistent*) shim_note "Sill needs no server, so none is kept running ($a accepted, nothing done)" ;;
    -f | --foreground | -d* | --debug*) shim_note "Sill needs no server ($a accepted, nothing done)" ;;
    -v | --version) echo "$SHIM_VERSION" ;;
    -h | --help) echo "Usage: wineserver -k | -w | -p   end every process of the prefix, or wait for them (Sill)" ;;
    *) shim_fail "unknown option '$a' (-k, -w, -p, -v)" ;;
  esac
done
)SH";

constexpr const char* kWinepathBody = R"SH(
# Wine's winepath converts to the Unix form when given no option.
mode=--unix
while [ $# -gt 0 ]; do
  case $1 in
    -u | --unix) mode=--unix; shift ;;
    -w | --windows) mode=--windows; shift ;;
    -l | --long | -s | --short | -0) shim_fail "$1 is not supported: Sill converts with -u and -w only" ;;
    -h | --help) echo "Usage: winepath [-u|-w] PATH...   convert paths (Sill)"; exit 0 ;;
    --) shift; break ;;
    -?*) shim_fail "unknown option '$1' (-u, -w)" ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || shim_fail "no path given"
shim_check_prefix
exec "$SILL" path "$mode" "$@"
)SH";

constexpr const char* kRegeditBody = R"SH(
# regedit's options are one letter after / or -: /S (quiet: always so here), /D KEY, /E FILE KEY;
# other words are .reg files to import (Lutris writes REGEDIT4 files and imports them with /S).
done_something=
while [ $# -gt 0 ]; do
  case $1 in
    /[sS] | -[sS]) shift ;;
    /[dD] | -[dD])
      [ $# -ge 2 ] || shim_fail "/D needs a key"
      shim_check_prefix; "$SILL" reg delete "$2" /f || exit
      shift 2; done_something=1 ;;
    /[eE] | -[eE])
      [ $# -ge 3 ] || shim_fail "/E FILE KEY: Sill exports one key and its subkeys, not the whole registry"
      shim_check_prefix; "$SILL" reg export "$3" "$2" /y || exit
      shift 3; done_something=1 ;;
    /? | -?) shim_fail "unknown option '$1' (/S, /D KEY, /E FILE KEY)" ;;
    *) shim_check_prefix; "$SILL" reg import "$1" || exit; shift; done_something=1 ;;
  esac
done
[ -n "$done_something" ] || shim_fail "Sill has no Registry Editor window: give a .reg file to import, or use 'wine reg'"
)SH";

const std::map<std::string, const char*>& bodies() {
  static const std::map<std::string, const char*> table = {
      {"wine", kWineBody},         {"wine64", kWineBody},       {"wineboot", kWinebootBody},
      {"wineserver", kWineserverBody}, {"winepath", kWinepathBody}, {"regedit", kRegeditBody}};
  return table;
}

}  // namespace

const std::vector<std::string>& wine_shim_names() {
  static const std::vector<std::string> names = {"wine", "wine64", "wineboot", "wineserver", "winepath", "regedit"};
  return names;
}

std::string wine_shim_script(const std::string& name, const std::string& sill, const std::string& bin_dir) {
  return std::string("#!/bin/sh\n") + kWineShimMark + ": Wine's `" + name +
         "` for Wine launchers, done by Sill. Not Wine.\n" +
         "# shellcheck disable=SC2034  # not every script uses every variable below\n" + "SILL=" + shell_quote(sill) +
         "\nSHIM_BIN=" + shell_quote(bin_dir) + "\nSHIM_VERSION=" +
         shell_quote(std::string("sill-") + SILL_VERSION + " (Sill's wine-shim, not Wine)") +
         "\nSHIM_NAME=" + name + "\n" + kPrelude + bodies().at(name);
}

}  // namespace sill::tools

// API-set resolution and DLL override parsing: both are tables programs'
// imports go through before any DLL is found.
#include <gtest/gtest.h>

#include "loader/api_sets.h"
#include "loader/dll_overrides.h"

namespace {

using sill::loader::dll_load_order;
using sill::loader::resolve_api_set;
using sill::loader::set_dll_overrides;

TEST(ApiSets, CrtSetsResolveToUcrtbase) {
  EXPECT_EQ(resolve_api_set("api-ms-win-crt-runtime-l1-1-0.dll"), "ucrtbase.dll");
  EXPECT_EQ(resolve_api_set("API-MS-WIN-CRT-STDIO-L1-1-0.DLL"), "ucrtbase.dll");
  EXPECT_EQ(resolve_api_set("api-ms-win-crt-math-l1-1-0"), "ucrtbase.dll");
}

TEST(ApiSets, CoreSetsResolveWithAnyVersion) {
  EXPECT_EQ(resolve_api_set("api-ms-win-core-synch-l1-2-0.dll"), "kernel32.dll");
  EXPECT_EQ(resolve_api_set("api-ms-win-core-version-l1-1-0.dll"), "version.dll");
  EXPECT_EQ(resolve_api_set("api-ms-win-core-versionansi-l1-1-0.dll"), "version.dll");
  EXPECT_EQ(resolve_api_set("api-ms-win-core-synch-l1-1-0.dll"), "kernel32.dll");
  EXPECT_EQ(resolve_api_set("api-ms-win-core-rtlsupport-l1-1-0.dll"), "ntdll.dll");
}

TEST(ApiSets, OtherNamesAreNotApiSets) {
  EXPECT_FALSE(resolve_api_set("kernel32.dll"));
  EXPECT_FALSE(resolve_api_set("api-ms-win-core-nonexistent-l1-1-0.dll"));
  EXPECT_FALSE(resolve_api_set("api-ms-"));
  EXPECT_FALSE(resolve_api_set(""));
}

TEST(DllOverrides, DefaultsPreferBuiltins) {
  set_dll_overrides("");
  EXPECT_EQ(dll_load_order("kernel32.dll", true), "bn");
  EXPECT_EQ(dll_load_order("mylib.dll", false), "n");
}

TEST(DllOverrides, WineSyntaxIsAccepted) {
  set_dll_overrides("msvcrt=n,b;foo,BAR.dll=b;off=");
  EXPECT_EQ(dll_load_order("msvcrt.dll", true), "nb");
  EXPECT_EQ(dll_load_order("foo", false), "b");
  EXPECT_EQ(dll_load_order("bar.dll", false), "b");
  EXPECT_EQ(dll_load_order("off.dll", true), "");
  EXPECT_EQ(dll_load_order("kernel32.dll", true), "bn");
  set_dll_overrides("");
}

}  // namespace

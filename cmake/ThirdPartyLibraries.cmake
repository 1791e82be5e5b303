# ICU, SQLite and Nettle for sill_core, as one interface target: sill_third_party.
#
# They are linked from their static archives (Debian's -dev packages ship them) because
# as shared libraries every start of `sill` paid for them, used or not: ld.so mapped
# five more objects and applied ~15 000 relocations, ~3 000 of them with symbol
# lookups. Static, the linker resolves the symbols, the relative relocations are
# packed (-z pack-relative-relocs on `sill`, below) and the code and ICU's 30 MB of
# data are file-backed pages read when first touched. On a hello-world that alone
# took ld.so from 0.25 to 0.14 ms and 582 page faults to 526 (the rest of the gain is
# in ntdll/nls_*: docs/ARCHITECTURE.md). A dlopen table per library was the other
# choice: ICU is used through its C++ API (UnicodeString, Normalizer2, TimeZone,
# Transliterator), which dlsym'd function pointers cannot reach.
#
# -DSILL_STATIC_THIRD_PARTY=OFF links the shared libraries instead (a distribution
# that ships no archives); the result behaves the same and starts slower.
option(SILL_STATIC_THIRD_PARTY "Link ICU, SQLite and Nettle from static archives (faster start-up)" ON)

find_package(SQLite3 REQUIRED)
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)

# sill_prefer_archives(NAME ARCHIVES file.a... SHARED target...): an interface target NAME
# that links the archives (file names, users before what they use) when every one is
# found and SILL_STATIC_THIRD_PARTY is on, with the headers of the SHARED targets;
# otherwise the SHARED targets themselves. Any other library joins the same way
# (libpng: ARCHIVES libpng16.a libz.a SHARED PNG::PNG).
function(sill_prefer_archives name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ARCHIVES;SHARED")
  add_library(${name} INTERFACE)
  set(found)
  foreach(archive IN LISTS arg_ARCHIVES)
    string(MAKE_C_IDENTIFIER "SILL_ARCHIVE_${archive}" var)
    find_library(${var} NAMES ${archive})
    if(NOT SILL_STATIC_THIRD_PARTY OR NOT ${var})
      if(SILL_STATIC_THIRD_PARTY)
        message(STATUS "${archive} not found: ${name} links the shared libraries")
      endif()
      target_link_libraries(${name} INTERFACE ${arg_SHARED})
      return()
    endif()
    list(APPEND found ${${var}})
  endforeach()
  foreach(target IN LISTS arg_SHARED)
    target_include_directories(${name} INTERFACE $<TARGET_PROPERTY:${target},INTERFACE_INCLUDE_DIRECTORIES>)
    target_compile_definitions(${name} INTERFACE $<TARGET_PROPERTY:${target},INTERFACE_COMPILE_DEFINITIONS>)
  endforeach()
  target_link_libraries(${name} INTERFACE ${found} Threads::Threads ${CMAKE_DL_LIBS} m)
  list(JOIN arg_ARCHIVES " " archives)
  message(STATUS "${name}: static archives (${archives})")
endfunction()

sill_prefer_archives(sill_third_party
  ARCHIVES libicui18n.a libicuuc.a libicudata.a libsqlite3.a libnettle.a
  SHARED PkgConfig::ICU SQLite::SQLite3 PkgConfig::NETTLE)

# Packed relative relocations (DT_RELR, glibc 2.36): ~14 000 RELA entries become ~1 200 words.
include(CheckLinkerFlag)
check_linker_flag(CXX "-Wl,-z,pack-relative-relocs" SILL_LINKER_PACKS_RELOCATIONS)
function(sill_pack_relocations target)
  if(SILL_LINKER_PACKS_RELOCATIONS)
    target_link_options(${target} PRIVATE "-Wl,-z,pack-relative-relocs")
  endif()
endfunction()

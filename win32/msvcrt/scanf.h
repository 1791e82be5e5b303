// The scanf engine's entry points for both CRTs (scanf.cpp). msvcrt.dll's functions use
// the defaults; the UCRT's __stdio_common_*scanf pass their _CRT_INTERNAL_SCANF_* bits.
#pragma once
#include <cstddef>

#include "win32/msvcrt/msvcrt.h"

namespace sill::msvcrt {

struct ScanOptions {
  bool secure = false;                 // %c %s %[ are followed by a buffer size (the _s forms)
  bool legacy_wide_specifiers = true;  // %s/%c in a wide function store wide text
};

// Scans text from s up to end (null: up to the terminator).
int scan_string(const char* s, const char* end, const char* format, __builtin_ms_va_list& ap,
                const ScanOptions& options = {});
int scan_string(const wchar* s, const wchar* end, const wchar* format, __builtin_ms_va_list& ap,
                const ScanOptions& options = {});
// Scans a stream under its lock.
int scan_stream(FILE* f, const char* format, __builtin_ms_va_list& ap, const ScanOptions& options = {});
int scan_stream(FILE* f, const wchar* format, __builtin_ms_va_list& ap, const ScanOptions& options = {});

}  // namespace sill::msvcrt

// Windows base types with their exact Win64 widths (LONG is 32-bit), and the
// calling convention every built-in export uses.
#pragma once
#include <cstddef>
#include <cstdint>

// Every function a PE program can call is ms_abi: the Windows x64 convention.
#define WINAPI __attribute__((ms_abi))

namespace sill::win {

using BYTE = std::uint8_t;
using BOOLEAN = std::uint8_t;
using CHAR = char;
using UCHAR = std::uint8_t;
using WCHAR = char16_t;
using SHORT = std::int16_t;
using USHORT = std::uint16_t;
using WORD = std::uint16_t;
using INT = std::int32_t;
using UINT = std::uint32_t;
using LONG = std::int32_t;
using ULONG = std::uint32_t;
using DWORD = std::uint32_t;
using BOOL = std::int32_t;
using LONGLONG = std::int64_t;
using ULONGLONG = std::uint64_t;
using DWORD64 = std::uint64_t;
using LONG_PTR = std::int64_t;
using ULONG_PTR = std::uint64_t;
using DWORD_PTR = std::uint64_t;
using SIZE_T = std::uint64_t;
using SSIZE_T = std::int64_t;
using NTSTATUS = std::int32_t;
using HRESULT = std::int32_t;
using HANDLE = void*;
using HMODULE = void*;
using HINSTANCE = void*;
using HLOCAL = void*;
using HGLOBAL = void*;
using FARPROC = std::intptr_t(WINAPI*)();
using LPVOID = void*;
using LPCVOID = const void*;
using LPSTR = char*;
using LPCSTR = const char*;
using LPWSTR = char16_t*;
using LPCWSTR = const char16_t*;

inline constexpr BOOL TRUE = 1;
inline constexpr BOOL FALSE = 0;
inline const HANDLE INVALID_HANDLE_VALUE = reinterpret_cast<HANDLE>(-1);

static_assert(sizeof(LONG) == 4 && sizeof(DWORD) == 4 && sizeof(WCHAR) == 2);
static_assert(sizeof(HANDLE) == 8 && sizeof(SIZE_T) == 8);

union LARGE_INTEGER {
  struct {
    DWORD LowPart;
    LONG HighPart;
  } u;
  LONGLONG QuadPart;
};
static_assert(sizeof(LARGE_INTEGER) == 8);

struct FILETIME {
  DWORD dwLowDateTime;
  DWORD dwHighDateTime;
};
static_assert(sizeof(FILETIME) == 8);

struct LIST_ENTRY {
  LIST_ENTRY* Flink;
  LIST_ENTRY* Blink;
};
static_assert(sizeof(LIST_ENTRY) == 16);

struct UNICODE_STRING {
  USHORT Length;         // bytes, without terminator
  USHORT MaximumLength;  // bytes
  WCHAR* Buffer;
};
static_assert(sizeof(UNICODE_STRING) == 16 && offsetof(UNICODE_STRING, Buffer) == 8);

struct ANSI_STRING {
  USHORT Length;
  USHORT MaximumLength;
  CHAR* Buffer;
};
static_assert(sizeof(ANSI_STRING) == 16);

}  // namespace sill::win

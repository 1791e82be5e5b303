// Declarations of Sill's kernel32 exports (Windows signatures). Other built-ins
// (msvcrt, ...) call these directly as C++ functions.
#pragma once
#include "base/wintypes.h"

namespace sill::kernel32 {

using namespace sill::win;

struct OVERLAPPED {
  ULONG_PTR Internal;
  ULONG_PTR InternalHigh;
  union {
    struct {
      DWORD Offset;
      DWORD OffsetHigh;
    } s;
    void* Pointer;
  } u;
  HANDLE hEvent;
};
static_assert(sizeof(OVERLAPPED) == 32);

struct SECURITY_ATTRIBUTES {
  DWORD nLength;
  void* lpSecurityDescriptor;
  BOOL bInheritHandle;
};
static_assert(sizeof(SECURITY_ATTRIBUTES) == 24);

inline constexpr DWORD STD_INPUT_HANDLE = static_cast<DWORD>(-10);
inline constexpr DWORD STD_OUTPUT_HANDLE = static_cast<DWORD>(-11);
inline constexpr DWORD STD_ERROR_HANDLE = static_cast<DWORD>(-12);

inline constexpr DWORD FILE_TYPE_UNKNOWN = 0, FILE_TYPE_DISK = 1, FILE_TYPE_CHAR = 2, FILE_TYPE_PIPE = 3;
inline constexpr DWORD GENERIC_READ = 0x80000000, GENERIC_WRITE = 0x40000000;
inline constexpr DWORD FILE_SHARE_READ = 1, FILE_SHARE_WRITE = 2, FILE_SHARE_DELETE = 4;
inline constexpr DWORD CREATE_NEW = 1, CREATE_ALWAYS = 2, OPEN_EXISTING = 3, OPEN_ALWAYS = 4,
                       TRUNCATE_EXISTING = 5;
inline constexpr DWORD FILE_ATTRIBUTE_NORMAL = 0x80;
inline constexpr DWORD FILE_BEGIN = 0, FILE_CURRENT = 1, FILE_END = 2;

// errhandlingapi
DWORD WINAPI GetLastError() noexcept;
void WINAPI SetLastError(DWORD code) noexcept;

// handleapi / processenv
BOOL WINAPI CloseHandle(HANDLE h) noexcept;
HANDLE WINAPI GetStdHandle(DWORD which) noexcept;
BOOL WINAPI SetStdHandle(DWORD which, HANDLE h) noexcept;
LPSTR WINAPI GetCommandLineA() noexcept;
LPWSTR WINAPI GetCommandLineW() noexcept;

// fileapi
HANDLE WINAPI CreateFileW(LPCWSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* sa,
                          DWORD disposition, DWORD flags, HANDLE template_file) noexcept;
HANDLE WINAPI CreateFileA(LPCSTR name, DWORD access, DWORD share, SECURITY_ATTRIBUTES* sa,
                          DWORD disposition, DWORD flags, HANDLE template_file) noexcept;
BOOL WINAPI ReadFile(HANDLE h, void* buffer, DWORD to_read, DWORD* read, OVERLAPPED* ov) noexcept;
BOOL WINAPI WriteFile(HANDLE h, const void* buffer, DWORD to_write, DWORD* written,
                      OVERLAPPED* ov) noexcept;
DWORD WINAPI GetFileType(HANDLE h) noexcept;
BOOL WINAPI SetFilePointerEx(HANDLE h, LARGE_INTEGER distance, LARGE_INTEGER* new_pos,
                             DWORD method) noexcept;
BOOL WINAPI GetFileSizeEx(HANDLE h, LARGE_INTEGER* size) noexcept;
BOOL WINAPI FlushFileBuffers(HANDLE h) noexcept;
BOOL WINAPI SetEndOfFile(HANDLE h) noexcept;
BOOL WINAPI DeleteFileW(LPCWSTR name) noexcept;
BOOL WINAPI DeleteFileA(LPCSTR name) noexcept;

// consoleapi
BOOL WINAPI GetConsoleMode(HANDLE h, DWORD* mode) noexcept;
BOOL WINAPI WriteConsoleW(HANDLE h, const void* buffer, DWORD chars, DWORD* written,
                          void* reserved) noexcept;

// processthreadsapi
[[noreturn]] void WINAPI ExitProcess(UINT code) noexcept;
HANDLE WINAPI GetCurrentProcess() noexcept;
DWORD WINAPI GetCurrentProcessId() noexcept;
DWORD WINAPI GetCurrentThreadId() noexcept;

// stringapiset (code pages)
UINT WINAPI GetACP() noexcept;
int WINAPI MultiByteToWideChar(UINT cp, DWORD flags, LPCSTR src, int src_len, LPWSTR dst,
                               int dst_len) noexcept;
int WINAPI WideCharToMultiByte(UINT cp, DWORD flags, LPCWSTR src, int src_len, LPSTR dst, int dst_len,
                               LPCSTR default_char, BOOL* used_default) noexcept;

// heapapi
HANDLE WINAPI GetProcessHeap() noexcept;
void* WINAPI HeapAlloc(HANDLE heap, DWORD flags, SIZE_T size) noexcept;
BOOL WINAPI HeapFree(HANDLE heap, DWORD flags, void* p) noexcept;

}  // namespace sill::kernel32

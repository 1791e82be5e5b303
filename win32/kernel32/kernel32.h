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

// kernel32's DllMain (dllmain.cpp)
BOOL WINAPI dll_main(HINSTANCE instance, DWORD reason, void* reserved) noexcept;

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

// ---- the rest of kernel32 (console programs) ----

struct SYSTEMTIME {
  WORD wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute, wSecond, wMilliseconds;
};
static_assert(sizeof(SYSTEMTIME) == 16);

struct TIME_ZONE_INFORMATION {
  LONG Bias;
  WCHAR StandardName[32];
  SYSTEMTIME StandardDate;
  LONG StandardBias;
  WCHAR DaylightName[32];
  SYSTEMTIME DaylightDate;
  LONG DaylightBias;
};
static_assert(sizeof(TIME_ZONE_INFORMATION) == 172);

struct SYSTEM_INFO {
  WORD wProcessorArchitecture;
  WORD wReserved;
  DWORD dwPageSize;
  void* lpMinimumApplicationAddress;
  void* lpMaximumApplicationAddress;
  DWORD_PTR dwActiveProcessorMask;
  DWORD dwNumberOfProcessors;
  DWORD dwProcessorType;
  DWORD dwAllocationGranularity;
  WORD wProcessorLevel;
  WORD wProcessorRevision;
};
static_assert(sizeof(SYSTEM_INFO) == 48);

struct OSVERSIONINFOW {
  DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
  WCHAR szCSDVersion[128];
};
struct OSVERSIONINFOA {
  DWORD dwOSVersionInfoSize, dwMajorVersion, dwMinorVersion, dwBuildNumber, dwPlatformId;
  CHAR szCSDVersion[128];
};
struct OSVERSIONINFOEXW : OSVERSIONINFOW {
  WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
  BYTE wProductType, wReserved;
};
struct OSVERSIONINFOEXA : OSVERSIONINFOA {
  WORD wServicePackMajor, wServicePackMinor, wSuiteMask;
  BYTE wProductType, wReserved;
};
static_assert(sizeof(OSVERSIONINFOW) == 276 && sizeof(OSVERSIONINFOA) == 148);
static_assert(sizeof(OSVERSIONINFOEXW) == 284 && sizeof(OSVERSIONINFOEXA) == 156);

struct STARTUPINFOW {
  DWORD cb;
  LPWSTR lpReserved, lpDesktop, lpTitle;
  DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
  WORD wShowWindow, cbReserved2;
  BYTE* lpReserved2;
  HANDLE hStdInput, hStdOutput, hStdError;
};
struct STARTUPINFOA {
  DWORD cb;
  LPSTR lpReserved, lpDesktop, lpTitle;
  DWORD dwX, dwY, dwXSize, dwYSize, dwXCountChars, dwYCountChars, dwFillAttribute, dwFlags;
  WORD wShowWindow, cbReserved2;
  BYTE* lpReserved2;
  HANDLE hStdInput, hStdOutput, hStdError;
};
static_assert(sizeof(STARTUPINFOW) == 104 && sizeof(STARTUPINFOA) == 104);
struct PROCESS_INFORMATION {
  HANDLE hProcess, hThread;
  DWORD dwProcessId, dwThreadId;
};
static_assert(sizeof(PROCESS_INFORMATION) == 24);

struct WIN32_FIND_DATAW {
  DWORD dwFileAttributes;
  FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
  DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
  WCHAR cFileName[260];
  WCHAR cAlternateFileName[14];
};
struct WIN32_FIND_DATAA {
  DWORD dwFileAttributes;
  FILETIME ftCreationTime, ftLastAccessTime, ftLastWriteTime;
  DWORD nFileSizeHigh, nFileSizeLow, dwReserved0, dwReserved1;
  CHAR cFileName[260];
  CHAR cAlternateFileName[14];
};
static_assert(sizeof(WIN32_FIND_DATAW) == 592 && sizeof(WIN32_FIND_DATAA) == 320);

struct CPINFO {
  UINT MaxCharSize;
  BYTE DefaultChar[2];
  BYTE LeadByte[12];
};
static_assert(sizeof(CPINFO) == 20);

struct COORD {
  SHORT X, Y;
};
struct SMALL_RECT {
  SHORT Left, Top, Right, Bottom;
};
struct CONSOLE_SCREEN_BUFFER_INFO {
  COORD dwSize, dwCursorPosition;
  WORD wAttributes;
  SMALL_RECT srWindow;
  COORD dwMaximumWindowSize;
};
static_assert(sizeof(CONSOLE_SCREEN_BUFFER_INFO) == 22);
struct CONSOLE_CURSOR_INFO { DWORD dwSize; BOOL bVisible; };

struct MEMORY_BASIC_INFORMATION {
  void* BaseAddress;
  void* AllocationBase;
  DWORD AllocationProtect;
  WORD PartitionId;
  SIZE_T RegionSize;
  DWORD State, Protect, Type;
};
static_assert(sizeof(MEMORY_BASIC_INFORMATION) == 48);

struct CRITICAL_SECTION {
  void* DebugInfo;
  LONG LockCount;
  LONG RecursionCount;
  HANDLE OwningThread;
  HANDLE LockSemaphore;
  ULONG_PTR SpinCount;
};
static_assert(sizeof(CRITICAL_SECTION) == 40);
struct SRWLOCK { void* Ptr; };
struct CONDITION_VARIABLE { void* Ptr; };
union INIT_ONCE { void* Ptr; };
using PINIT_ONCE_FN = BOOL(WINAPI*)(INIT_ONCE*, void*, void**);
using PHANDLER_ROUTINE = BOOL(WINAPI*)(DWORD);
using PFLS_CALLBACK_FUNCTION = void(WINAPI*)(void*);

inline constexpr DWORD INFINITE = 0xFFFFFFFF;
inline constexpr DWORD WAIT_OBJECT_0 = 0, WAIT_ABANDONED_0 = 0x80, WAIT_TIMEOUT = 0x102, WAIT_FAILED = 0xFFFFFFFF;
inline constexpr DWORD TLS_OUT_OF_INDEXES = 0xFFFFFFFF;
inline constexpr DWORD MEM_COMMIT = 0x1000, MEM_RESERVE = 0x2000, MEM_DECOMMIT = 0x4000, MEM_RELEASE = 0x8000;
inline constexpr DWORD PAGE_NOACCESS = 1, PAGE_READONLY = 2, PAGE_READWRITE = 4, PAGE_EXECUTE_READ = 0x20,
                       PAGE_EXECUTE_READWRITE = 0x40;
inline constexpr DWORD HEAP_ZERO_MEMORY = 8;
inline constexpr UINT CP_ACP = 0, CP_OEMCP = 1, CP_UTF8 = 65001;

// errhandlingapi (last error)
// GetLastError/SetLastError are declared above.

// handleapi
BOOL WINAPI GetHandleInformation(HANDLE h, DWORD* flags) noexcept;
BOOL WINAPI SetHandleInformation(HANDLE h, DWORD mask, DWORD flags) noexcept;

// fileapi
DWORD WINAPI SetFilePointer(HANDLE h, LONG distance, LONG* distance_high, DWORD method) noexcept;
DWORD WINAPI GetFileSize(HANDLE h, DWORD* high) noexcept;
BOOL WINAPI GetFileTime(HANDLE h, FILETIME* creation, FILETIME* access, FILETIME* write) noexcept;
BOOL WINAPI SetFileTime(HANDLE h, const FILETIME* creation, const FILETIME* access, const FILETIME* write) noexcept;
DWORD WINAPI GetFileAttributesA(LPCSTR path) noexcept;
BOOL WINAPI GetFileAttributesExA(LPCSTR path, int info_level, void* info) noexcept;
BOOL WINAPI SetFileAttributesW(LPCWSTR path, DWORD attributes) noexcept;
BOOL WINAPI SetFileAttributesA(LPCSTR path, DWORD attributes) noexcept;
BOOL WINAPI CreateDirectoryA(LPCSTR path, SECURITY_ATTRIBUTES* sa) noexcept;
BOOL WINAPI RemoveDirectoryA(LPCSTR path) noexcept;
BOOL WINAPI MoveFileW(LPCWSTR from, LPCWSTR to) noexcept;
BOOL WINAPI MoveFileA(LPCSTR from, LPCSTR to) noexcept;
BOOL WINAPI MoveFileExA(LPCSTR from, LPCSTR to, DWORD flags) noexcept;
BOOL WINAPI CopyFileW(LPCWSTR from, LPCWSTR to, BOOL fail_if_exists) noexcept;
BOOL WINAPI CopyFileA(LPCSTR from, LPCSTR to, BOOL fail_if_exists) noexcept;
DWORD WINAPI GetFullPathNameA(LPCSTR path, DWORD size, LPSTR buffer, LPSTR* file_part) noexcept;
DWORD WINAPI GetLongPathNameW(LPCWSTR path, LPWSTR buffer, DWORD size) noexcept;
DWORD WINAPI GetLongPathNameA(LPCSTR path, LPSTR buffer, DWORD size) noexcept;
DWORD WINAPI GetShortPathNameW(LPCWSTR path, LPWSTR buffer, DWORD size) noexcept;
DWORD WINAPI GetTempPathW(DWORD size, LPWSTR buffer) noexcept;
DWORD WINAPI GetTempPathA(DWORD size, LPSTR buffer) noexcept;
UINT WINAPI GetDriveTypeW(LPCWSTR root) noexcept;
UINT WINAPI GetDriveTypeA(LPCSTR root) noexcept;
HANDLE WINAPI FindFirstFileW(LPCWSTR pattern, WIN32_FIND_DATAW* data) noexcept;
HANDLE WINAPI FindFirstFileA(LPCSTR pattern, WIN32_FIND_DATAA* data) noexcept;
HANDLE WINAPI FindFirstFileExW(LPCWSTR pattern, int info_level, void* data, int search_op, void* filter,
                               DWORD flags) noexcept;
BOOL WINAPI FindNextFileW(HANDLE h, WIN32_FIND_DATAW* data) noexcept;
BOOL WINAPI FindNextFileA(HANDLE h, WIN32_FIND_DATAA* data) noexcept;
BOOL WINAPI FindClose(HANDLE h) noexcept;

// processenv
LPSTR WINAPI GetEnvironmentStringsA() noexcept;
LPWSTR WINAPI GetEnvironmentStrings() noexcept;
BOOL WINAPI FreeEnvironmentStringsA(LPSTR block) noexcept;
DWORD WINAPI GetEnvironmentVariableW(LPCWSTR name, LPWSTR buffer, DWORD size) noexcept;
DWORD WINAPI GetEnvironmentVariableA(LPCSTR name, LPSTR buffer, DWORD size) noexcept;
BOOL WINAPI SetEnvironmentVariableA(LPCSTR name, LPCSTR value) noexcept;
DWORD WINAPI ExpandEnvironmentStringsW(LPCWSTR src, LPWSTR dst, DWORD size) noexcept;
DWORD WINAPI ExpandEnvironmentStringsA(LPCSTR src, LPSTR dst, DWORD size) noexcept;
DWORD WINAPI GetCurrentDirectoryA(DWORD size, LPSTR buffer) noexcept;
BOOL WINAPI SetCurrentDirectoryA(LPCSTR path) noexcept;

// consoleapi
BOOL WINAPI SetConsoleMode(HANDLE h, DWORD mode) noexcept;
BOOL WINAPI WriteConsoleA(HANDLE h, const void* buffer, DWORD chars, DWORD* written, void* reserved) noexcept;
BOOL WINAPI ReadConsoleW(HANDLE h, void* buffer, DWORD chars, DWORD* read, void* control) noexcept;
BOOL WINAPI ReadConsoleA(HANDLE h, void* buffer, DWORD chars, DWORD* read, void* control) noexcept;
UINT WINAPI GetConsoleCP() noexcept;
UINT WINAPI GetConsoleOutputCP() noexcept;
BOOL WINAPI SetConsoleCP(UINT cp) noexcept;
BOOL WINAPI SetConsoleOutputCP(UINT cp) noexcept;
BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE handler, BOOL add) noexcept;
BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO* info) noexcept;
BOOL WINAPI SetConsoleTextAttribute(HANDLE h, WORD attributes) noexcept;
BOOL WINAPI SetConsoleCursorPosition(HANDLE h, COORD pos) noexcept;
BOOL WINAPI SetConsoleTitleW(LPCWSTR title) noexcept;
BOOL WINAPI SetConsoleTitleA(LPCSTR title) noexcept;
BOOL WINAPI GenerateConsoleCtrlEvent(DWORD event, DWORD group) noexcept;
BOOL WINAPI GetConsoleCursorInfo(HANDLE h, CONSOLE_CURSOR_INFO* info) noexcept;
BOOL WINAPI SetConsoleCursorInfo(HANDLE h, const CONSOLE_CURSOR_INFO* info) noexcept;
BOOL WINAPI FillConsoleOutputCharacterW(HANDLE h, WCHAR c, DWORD length, COORD at, DWORD* written) noexcept;
BOOL WINAPI FillConsoleOutputCharacterA(HANDLE h, CHAR c, DWORD length, COORD at, DWORD* written) noexcept;
BOOL WINAPI FillConsoleOutputAttribute(HANDLE h, WORD attributes, DWORD length, COORD at, DWORD* written) noexcept;

// processthreadsapi
BOOL WINAPI TerminateProcess(HANDLE process, UINT code) noexcept;
BOOL WINAPI GetExitCodeProcess(HANDLE process, DWORD* code) noexcept;
BOOL WINAPI CreateProcessW(LPCWSTR application, LPWSTR command_line, SECURITY_ATTRIBUTES* process_sa,
                           SECURITY_ATTRIBUTES* thread_sa, BOOL inherit, DWORD flags, void* environment,
                           LPCWSTR directory, STARTUPINFOW* si, PROCESS_INFORMATION* pi) noexcept;
BOOL WINAPI CreateProcessA(LPCSTR application, LPSTR command_line, SECURITY_ATTRIBUTES* process_sa,
                           SECURITY_ATTRIBUTES* thread_sa, BOOL inherit, DWORD flags, void* environment,
                           LPCSTR directory, STARTUPINFOA* si, PROCESS_INFORMATION* pi) noexcept;
DWORD WINAPI GetProcessId(HANDLE process) noexcept;
HANDLE WINAPI OpenProcess(DWORD access, BOOL inherit, DWORD pid) noexcept;
HANDLE WINAPI GetCurrentThread() noexcept;
void WINAPI GetStartupInfoW(STARTUPINFOW* info) noexcept;
void WINAPI GetStartupInfoA(STARTUPINFOA* info) noexcept;
BOOL WINAPI IsProcessorFeaturePresent(DWORD feature) noexcept;
BOOL WINAPI GetProcessTimes(HANDLE process, FILETIME* creation, FILETIME* exit, FILETIME* kernel,
                            FILETIME* user) noexcept;
BOOL WINAPI GetExitCodeThread(HANDLE h, DWORD* code) noexcept;
DWORD WINAPI ResumeThread(HANDLE h) noexcept;
DWORD WINAPI GetThreadId(HANDLE h) noexcept;
DWORD WINAPI TlsAlloc() noexcept;
BOOL WINAPI TlsFree(DWORD index) noexcept;
void* WINAPI TlsGetValue(DWORD index) noexcept;
BOOL WINAPI TlsSetValue(DWORD index, void* value) noexcept;

// fibersapi
DWORD WINAPI FlsAlloc(PFLS_CALLBACK_FUNCTION callback) noexcept;
BOOL WINAPI FlsFree(DWORD index) noexcept;
void* WINAPI FlsGetValue(DWORD index) noexcept;
BOOL WINAPI FlsSetValue(DWORD index, void* value) noexcept;

// sysinfoapi, timezoneapi, profileapi
void WINAPI GetSystemInfo(SYSTEM_INFO* info) noexcept;
void WINAPI GetNativeSystemInfo(SYSTEM_INFO* info) noexcept;
DWORD WINAPI GetVersion() noexcept;
BOOL WINAPI GetVersionExW(OSVERSIONINFOW* info) noexcept;
BOOL WINAPI GetVersionExA(OSVERSIONINFOA* info) noexcept;
void WINAPI GetSystemTimeAsFileTime(FILETIME* ft) noexcept;
void WINAPI GetSystemTimePreciseAsFileTime(FILETIME* ft) noexcept;
void WINAPI GetSystemTime(SYSTEMTIME* st) noexcept;
void WINAPI GetLocalTime(SYSTEMTIME* st) noexcept;
BOOL WINAPI FileTimeToSystemTime(const FILETIME* ft, SYSTEMTIME* st) noexcept;
BOOL WINAPI SystemTimeToFileTime(const SYSTEMTIME* st, FILETIME* ft) noexcept;
BOOL WINAPI FileTimeToLocalFileTime(const FILETIME* ft, FILETIME* local) noexcept;
BOOL WINAPI LocalFileTimeToFileTime(const FILETIME* local, FILETIME* ft) noexcept;
DWORD WINAPI GetTimeZoneInformation(TIME_ZONE_INFORMATION* tz) noexcept;
BOOL WINAPI QueryPerformanceCounter(LARGE_INTEGER* counter) noexcept;
BOOL WINAPI QueryPerformanceFrequency(LARGE_INTEGER* frequency) noexcept;
DWORD WINAPI GetTickCount() noexcept;
ULONGLONG WINAPI GetTickCount64() noexcept;

// debugapi
BOOL WINAPI IsDebuggerPresent() noexcept;
void WINAPI OutputDebugStringA(LPCSTR text) noexcept;
void WINAPI OutputDebugStringW(LPCWSTR text) noexcept;

// synchapi
void WINAPI InitializeCriticalSection(CRITICAL_SECTION* cs) noexcept;
BOOL WINAPI InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION* cs, DWORD spin) noexcept;
BOOL WINAPI InitializeCriticalSectionEx(CRITICAL_SECTION* cs, DWORD spin, DWORD flags) noexcept;
void WINAPI DeleteCriticalSection(CRITICAL_SECTION* cs) noexcept;
void WINAPI EnterCriticalSection(CRITICAL_SECTION* cs) noexcept;
BOOL WINAPI TryEnterCriticalSection(CRITICAL_SECTION* cs) noexcept;
void WINAPI LeaveCriticalSection(CRITICAL_SECTION* cs) noexcept;
DWORD WINAPI SetCriticalSectionSpinCount(CRITICAL_SECTION* cs, DWORD spin) noexcept;
void WINAPI Sleep(DWORD ms) noexcept;
DWORD WINAPI SleepEx(DWORD ms, BOOL alertable) noexcept;
HANDLE WINAPI CreateEventW(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, BOOL initial, LPCWSTR name) noexcept;
HANDLE WINAPI CreateEventA(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, BOOL initial, LPCSTR name) noexcept;
HANDLE WINAPI CreateEventExW(SECURITY_ATTRIBUTES* sa, LPCWSTR name, DWORD flags, DWORD access) noexcept;
BOOL WINAPI SetEvent(HANDLE h) noexcept;
BOOL WINAPI ResetEvent(HANDLE h) noexcept;
HANDLE WINAPI CreateMutexW(SECURITY_ATTRIBUTES* sa, BOOL initial_owner, LPCWSTR name) noexcept;
HANDLE WINAPI CreateMutexA(SECURITY_ATTRIBUTES* sa, BOOL initial_owner, LPCSTR name) noexcept;
BOOL WINAPI ReleaseMutex(HANDLE h) noexcept;
HANDLE WINAPI CreateSemaphoreW(SECURITY_ATTRIBUTES* sa, LONG initial, LONG maximum, LPCWSTR name) noexcept;
HANDLE WINAPI CreateSemaphoreA(SECURITY_ATTRIBUTES* sa, LONG initial, LONG maximum, LPCSTR name) noexcept;
// memoryapi: file mappings
HANDLE WINAPI CreateFileMappingW(HANDLE file, SECURITY_ATTRIBUTES* sa, DWORD protect, DWORD max_high, DWORD max_low,
                                 LPCWSTR name) noexcept;
HANDLE WINAPI CreateFileMappingA(HANDLE file, SECURITY_ATTRIBUTES* sa, DWORD protect, DWORD max_high, DWORD max_low,
                                 LPCSTR name) noexcept;
HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, LPCWSTR name) noexcept;
HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, LPCSTR name) noexcept;
void* WINAPI MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size) noexcept;
void* WINAPI MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low, SIZE_T size,
                             void* address) noexcept;
BOOL WINAPI UnmapViewOfFile(const void* address) noexcept;
BOOL WINAPI FlushViewOfFile(const void* address, SIZE_T size) noexcept;
HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, LPCWSTR name) noexcept;
HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, LPCSTR name) noexcept;
HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, LPCWSTR name) noexcept;
HANDLE WINAPI OpenMutexA(DWORD access, BOOL inherit, LPCSTR name) noexcept;
HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, LPCWSTR name) noexcept;
HANDLE WINAPI OpenSemaphoreA(DWORD access, BOOL inherit, LPCSTR name) noexcept;
BOOL WINAPI ReleaseSemaphore(HANDLE h, LONG count, LONG* previous) noexcept;
DWORD WINAPI WaitForSingleObject(HANDLE h, DWORD ms) noexcept;
DWORD WINAPI WaitForSingleObjectEx(HANDLE h, DWORD ms, BOOL alertable) noexcept;
DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD ms) noexcept;
DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE* handles, BOOL wait_all, DWORD ms,
                                      BOOL alertable) noexcept;
using PTIMERAPCROUTINE = void(WINAPI*)(void* arg, DWORD low, DWORD high);  // synchapi_timers
HANDLE WINAPI CreateWaitableTimerW(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, LPCWSTR name) noexcept;
HANDLE WINAPI CreateWaitableTimerA(SECURITY_ATTRIBUTES* sa, BOOL manual_reset, LPCSTR name) noexcept;
HANDLE WINAPI CreateWaitableTimerExW(SECURITY_ATTRIBUTES* sa, LPCWSTR name, DWORD flags, DWORD access) noexcept;
HANDLE WINAPI OpenWaitableTimerW(DWORD access, BOOL inherit, LPCWSTR name) noexcept;
BOOL WINAPI SetWaitableTimer(HANDLE h, const LARGE_INTEGER* due, LONG period, PTIMERAPCROUTINE routine, void* arg,
                             BOOL resume) noexcept;
BOOL WINAPI CancelWaitableTimer(HANDLE h) noexcept;
DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD ms, BOOL alertable) noexcept;
using PAPCFUNC = void(WINAPI*)(ULONG_PTR data);  // processthreadsapi_apc
DWORD WINAPI QueueUserAPC(PAPCFUNC fn, HANDLE thread, ULONG_PTR data) noexcept;
HRESULT WINAPI SetThreadDescription(HANDLE thread, LPCWSTR description) noexcept;
HRESULT WINAPI GetThreadDescription(HANDLE thread, LPWSTR* description) noexcept;
BOOL WINAPI InitOnceExecuteOnce(INIT_ONCE* once, PINIT_ONCE_FN fn, void* param, void** context) noexcept;
BOOL WINAPI InitOnceBeginInitialize(INIT_ONCE* once, DWORD flags, BOOL* pending, void** context) noexcept;
BOOL WINAPI InitOnceComplete(INIT_ONCE* once, DWORD flags, void* context) noexcept;
void WINAPI InitializeSRWLock(SRWLOCK* lock) noexcept;
void WINAPI AcquireSRWLockExclusive(SRWLOCK* lock) noexcept;
void WINAPI AcquireSRWLockShared(SRWLOCK* lock) noexcept;
void WINAPI ReleaseSRWLockExclusive(SRWLOCK* lock) noexcept;
void WINAPI ReleaseSRWLockShared(SRWLOCK* lock) noexcept;
BOOLEAN WINAPI TryAcquireSRWLockExclusive(SRWLOCK* lock) noexcept;
BOOLEAN WINAPI TryAcquireSRWLockShared(SRWLOCK* lock) noexcept;
void WINAPI InitializeConditionVariable(CONDITION_VARIABLE* cv) noexcept;
BOOL WINAPI SleepConditionVariableCS(CONDITION_VARIABLE* cv, CRITICAL_SECTION* cs, DWORD ms) noexcept;
BOOL WINAPI SleepConditionVariableSRW(CONDITION_VARIABLE* cv, SRWLOCK* lock, DWORD ms, ULONG flags) noexcept;
void WINAPI WakeConditionVariable(CONDITION_VARIABLE* cv) noexcept;
void WINAPI WakeAllConditionVariable(CONDITION_VARIABLE* cv) noexcept;

// memoryapi
void* WINAPI VirtualAlloc(void* address, SIZE_T size, DWORD type, DWORD protect) noexcept;
BOOL WINAPI VirtualFree(void* address, SIZE_T size, DWORD type) noexcept;
BOOL WINAPI VirtualProtect(void* address, SIZE_T size, DWORD protect, DWORD* old_protect) noexcept;
SIZE_T WINAPI VirtualQuery(const void* address, MEMORY_BASIC_INFORMATION* info, SIZE_T length) noexcept;

// heapapi and winbase memory
HANDLE WINAPI HeapCreate(DWORD flags, SIZE_T initial, SIZE_T maximum) noexcept;
BOOL WINAPI HeapDestroy(HANDLE heap) noexcept;
void* WINAPI HeapReAlloc(HANDLE heap, DWORD flags, void* p, SIZE_T size) noexcept;
SIZE_T WINAPI HeapSize(HANDLE heap, DWORD flags, const void* p) noexcept;
BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, const void* p) noexcept;
HLOCAL WINAPI LocalAlloc(UINT flags, SIZE_T size) noexcept;
HLOCAL WINAPI LocalFree(HLOCAL mem) noexcept;
HLOCAL WINAPI LocalReAlloc(HLOCAL mem, SIZE_T size, UINT flags) noexcept;
SIZE_T WINAPI LocalSize(HLOCAL mem) noexcept;
HGLOBAL WINAPI GlobalAlloc(UINT flags, SIZE_T size) noexcept;
HGLOBAL WINAPI GlobalFree(HGLOBAL mem) noexcept;
void* WINAPI GlobalLock(HGLOBAL mem) noexcept;
BOOL WINAPI GlobalUnlock(HGLOBAL mem) noexcept;

// stringapiset, winnls, winbase strings
UINT WINAPI GetOEMCP() noexcept;
BOOL WINAPI GetCPInfo(UINT cp, CPINFO* info) noexcept;
BOOL WINAPI IsValidCodePage(UINT cp) noexcept;
BOOL WINAPI IsDBCSLeadByte(BYTE b) noexcept;
BOOL WINAPI IsDBCSLeadByteEx(UINT cp, BYTE b) noexcept;
int WINAPI lstrlenA(LPCSTR s) noexcept;
int WINAPI lstrlenW(LPCWSTR s) noexcept;
LPWSTR WINAPI lstrcpyW(LPWSTR dst, LPCWSTR src) noexcept;
LPSTR WINAPI lstrcpyA(LPSTR dst, LPCSTR src) noexcept;
LPWSTR WINAPI lstrcpynW(LPWSTR dst, LPCWSTR src, int n) noexcept;
LPSTR WINAPI lstrcpynA(LPSTR dst, LPCSTR src, int n) noexcept;
LPWSTR WINAPI lstrcatW(LPWSTR dst, LPCWSTR src) noexcept;
LPSTR WINAPI lstrcatA(LPSTR dst, LPCSTR src) noexcept;
int WINAPI lstrcmpW(LPCWSTR a, LPCWSTR b) noexcept;
int WINAPI lstrcmpA(LPCSTR a, LPCSTR b) noexcept;
int WINAPI lstrcmpiW(LPCWSTR a, LPCWSTR b) noexcept;
int WINAPI lstrcmpiA(LPCSTR a, LPCSTR b) noexcept;
int WINAPI CompareStringOrdinal(LPCWSTR a, int a_len, LPCWSTR b, int b_len, BOOL ignore_case) noexcept;
BOOL WINAPI GetStringTypeW(DWORD type, LPCWSTR src, int len, WORD* types) noexcept;

// libloaderapi
HMODULE WINAPI GetModuleHandleW(LPCWSTR name) noexcept;
HMODULE WINAPI GetModuleHandleA(LPCSTR name) noexcept;
BOOL WINAPI GetModuleHandleExW(DWORD flags, LPCWSTR name, HMODULE* module) noexcept;
BOOL WINAPI GetModuleHandleExA(DWORD flags, LPCSTR name, HMODULE* module) noexcept;
DWORD WINAPI GetModuleFileNameW(HMODULE module, LPWSTR buffer, DWORD size) noexcept;
DWORD WINAPI GetModuleFileNameA(HMODULE module, LPSTR buffer, DWORD size) noexcept;
HMODULE WINAPI LoadLibraryW(LPCWSTR name) noexcept;
HMODULE WINAPI LoadLibraryA(LPCSTR name) noexcept;
HMODULE WINAPI LoadLibraryExW(LPCWSTR name, HANDLE file, DWORD flags) noexcept;
HMODULE WINAPI LoadLibraryExA(LPCSTR name, HANDLE file, DWORD flags) noexcept;
FARPROC WINAPI GetProcAddress(HMODULE module, LPCSTR name) noexcept;
BOOL WINAPI FreeLibrary(HMODULE module) noexcept;
BOOL WINAPI DisableThreadLibraryCalls(HMODULE module) noexcept;

// winbase: FormatMessage
inline constexpr DWORD FORMAT_MESSAGE_ALLOCATE_BUFFER = 0x100, FORMAT_MESSAGE_IGNORE_INSERTS = 0x200,
                       FORMAT_MESSAGE_FROM_STRING = 0x400, FORMAT_MESSAGE_FROM_HMODULE = 0x800,
                       FORMAT_MESSAGE_FROM_SYSTEM = 0x1000, FORMAT_MESSAGE_ARGUMENT_ARRAY = 0x2000,
                       FORMAT_MESSAGE_MAX_WIDTH_MASK = 0xFF;
DWORD WINAPI FormatMessageW(DWORD flags, const void* source, DWORD id, DWORD lang, LPWSTR buffer, DWORD size,
                            void* args) noexcept;
DWORD WINAPI FormatMessageA(DWORD flags, const void* source, DWORD id, DWORD lang, LPSTR buffer, DWORD size,
                            void* args) noexcept;


// interlockedapi
struct SLIST_ENTRY {
  SLIST_ENTRY* Next;
};
struct alignas(16) SLIST_HEADER {
  ULONGLONG Alignment;
  ULONGLONG Region;
};
static_assert(sizeof(SLIST_HEADER) == 16);
void WINAPI InitializeSListHead(SLIST_HEADER* head) noexcept;
SLIST_ENTRY* WINAPI InterlockedPushEntrySList(SLIST_HEADER* head, SLIST_ENTRY* entry) noexcept;
SLIST_ENTRY* WINAPI InterlockedPopEntrySList(SLIST_HEADER* head) noexcept;
SLIST_ENTRY* WINAPI InterlockedFlushSList(SLIST_HEADER* head) noexcept;
USHORT WINAPI QueryDepthSList(SLIST_HEADER* head) noexcept;

// utilapiset, errhandlingapi (error mode), more synchapi, sysinfoapi, namedpipeapi, wow64apiset
void* WINAPI EncodePointer(void* p) noexcept;
void* WINAPI DecodePointer(void* p) noexcept;
void* WINAPI EncodeSystemPointer(void* p) noexcept;
void* WINAPI DecodeSystemPointer(void* p) noexcept;
UINT WINAPI SetErrorMode(UINT mode) noexcept;
UINT WINAPI GetErrorMode() noexcept;
BOOL WINAPI WaitOnAddress(volatile void* address, void* compare, SIZE_T size, DWORD ms) noexcept;
void WINAPI WakeByAddressSingle(void* address) noexcept;
void WINAPI WakeByAddressAll(void* address) noexcept;
BOOL WINAPI SwitchToThread() noexcept;
DWORD WINAPI GetCurrentProcessorNumber() noexcept;
BOOL WINAPI SetThreadPriority(HANDLE thread, int priority) noexcept;
int WINAPI GetThreadPriority(HANDLE thread) noexcept;
BOOL WINAPI GetProcessAffinityMask(HANDLE process, DWORD_PTR* process_mask, DWORD_PTR* system_mask) noexcept;
BOOL WINAPI IsWow64Process(HANDLE process, BOOL* wow64) noexcept;
UINT WINAPI GetSystemDirectoryW(LPWSTR buffer, UINT size) noexcept;
UINT WINAPI GetSystemDirectoryA(LPSTR buffer, UINT size) noexcept;
UINT WINAPI GetWindowsDirectoryW(LPWSTR buffer, UINT size) noexcept;
UINT WINAPI GetWindowsDirectoryA(LPSTR buffer, UINT size) noexcept;
UINT WINAPI GetSystemWindowsDirectoryW(LPWSTR buffer, UINT size) noexcept;
BOOL WINAPI GetComputerNameW(LPWSTR buffer, DWORD* size) noexcept;
BOOL WINAPI GetComputerNameA(LPSTR buffer, DWORD* size) noexcept;
DWORD WINAPI GetLogicalDrives() noexcept;
BOOL WINAPI CreatePipe(HANDLE* read_pipe, HANDLE* write_pipe, SECURITY_ATTRIBUTES* sa, DWORD size) noexcept;
BOOL WINAPI HeapSetInformation(HANDLE heap, int info_class, void* info, SIZE_T length) noexcept;

// used by msvcrt
struct BY_HANDLE_FILE_INFORMATION {
  DWORD dwFileAttributes;
  FILETIME ftCreationTime;
  FILETIME ftLastAccessTime;
  FILETIME ftLastWriteTime;
  DWORD dwVolumeSerialNumber;
  DWORD nFileSizeHigh;
  DWORD nFileSizeLow;
  DWORD nNumberOfLinks;
  DWORD nFileIndexHigh;
  DWORD nFileIndexLow;
};
static_assert(sizeof(BY_HANDLE_FILE_INFORMATION) == 52);

struct WIN32_FILE_ATTRIBUTE_DATA {
  DWORD dwFileAttributes;
  FILETIME ftCreationTime;
  FILETIME ftLastAccessTime;
  FILETIME ftLastWriteTime;
  DWORD nFileSizeHigh;
  DWORD nFileSizeLow;
};
static_assert(sizeof(WIN32_FILE_ATTRIBUTE_DATA) == 36);

inline constexpr DWORD DUPLICATE_SAME_ACCESS = 2;
inline constexpr DWORD FILE_ATTRIBUTE_READONLY = 0x1, FILE_ATTRIBUTE_DIRECTORY = 0x10;
inline constexpr DWORD INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF;
inline constexpr DWORD FILE_FLAG_DELETE_ON_CLOSE = 0x04000000;
inline constexpr DWORD MOVEFILE_REPLACE_EXISTING = 1, MOVEFILE_COPY_ALLOWED = 2;

BOOL WINAPI DuplicateHandle(HANDLE src_process, HANDLE src, HANDLE dst_process, HANDLE* dst,
                            DWORD access, BOOL inherit, DWORD options) noexcept;
LPWSTR WINAPI GetEnvironmentStringsW() noexcept;
BOOL WINAPI FreeEnvironmentStringsW(LPWSTR block) noexcept;
BOOL WINAPI SetEnvironmentVariableW(LPCWSTR name, LPCWSTR value) noexcept;
DWORD WINAPI GetCurrentDirectoryW(DWORD size, LPWSTR buffer) noexcept;
BOOL WINAPI SetCurrentDirectoryW(LPCWSTR path) noexcept;
BOOL WINAPI CreateDirectoryW(LPCWSTR path, SECURITY_ATTRIBUTES* sa) noexcept;
BOOL WINAPI RemoveDirectoryW(LPCWSTR path) noexcept;
BOOL WINAPI MoveFileExW(LPCWSTR from, LPCWSTR to, DWORD flags) noexcept;
DWORD WINAPI GetFileAttributesW(LPCWSTR path) noexcept;
BOOL WINAPI GetFileAttributesExW(LPCWSTR path, int info_level, void* info) noexcept;  // level 0: standard
BOOL WINAPI GetFileInformationByHandle(HANDLE h, BY_HANDLE_FILE_INFORMATION* info) noexcept;
BOOL WINAPI GetFileInformationByHandleEx(HANDLE h, int info_class, void* buffer, DWORD size) noexcept;  // fileapi_extra.cpp
BOOL WINAPI LockFileEx(HANDLE h, DWORD flags, DWORD reserved, DWORD length_low, DWORD length_high, OVERLAPPED* ov) noexcept;
BOOL WINAPI UnlockFileEx(HANDLE h, DWORD reserved, DWORD length_low, DWORD length_high, OVERLAPPED* ov) noexcept;
BOOL WINAPI LockFile(HANDLE h, DWORD offset_low, DWORD offset_high, DWORD length_low, DWORD length_high) noexcept;
BOOL WINAPI UnlockFile(HANDLE h, DWORD offset_low, DWORD offset_high, DWORD length_low, DWORD length_high) noexcept;
UINT WINAPI GetTempFileNameW(LPCWSTR path, LPCWSTR prefix, UINT unique, LPWSTR buffer) noexcept;
UINT WINAPI GetTempFileNameA(LPCSTR path, LPCSTR prefix, UINT unique, LPSTR buffer) noexcept;
BOOL WINAPI GetDiskFreeSpaceExW(LPCWSTR dir, std::uint64_t* avail, std::uint64_t* total, std::uint64_t* total_free) noexcept;
BOOL WINAPI GetDiskFreeSpaceExA(LPCSTR dir, std::uint64_t* avail, std::uint64_t* total, std::uint64_t* total_free) noexcept;
BOOL WINAPI GetDiskFreeSpaceW(LPCWSTR root, DWORD* sectors_per_cluster, DWORD* bytes_per_sector, DWORD* free_clusters, DWORD* total_clusters) noexcept;
BOOL WINAPI GetDiskFreeSpaceA(LPCSTR root, DWORD* sectors_per_cluster, DWORD* bytes_per_sector, DWORD* free_clusters, DWORD* total_clusters) noexcept;
BOOL WINAPI GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD name_size, DWORD* serial, DWORD* max_component, DWORD* flags, LPWSTR fs_name, DWORD fs_name_size) noexcept;
BOOL WINAPI GetVolumeInformationA(LPCSTR root, LPSTR name, DWORD name_size, DWORD* serial, DWORD* max_component, DWORD* flags, LPSTR fs_name, DWORD fs_name_size) noexcept;
BOOL WINAPI CopyFileExW(LPCWSTR from, LPCWSTR to, void* progress, void* data, BOOL* cancel, DWORD flags) noexcept;
BOOL WINAPI CopyFileExA(LPCSTR from, LPCSTR to, void* progress, void* data, BOOL* cancel, DWORD flags) noexcept;
BOOL WINAPI ReplaceFileW(LPCWSTR replaced, LPCWSTR replacement, LPCWSTR backup, DWORD flags, void* exclude, void* reserved) noexcept;
BOOL WINAPI ReplaceFileA(LPCSTR replaced, LPCSTR replacement, LPCSTR backup, DWORD flags, void* exclude, void* reserved) noexcept;
DWORD WINAPI GetFullPathNameW(LPCWSTR path, DWORD size, LPWSTR buffer, LPWSTR* file_part) noexcept;
using THREAD_START_ROUTINE = DWORD(WINAPI*)(void* parameter);
HANDLE WINAPI CreateThread(SECURITY_ATTRIBUTES* sa, SIZE_T stack_size, THREAD_START_ROUTINE start, void* parameter,
                           DWORD flags, DWORD* thread_id) noexcept;
[[noreturn]] void WINAPI ExitThread(DWORD code) noexcept;
// Threads (processthreadsapi_thread.cpp, processthreadsapi_thread_info.cpp).
BOOL WINAPI TerminateThread(HANDLE thread, DWORD code) noexcept;
HANDLE WINAPI OpenThread(DWORD access, BOOL inherit, DWORD tid) noexcept;
DWORD WINAPI GetProcessIdOfThread(HANDLE thread) noexcept;
DWORD_PTR WINAPI SetThreadAffinityMask(HANDLE thread, DWORD_PTR mask) noexcept;
BOOL WINAPI GetThreadTimes(HANDLE thread, FILETIME* creation, FILETIME* exit, FILETIME* kernel, FILETIME* user) noexcept;
void WINAPI GetCurrentThreadStackLimits(ULONG_PTR* low, ULONG_PTR* high) noexcept;
BOOL WINAPI SetThreadStackGuarantee(ULONG* bytes) noexcept;

// What MSVC/Rust programs call beside the UCRT (fileapi_handle.cpp, processthreadsapi_barrier.cpp).
DWORD WINAPI GetFinalPathNameByHandleW(HANDLE h, LPWSTR buffer, DWORD size, DWORD flags) noexcept;
BOOL WINAPI SetFileInformationByHandle(HANDLE h, int info_class, void* buffer, DWORD size) noexcept;
BOOL WINAPI ReadDirectoryChangesW(HANDLE dir, void* buffer, DWORD size, BOOL subtree, DWORD filter, DWORD* returned,
                                  void* overlapped, void* completion) noexcept;
void WINAPI FlushProcessWriteBuffers() noexcept;
BOOL WINAPI IsThreadAFiber() noexcept;

// ---- I/O: completion ports, overlapped I/O, named pipes (ioapiset.cpp, ioapiset_overlapped.cpp,
// namedpipeapi*.cpp) ----
struct OVERLAPPED_ENTRY {
  ULONG_PTR lpCompletionKey;
  OVERLAPPED* lpOverlapped;
  ULONG_PTR Internal;
  DWORD dwNumberOfBytesTransferred;
};
static_assert(sizeof(OVERLAPPED_ENTRY) == 32 && offsetof(OVERLAPPED_ENTRY, dwNumberOfBytesTransferred) == 24);
using LPOVERLAPPED_COMPLETION_ROUTINE = void(WINAPI*)(DWORD error, DWORD bytes, OVERLAPPED* ov);
inline constexpr UCHAR FILE_SKIP_COMPLETION_PORT_ON_SUCCESS = 1, FILE_SKIP_SET_EVENT_ON_HANDLE = 2;

HANDLE WINAPI CreateIoCompletionPort(HANDLE file, HANDLE existing, ULONG_PTR key, DWORD threads) noexcept;
BOOL WINAPI GetQueuedCompletionStatus(HANDLE port, DWORD* bytes, ULONG_PTR* key, OVERLAPPED** ov, DWORD ms) noexcept;
BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE port, OVERLAPPED_ENTRY* entries, ULONG count, ULONG* removed,
                                        DWORD ms, BOOL alertable) noexcept;
BOOL WINAPI PostQueuedCompletionStatus(HANDLE port, DWORD bytes, ULONG_PTR key, OVERLAPPED* ov) noexcept;
BOOL WINAPI SetFileCompletionNotificationModes(HANDLE file, UCHAR flags) noexcept;
BOOL WINAPI GetOverlappedResult(HANDLE file, OVERLAPPED* ov, DWORD* bytes, BOOL wait) noexcept;
BOOL WINAPI GetOverlappedResultEx(HANDLE file, OVERLAPPED* ov, DWORD* bytes, DWORD ms, BOOL alertable) noexcept;
BOOL WINAPI CancelIo(HANDLE file) noexcept;
BOOL WINAPI CancelIoEx(HANDLE file, OVERLAPPED* ov) noexcept;
BOOL WINAPI ReadFileEx(HANDLE file, void* buffer, DWORD to_read, OVERLAPPED* ov,
                       LPOVERLAPPED_COMPLETION_ROUTINE routine) noexcept;
BOOL WINAPI WriteFileEx(HANDLE file, const void* buffer, DWORD to_write, OVERLAPPED* ov,
                        LPOVERLAPPED_COMPLETION_ROUTINE routine) noexcept;

HANDLE WINAPI CreateNamedPipeW(LPCWSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                               DWORD in_size, DWORD default_timeout, SECURITY_ATTRIBUTES* sa) noexcept;
HANDLE WINAPI CreateNamedPipeA(LPCSTR name, DWORD open_mode, DWORD pipe_mode, DWORD max_instances, DWORD out_size,
                               DWORD in_size, DWORD default_timeout, SECURITY_ATTRIBUTES* sa) noexcept;
BOOL WINAPI ConnectNamedPipe(HANDLE pipe, OVERLAPPED* ov) noexcept;
BOOL WINAPI DisconnectNamedPipe(HANDLE pipe) noexcept;
BOOL WINAPI WaitNamedPipeW(LPCWSTR name, DWORD timeout) noexcept;
BOOL WINAPI WaitNamedPipeA(LPCSTR name, DWORD timeout) noexcept;
BOOL WINAPI PeekNamedPipe(HANDLE pipe, void* buffer, DWORD size, DWORD* read, DWORD* available,
                          DWORD* left_this_message) noexcept;
BOOL WINAPI GetNamedPipeInfo(HANDLE pipe, DWORD* flags, DWORD* out_size, DWORD* in_size, DWORD* max_instances) noexcept;
BOOL WINAPI GetNamedPipeHandleStateW(HANDLE pipe, DWORD* state, DWORD* instances, DWORD* max_collection,
                                     DWORD* collect_timeout, LPWSTR user_name, DWORD user_name_size) noexcept;
BOOL WINAPI GetNamedPipeHandleStateA(HANDLE pipe, DWORD* state, DWORD* instances, DWORD* max_collection,
                                     DWORD* collect_timeout, LPSTR user_name, DWORD user_name_size) noexcept;
BOOL WINAPI SetNamedPipeHandleState(HANDLE pipe, DWORD* mode, DWORD* max_collection, DWORD* collect_timeout) noexcept;
BOOL WINAPI TransactNamedPipe(HANDLE pipe, void* in, DWORD in_size, void* out, DWORD out_size, DWORD* read,
                              OVERLAPPED* ov) noexcept;
BOOL WINAPI CallNamedPipeW(LPCWSTR name, void* in, DWORD in_size, void* out, DWORD out_size, DWORD* read,
                           DWORD timeout) noexcept;
BOOL WINAPI CallNamedPipeA(LPCSTR name, void* in, DWORD in_size, void* out, DWORD out_size, DWORD* read,
                           DWORD timeout) noexcept;

}  // namespace sill::kernel32

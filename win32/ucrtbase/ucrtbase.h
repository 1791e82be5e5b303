// Declarations of the exports that only the Universal CRT has (ucrtbase.dll, reached through
// the api-ms-win-crt-* sets). Everything the UCRT shares with msvcrt.dll is msvcrt's code,
// listed again in ucrtbase_exports.cpp; these are the entry points whose ABI differs.
#pragma once
#include <cstddef>
#include <cstdint>

#include "win32/msvcrt/msvcrt.h"

namespace sill::ucrtbase {

using namespace sill::win;
using msvcrt::errno_t;
using msvcrt::FILE;
using msvcrt::wchar;
using va_list_t = __builtin_ms_va_list;
using locale_t = void*;  // _locale_t (msvcrt's locale objects); the stdio entry points do not read it

// The onexit tables MSVC's start-up code keeps for each module (corecrt_startup.h).
struct OnexitTable {
  msvcrt::vfunc_t* first;
  msvcrt::vfunc_t* last;
  msvcrt::vfunc_t* end;
};
static_assert(sizeof(OnexitTable) == 24);

using tls_callback_t = void(WINAPI*)(void* module, DWORD reason, void* reserved);
using new_handler_t = int(WINAPI*)(std::size_t);

// startup.cpp
int WINAPI _configure_narrow_argv(int mode) noexcept;
int WINAPI _configure_wide_argv(int mode) noexcept;
int WINAPI _initialize_narrow_environment() noexcept;
int WINAPI _initialize_wide_environment() noexcept;
char** WINAPI _get_initial_narrow_environment() noexcept;
wchar** WINAPI _get_initial_wide_environment() noexcept;
char* WINAPI _get_narrow_winmain_command_line() noexcept;
wchar* WINAPI _get_wide_winmain_command_line() noexcept;
void WINAPI _set_app_type(int type) noexcept;
int WINAPI _get_startup_argv_mode() noexcept;
int WINAPI _seh_filter_exe(DWORD code, void* pointers) noexcept;
int WINAPI _seh_filter_dll(DWORD code, void* pointers) noexcept;

// onexit.cpp
int WINAPI _initialize_onexit_table(OnexitTable* table) noexcept;
int WINAPI _register_onexit_function(OnexitTable* table, msvcrt::onexit_t fn) noexcept;
int WINAPI _execute_onexit_table(OnexitTable* table) noexcept;
int WINAPI _crt_atexit(msvcrt::vfunc_t fn) noexcept;
int WINAPI _crt_at_quick_exit(msvcrt::vfunc_t fn) noexcept;
int WINAPI at_quick_exit(msvcrt::vfunc_t fn) noexcept;
[[noreturn]] void WINAPI exit(int code) noexcept;
[[noreturn]] void WINAPI quick_exit(int code) noexcept;
void WINAPI _cexit() noexcept;
void WINAPI _register_thread_local_exe_atexit_callback(tls_callback_t callback) noexcept;

// runtime.cpp
void WINAPI _invalid_parameter_noinfo() noexcept;
[[noreturn]] void WINAPI _invalid_parameter_noinfo_noreturn() noexcept;
void WINAPI _invalid_parameter(const wchar* expr, const wchar* function, const wchar* file, unsigned line,
                               std::uintptr_t reserved) noexcept;
[[noreturn]] void WINAPI _invoke_watson(const wchar* expr, const wchar* function, const wchar* file,
                                        unsigned line, std::uintptr_t reserved) noexcept;
void* WINAPI _set_thread_local_invalid_parameter_handler(void* handler) noexcept;
void* WINAPI _get_thread_local_invalid_parameter_handler() noexcept;
[[noreturn]] void WINAPI __report_gsfailure(std::uintptr_t cookie) noexcept;
void WINAPI _crt_debugger_hook(int reserved) noexcept;
int WINAPI _set_error_mode(int mode) noexcept;
int WINAPI _query_app_type() noexcept;
void** WINAPI __pxcptinfoptrs() noexcept;
int* WINAPI __fpecode() noexcept;
DWORD WINAPI __threadid() noexcept;
std::uintptr_t WINAPI __threadhandle() noexcept;
void WINAPI _sleep(msvcrt::crt_ulong ms) noexcept;
int WINAPI _set_new_mode(int mode) noexcept;
int WINAPI _query_new_mode() noexcept;
new_handler_t WINAPI _set_new_handler(new_handler_t handler) noexcept;
new_handler_t WINAPI _query_new_handler() noexcept;
int WINAPI _callnewh(std::size_t size) noexcept;
int WINAPI _set_printf_count_output(int enable) noexcept;
int WINAPI _get_printf_count_output() noexcept;
void* WINAPI _get_current_locale() noexcept;
void* WINAPI __p__mbctype() noexcept;
wchar** WINAPI ___lc_locale_name_func() noexcept;
void WINAPI _lock_locales() noexcept;
void WINAPI _unlock_locales() noexcept;
errno_t WINAPI rand_s(unsigned* value) noexcept;

// io.cpp
errno_t WINAPI _sopen_s(int* fd, const char* path, int oflag, int shflag, int pmode) noexcept;
errno_t WINAPI _wsopen_s(int* fd, const wchar* path, int oflag, int shflag, int pmode) noexcept;
errno_t WINAPI _sopen_dispatch(const char* path, int oflag, int shflag, int pmode, int* fd, int secure) noexcept;
errno_t WINAPI _wsopen_dispatch(const wchar* path, int oflag, int shflag, int pmode, int* fd, int secure) noexcept;
errno_t WINAPI freopen_s(FILE** out, const char* path, const char* mode, FILE* f) noexcept;
errno_t WINAPI _wfreopen_s(FILE** out, const wchar* path, const wchar* mode, FILE* f) noexcept;
std::size_t WINAPI fread_s(void* buffer, std::size_t buffer_size, std::size_t element_size, std::size_t count,
                           FILE* f) noexcept;

// convert.cpp: C99's strtod grammar (hexadecimal, inf, nan), secure integer-to-text forms.
errno_t WINAPI _itoa_s(int v, char* b, std::size_t n, int r) noexcept;
errno_t WINAPI _ltoa_s(msvcrt::crt_long v, char* b, std::size_t n, int r) noexcept;
errno_t WINAPI _ultoa_s(msvcrt::crt_ulong v, char* b, std::size_t n, int r) noexcept;
errno_t WINAPI _i64toa_s(std::int64_t v, char* b, std::size_t n, int r) noexcept;
errno_t WINAPI _ui64toa_s(std::uint64_t v, char* b, std::size_t n, int r) noexcept;
errno_t WINAPI _itow_s(int v, wchar* b, std::size_t n, int r) noexcept;
errno_t WINAPI _ltow_s(msvcrt::crt_long v, wchar* b, std::size_t n, int r) noexcept;
errno_t WINAPI _ultow_s(msvcrt::crt_ulong v, wchar* b, std::size_t n, int r) noexcept;
errno_t WINAPI _i64tow_s(std::int64_t v, wchar* b, std::size_t n, int r) noexcept;
errno_t WINAPI _ui64tow_s(std::uint64_t v, wchar* b, std::size_t n, int r) noexcept;
std::uint16_t WINAPI _byteswap_ushort(std::uint16_t v) noexcept;
msvcrt::crt_ulong WINAPI _byteswap_ulong(msvcrt::crt_ulong v) noexcept;
std::uint64_t WINAPI _byteswap_uint64(std::uint64_t v) noexcept;
double WINAPI strtod(const char* s, char** end) noexcept;
float WINAPI strtof(const char* s, char** end) noexcept;
double WINAPI wcstod(const wchar* s, wchar** end) noexcept;
float WINAPI wcstof(const wchar* s, wchar** end) noexcept;
double WINAPI atof(const char* s) noexcept;
double WINAPI _wtof(const wchar* s) noexcept;

// stdio_common.cpp: the printf/scanf entry points the UCRT's inline headers call.
FILE* WINAPI __acrt_iob_func(unsigned index) noexcept;
std::uint64_t* WINAPI __local_stdio_printf_options() noexcept;
errno_t WINAPI _get_stream_buffer_pointers(FILE* f, char*** base, char*** ptr, int** count) noexcept;
int WINAPI __stdio_common_vfprintf(std::uint64_t options, FILE* f, const char* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vfprintf_s(std::uint64_t options, FILE* f, const char* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vfwprintf(std::uint64_t options, FILE* f, const wchar* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vfwprintf_s(std::uint64_t options, FILE* f, const wchar* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vsprintf(std::uint64_t options, char* buf, std::size_t count, const char* format, locale_t,
                                   va_list_t ap) noexcept;
int WINAPI __stdio_common_vsprintf_s(std::uint64_t options, char* buf, std::size_t size, const char* format, locale_t,
                                     va_list_t ap) noexcept;
int WINAPI __stdio_common_vsnprintf_s(std::uint64_t options, char* buf, std::size_t size, std::size_t count,
                                      const char* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vswprintf(std::uint64_t options, wchar* buf, std::size_t count, const wchar* format,
                                    locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vswprintf_s(std::uint64_t options, wchar* buf, std::size_t size, const wchar* format,
                                      locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vsnwprintf_s(std::uint64_t options, wchar* buf, std::size_t size, std::size_t count,
                                       const wchar* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vsscanf(std::uint64_t options, const char* buf, std::size_t count, const char* format,
                                  locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vswscanf(std::uint64_t options, const wchar* buf, std::size_t count, const wchar* format,
                                   locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vfscanf(std::uint64_t options, FILE* f, const char* format, locale_t, va_list_t ap) noexcept;
int WINAPI __stdio_common_vfwscanf(std::uint64_t options, FILE* f, const wchar* format, locale_t, va_list_t ap) noexcept;

// time.cpp
struct Timespec64 {  // struct _timespec64
  std::int64_t tv_sec;
  msvcrt::crt_long tv_nsec;
};
static_assert(sizeof(Timespec64) == 16);
int WINAPI _timespec64_get(Timespec64* ts, int base) noexcept;
errno_t WINAPI _get_timezone(msvcrt::crt_long* seconds) noexcept;
errno_t WINAPI _get_daylight(int* hours) noexcept;
errno_t WINAPI _get_tzname(std::size_t* size, char* buffer, std::size_t buffer_size, int index) noexcept;

// math.cpp: C99 <math.h> and the UCRT's classification helpers.
short WINAPI _dclass(double x) noexcept;
short WINAPI _fdclass(float x) noexcept;
short WINAPI _dtest(double* x) noexcept;
short WINAPI _fdtest(float* x) noexcept;
int WINAPI _dsign(double x) noexcept;
int WINAPI _fdsign(float x) noexcept;
int WINAPI fegetenv(std::uint32_t* env) noexcept;
int WINAPI fesetenv(const std::uint32_t* env) noexcept;
int WINAPI fegetround() noexcept;
int WINAPI fesetround(int mode) noexcept;
int WINAPI feclearexcept(int excepts) noexcept;
int WINAPI fetestexcept(int excepts) noexcept;

}  // namespace sill::ucrtbase

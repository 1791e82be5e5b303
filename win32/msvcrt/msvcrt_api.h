// Declarations of Sill's msvcrt exports (Windows signatures, ms_abi), one group per
// source file. The export table and other built-ins call them directly.
#pragma once
#include <cstddef>
#include <cstdint>

#include "win32/msvcrt/msvcrt.h"

namespace sill::msvcrt {

// assert.cpp
[[noreturn]] void WINAPI _assert(const char* expr, const char* file, unsigned line) noexcept;
[[noreturn]] void WINAPI _wassert(const wchar* expr, const wchar* file, unsigned line) noexcept;
void* WINAPI _set_invalid_parameter_handler(void* handler) noexcept;
void* WINAPI _get_invalid_parameter_handler() noexcept;
[[noreturn]] void WINAPI _purecall() noexcept;

// convert.cpp
crt_long WINAPI strtol(const char* s, char** end, int base) noexcept;
crt_ulong WINAPI strtoul(const char* s, char** end, int base) noexcept;
std::int64_t WINAPI _strtoi64(const char* s, char** end, int base) noexcept;
std::uint64_t WINAPI _strtoui64(const char* s, char** end, int base) noexcept;
crt_long WINAPI wcstol(const wchar* s, wchar** end, int base) noexcept;
crt_ulong WINAPI wcstoul(const wchar* s, wchar** end, int base) noexcept;
std::int64_t WINAPI _wcstoi64(const wchar* s, wchar** end, int base) noexcept;
std::uint64_t WINAPI _wcstoui64(const wchar* s, wchar** end, int base) noexcept;
double WINAPI strtod(const char* s, char** end) noexcept;
double WINAPI wcstod(const wchar* s, wchar** end) noexcept;
double WINAPI atof(const char* s) noexcept;
double WINAPI _wtof(const wchar* s) noexcept;
int WINAPI atoi(const char* s) noexcept;
crt_long WINAPI atol(const char* s) noexcept;
std::int64_t WINAPI _atoi64(const char* s) noexcept;
int WINAPI _wtoi(const wchar* s) noexcept;
crt_long WINAPI _wtol(const wchar* s) noexcept;
std::int64_t WINAPI _wtoi64(const wchar* s) noexcept;
char* WINAPI _itoa(int v, char* buf, int radix) noexcept;
char* WINAPI _ltoa(crt_long v, char* buf, int radix) noexcept;
char* WINAPI _ultoa(crt_ulong v, char* buf, int radix) noexcept;
char* WINAPI _i64toa(std::int64_t v, char* buf, int radix) noexcept;
char* WINAPI _ui64toa(std::uint64_t v, char* buf, int radix) noexcept;
wchar* WINAPI _itow(int v, wchar* buf, int radix) noexcept;
wchar* WINAPI _ltow(crt_long v, wchar* buf, int radix) noexcept;
wchar* WINAPI _ultow(crt_ulong v, wchar* buf, int radix) noexcept;
wchar* WINAPI _i64tow(std::int64_t v, wchar* buf, int radix) noexcept;
wchar* WINAPI _ui64tow(std::uint64_t v, wchar* buf, int radix) noexcept;

// ctype.cpp
const std::uint16_t* WINAPI __pctype_func() noexcept;
const std::uint16_t* WINAPI __pwctype_func() noexcept;
int WINAPI _isctype(int c, int mask) noexcept;
int WINAPI isalpha(int c) noexcept;
int WINAPI isupper(int c) noexcept;
int WINAPI islower(int c) noexcept;
int WINAPI isdigit(int c) noexcept;
int WINAPI isxdigit(int c) noexcept;
int WINAPI isspace(int c) noexcept;
int WINAPI ispunct(int c) noexcept;
int WINAPI isalnum(int c) noexcept;
int WINAPI isprint(int c) noexcept;
int WINAPI isgraph(int c) noexcept;
int WINAPI iscntrl(int c) noexcept;
int WINAPI isblank(int c) noexcept;
int WINAPI crt_isascii(int c) noexcept;
int WINAPI crt_toascii(int c) noexcept;
int WINAPI __iscsym(int c) noexcept;
int WINAPI __iscsymf(int c) noexcept;
int WINAPI toupper(int c) noexcept;
int WINAPI tolower(int c) noexcept;
int WINAPI crt_toupper_fast(int c) noexcept;
int WINAPI crt_tolower_fast(int c) noexcept;
int WINAPI iswctype(wint_t c, std::uint16_t mask) noexcept;
int WINAPI is_wctype(wint_t c, std::uint16_t mask) noexcept;
int WINAPI iswalpha(wint_t c) noexcept;
int WINAPI iswupper(wint_t c) noexcept;
int WINAPI iswlower(wint_t c) noexcept;
int WINAPI iswdigit(wint_t c) noexcept;
int WINAPI iswxdigit(wint_t c) noexcept;
int WINAPI iswspace(wint_t c) noexcept;
int WINAPI iswpunct(wint_t c) noexcept;
int WINAPI iswalnum(wint_t c) noexcept;
int WINAPI iswprint(wint_t c) noexcept;
int WINAPI iswgraph(wint_t c) noexcept;
int WINAPI iswcntrl(wint_t c) noexcept;
int WINAPI iswblank(wint_t c) noexcept;
int WINAPI iswascii(wint_t c) noexcept;
wint_t WINAPI towupper(wint_t c) noexcept;
wint_t WINAPI towlower(wint_t c) noexcept;

// direct.cpp
wchar* WINAPI _wgetcwd(wchar* buf, int size) noexcept;
char* WINAPI _getcwd(char* buf, int size) noexcept;
int WINAPI _wchdir(const wchar* path) noexcept;
int WINAPI _chdir(const char* path) noexcept;
int WINAPI _wmkdir(const wchar* path) noexcept;
int WINAPI _mkdir(const char* path) noexcept;
int WINAPI _wrmdir(const wchar* path) noexcept;
int WINAPI _rmdir(const char* path) noexcept;
int WINAPI _wremove(const wchar* path) noexcept;
int WINAPI remove(const char* path) noexcept;
int WINAPI _unlink(const char* path) noexcept;
int WINAPI _wunlink(const wchar* path) noexcept;
int WINAPI _wrename(const wchar* from, const wchar* to) noexcept;
int WINAPI rename(const char* from, const char* to) noexcept;
wchar* WINAPI _wfullpath(wchar* buf, const wchar* path, std::size_t size) noexcept;
char* WINAPI _fullpath(char* buf, const char* path, std::size_t size) noexcept;

// environ.cpp
char* WINAPI getenv(const char* name) noexcept;
wchar* WINAPI _wgetenv(const wchar* name) noexcept;
errno_t WINAPI getenv_s(std::size_t* needed, char* buf, std::size_t size, const char* name) noexcept;
errno_t WINAPI _dupenv_s(char** out, std::size_t* size, const char* name) noexcept;
int WINAPI _putenv(const char* entry) noexcept;
int WINAPI _wputenv(const wchar* entry) noexcept;
errno_t WINAPI _putenv_s(const char* name, const char* value) noexcept;
char*** WINAPI __p__environ() noexcept;
wchar*** WINAPI __p__wenviron() noexcept;
char*** WINAPI __p___initenv() noexcept;
wchar*** WINAPI __p___winitenv() noexcept;

// errno.cpp
int* WINAPI _errno() noexcept;
crt_ulong* WINAPI __doserrno() noexcept;
errno_t WINAPI _get_errno(int* value) noexcept;
errno_t WINAPI _set_errno(int value) noexcept;
errno_t WINAPI _get_doserrno(crt_ulong* value) noexcept;
errno_t WINAPI _set_doserrno(crt_ulong value) noexcept;
char* WINAPI strerror(int e) noexcept;
errno_t WINAPI strerror_s(char* buf, std::size_t size, int e) noexcept;
char* WINAPI _strerror(const char* s) noexcept;
wchar* WINAPI _wcserror(int e) noexcept;
void WINAPI perror(const char* s) noexcept;

// exit.cpp
void WINAPI _lock(int n) noexcept;
void WINAPI _unlock(int n) noexcept;
onexit_t WINAPI _onexit(onexit_t fn) noexcept;
int WINAPI atexit(vfunc_t fn) noexcept;
onexit_t WINAPI __dllonexit(onexit_t fn, vfunc_t** begin, vfunc_t** end) noexcept;
void WINAPI _cexit() noexcept;
void WINAPI _c_exit() noexcept;
[[noreturn]] void WINAPI exit(int code) noexcept;
[[noreturn]] void WINAPI _exit(int code) noexcept;
[[noreturn]] void WINAPI _amsg_exit(int error) noexcept;
[[noreturn]] void WINAPI abort() noexcept;
unsigned WINAPI _set_abort_behavior(unsigned flags, unsigned mask) noexcept;
BOOL WINAPI dll_main(HINSTANCE, DWORD reason, void*) noexcept;

// findfile.cpp
std::intptr_t WINAPI _findfirst(const char* pattern, FINDDATA64I32* out) noexcept;
int WINAPI _findnext(std::intptr_t h, FINDDATA64I32* out) noexcept;
std::intptr_t WINAPI _findfirst64(const char* pattern, FINDDATA64* out) noexcept;
int WINAPI _findnext64(std::intptr_t h, FINDDATA64* out) noexcept;
std::intptr_t WINAPI _wfindfirst(const wchar* pattern, WFINDDATA64I32* out) noexcept;
int WINAPI _wfindnext(std::intptr_t h, WFINDDATA64I32* out) noexcept;
std::intptr_t WINAPI _wfindfirst64(const wchar* pattern, WFINDDATA64* out) noexcept;
int WINAPI _wfindnext64(std::intptr_t h, WFINDDATA64* out) noexcept;
int WINAPI _findclose(std::intptr_t h) noexcept;

// locale.cpp
char* WINAPI setlocale(int category, const char* name) noexcept;
wchar* WINAPI _wsetlocale(int category, const wchar* name) noexcept;
LCONV* WINAPI localeconv() noexcept;
UINT WINAPI ___lc_codepage_func() noexcept;
UINT WINAPI ___lc_collate_cp_func() noexcept;
int WINAPI ___mb_cur_max_func() noexcept;
int* WINAPI __p___mb_cur_max() noexcept;
int WINAPI __lconv_init() noexcept;
int WINAPI _configthreadlocale(int type) noexcept;
int WINAPI isleadbyte(int c) noexcept;
int WINAPI mblen(const char* s, std::size_t n) noexcept;
int WINAPI mbtowc(wchar* out, const char* s, std::size_t n) noexcept;
int WINAPI wctomb(char* out, wchar c) noexcept;
std::size_t WINAPI mbstowcs(wchar* out, const char* s, std::size_t n) noexcept;
std::size_t WINAPI wcstombs(char* out, const wchar* s, std::size_t n) noexcept;
int WINAPI btowc(int c) noexcept;
int WINAPI wctob(wint_t c) noexcept;
std::size_t WINAPI mbrtowc(wchar* out, const char* s, std::size_t n, void*) noexcept;
std::size_t WINAPI wcrtomb(char* out, wchar c, void*) noexcept;
std::size_t WINAPI mbrlen(const char* s, std::size_t n, void*) noexcept;
int WINAPI mbsinit(const void*) noexcept;

// lowio.cpp
int WINAPI _wopen(const wchar* path, int oflag, ...) noexcept;
int WINAPI _open(const char* path, int oflag, ...) noexcept;
int WINAPI _wsopen(const wchar* path, int oflag, int shflag, ...) noexcept;
int WINAPI _sopen(const char* path, int oflag, int shflag, ...) noexcept;
int WINAPI _creat(const char* path, int pmode) noexcept;
int WINAPI _wcreat(const wchar* path, int pmode) noexcept;
int WINAPI _read(int fd, void* buf, unsigned count) noexcept;
int WINAPI _write(int fd, const void* buf, unsigned count) noexcept;
int WINAPI _close(int fd) noexcept;
crt_long WINAPI _lseek(int fd, crt_long off, int whence) noexcept;
std::int64_t WINAPI _lseeki64(int fd, std::int64_t off, int whence) noexcept;
crt_long WINAPI _tell(int fd) noexcept;
std::int64_t WINAPI _telli64(int fd) noexcept;
int WINAPI _eof(int fd) noexcept;
std::int64_t WINAPI _filelengthi64(int fd) noexcept;
crt_long WINAPI _filelength(int fd) noexcept;
int WINAPI _chsize_s(int fd, std::int64_t size) noexcept;
int WINAPI _chsize(int fd, crt_long size) noexcept;
int WINAPI _commit(int fd) noexcept;
std::intptr_t WINAPI _get_osfhandle(int fd) noexcept;
int WINAPI _open_osfhandle(std::intptr_t handle, int flags) noexcept;
int WINAPI _dup(int fd) noexcept;
int WINAPI _dup2(int from, int to) noexcept;
int WINAPI _isatty(int fd) noexcept;
int WINAPI _setmode(int fd, int mode) noexcept;

// math.cpp
double WINAPI _hypot(double x, double y) noexcept;
float WINAPI _hypotf(float x, float y) noexcept;
double WINAPI ldexp(double x, int e) noexcept;
double WINAPI frexp(double x, int* e) noexcept;
double WINAPI modf(double x, double* i) noexcept;
float WINAPI modff(float x, float* i) noexcept;
double WINAPI _copysign(double x, double y) noexcept;
float WINAPI _copysignf(float x, float y) noexcept;
double WINAPI _chgsign(double x) noexcept;
double WINAPI _logb(double x) noexcept;
double WINAPI _nextafter(double x, double y) noexcept;
double WINAPI _scalb(double x, crt_long e) noexcept;
int WINAPI _finite(double x) noexcept;
int WINAPI _isnan(double x) noexcept;
int WINAPI _finitef(float x) noexcept;
int WINAPI _isnanf(float x) noexcept;
int WINAPI _fpclass(double x) noexcept;
unsigned WINAPI _controlfp(unsigned value, unsigned mask) noexcept;
unsigned WINAPI _control87(unsigned value, unsigned mask) noexcept;
errno_t WINAPI _controlfp_s(unsigned* current, unsigned value, unsigned mask) noexcept;
unsigned WINAPI _clearfp() noexcept;
unsigned WINAPI _statusfp() noexcept;
void WINAPI _fpreset() noexcept;
double WINAPI sin(double x) noexcept;
double WINAPI cos(double x) noexcept;
double WINAPI tan(double x) noexcept;
double WINAPI asin(double x) noexcept;
double WINAPI acos(double x) noexcept;
double WINAPI atan(double x) noexcept;
double WINAPI sinh(double x) noexcept;
double WINAPI cosh(double x) noexcept;
double WINAPI tanh(double x) noexcept;
double WINAPI exp(double x) noexcept;
double WINAPI log(double x) noexcept;
double WINAPI log10(double x) noexcept;
double WINAPI sqrt(double x) noexcept;
double WINAPI floor(double x) noexcept;
double WINAPI ceil(double x) noexcept;
double WINAPI fabs(double x) noexcept;
double WINAPI atan2(double x, double y) noexcept;
double WINAPI pow(double x, double y) noexcept;
double WINAPI fmod(double x, double y) noexcept;
float WINAPI sinf(float x) noexcept;
float WINAPI cosf(float x) noexcept;
float WINAPI tanf(float x) noexcept;
float WINAPI asinf(float x) noexcept;
float WINAPI acosf(float x) noexcept;
float WINAPI atanf(float x) noexcept;
float WINAPI sinhf(float x) noexcept;
float WINAPI coshf(float x) noexcept;
float WINAPI tanhf(float x) noexcept;
float WINAPI expf(float x) noexcept;
float WINAPI logf(float x) noexcept;
float WINAPI log10f(float x) noexcept;
float WINAPI sqrtf(float x) noexcept;
float WINAPI floorf(float x) noexcept;
float WINAPI ceilf(float x) noexcept;
float WINAPI atan2f(float x, float y) noexcept;
float WINAPI powf(float x, float y) noexcept;
float WINAPI fmodf(float x, float y) noexcept;

// printf_format.cpp
unsigned WINAPI _set_output_format(unsigned format) noexcept;
unsigned WINAPI _get_output_format() noexcept;

// process.cpp
std::uintptr_t WINAPI _beginthreadex(void* security, unsigned stack, unsigned(WINAPI* start)(void*), void* arg, unsigned flags, unsigned* id) noexcept;
[[noreturn]] void WINAPI _endthreadex(unsigned code) noexcept;
std::uintptr_t WINAPI _beginthread(void(WINAPI* start)(void*), unsigned stack, void* arg) noexcept;
[[noreturn]] void WINAPI _endthread() noexcept;
int WINAPI _getpid() noexcept;

// scanf.cpp
int WINAPI sscanf(const char* s, const char* format, ...) noexcept;
int WINAPI _snscanf(const char* s, std::size_t n, const char* format, ...) noexcept;
int WINAPI vsscanf(const char* s, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI fscanf(FILE* f, const char* format, ...) noexcept;
int WINAPI vfscanf(FILE* f, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI scanf(const char* format, ...) noexcept;
int WINAPI vscanf(const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI swscanf(const wchar* s, const wchar* format, ...) noexcept;
int WINAPI vswscanf(const wchar* s, const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI fwscanf(FILE* f, const wchar* format, ...) noexcept;
int WINAPI wscanf(const wchar* format, ...) noexcept;

// signal.cpp
sighandler_t WINAPI signal(int sig, sighandler_t handler) noexcept;
int WINAPI raise(int sig) noexcept;

// startup.cpp
int WINAPI __getmainargs(int* argc, char*** argv, char*** env, int expand_wildcards, void* startup) noexcept;
int WINAPI __wgetmainargs(int* argc, wchar*** argv, wchar*** env, int expand_wildcards, void* startup) noexcept;
int* WINAPI __p___argc() noexcept;
char*** WINAPI __p___argv() noexcept;
wchar*** WINAPI __p___wargv() noexcept;
char** WINAPI __p__acmdln() noexcept;
wchar** WINAPI __p__wcmdln() noexcept;
char** WINAPI __p__pgmptr() noexcept;
wchar** WINAPI __p__wpgmptr() noexcept;
errno_t WINAPI _get_pgmptr(char** out) noexcept;
errno_t WINAPI _get_wpgmptr(wchar** out) noexcept;
int* WINAPI __p__fmode() noexcept;
int* WINAPI __p__commode() noexcept;
errno_t WINAPI _set_fmode(int mode) noexcept;
errno_t WINAPI _get_fmode(int* mode) noexcept;
void WINAPI __set_app_type(int type) noexcept;
void WINAPI __setusermatherr(void* handler) noexcept;
void WINAPI _initterm(vfunc_t* begin, vfunc_t* end) noexcept;
int WINAPI _initterm_e(ifunc_t* begin, ifunc_t* end) noexcept;

// stat.cpp
int WINAPI _fstat64(int fd, STAT64* st) noexcept;
int WINAPI _wstat64(const wchar* path, STAT64* st) noexcept;
int WINAPI _stat64(const char* path, STAT64* st) noexcept;
int WINAPI _fstat(int fd, STAT32SIZE* st) noexcept;
int WINAPI _stat(const char* path, STAT32SIZE* st) noexcept;
int WINAPI _wstat(const wchar* path, STAT32SIZE* st) noexcept;
int WINAPI _waccess(const wchar* path, int mode) noexcept;
int WINAPI _access(const char* path, int mode) noexcept;

// stdio_file.cpp
FILE* WINAPI __iob_func() noexcept;
void WINAPI _lock_file(FILE* f) noexcept;
void WINAPI _unlock_file(FILE* f) noexcept;
FILE* WINAPI _wfsopen(const wchar* name, const wchar* mode, int shflag) noexcept;
FILE* WINAPI _wfopen(const wchar* name, const wchar* mode) noexcept;
FILE* WINAPI _fsopen(const char* name, const char* mode, int shflag) noexcept;
FILE* WINAPI fopen(const char* name, const char* mode) noexcept;
errno_t WINAPI fopen_s(FILE** out, const char* name, const char* mode) noexcept;
errno_t WINAPI _wfopen_s(FILE** out, const wchar* name, const wchar* mode) noexcept;
FILE* WINAPI _wfdopen(int fd, const wchar* mode) noexcept;
FILE* WINAPI _fdopen(int fd, const char* mode) noexcept;
FILE* WINAPI _wfreopen(const wchar* name, const wchar* mode, FILE* f) noexcept;
FILE* WINAPI freopen(const char* name, const char* mode, FILE* f) noexcept;
int WINAPI fclose(FILE* f) noexcept;
int WINAPI _fcloseall() noexcept;
int WINAPI fflush(FILE* f) noexcept;
int WINAPI _fflush_nolock(FILE* f) noexcept;
int WINAPI _flushall() noexcept;
int WINAPI setvbuf(FILE* f, char* buf, int mode, std::size_t size) noexcept;
void WINAPI setbuf(FILE* f, char* buf) noexcept;
int WINAPI _fileno(FILE* f) noexcept;
int WINAPI _getmaxstdio() noexcept;
int WINAPI _setmaxstdio(int n) noexcept;

// stdio_io.cpp
int WINAPI _filbuf(FILE* f) noexcept;
int WINAPI _flsbuf(int c, FILE* f) noexcept;
int WINAPI fgetc(FILE* f) noexcept;
int WINAPI getc(FILE* f) noexcept;
int WINAPI _getc_nolock(FILE* f) noexcept;
int WINAPI getchar() noexcept;
int WINAPI _fgetchar() noexcept;
int WINAPI fputc(int c, FILE* f) noexcept;
int WINAPI putc(int c, FILE* f) noexcept;
int WINAPI _putc_nolock(int c, FILE* f) noexcept;
int WINAPI putchar(int c) noexcept;
int WINAPI _fputchar(int c) noexcept;
int WINAPI ungetc(int c, FILE* f) noexcept;
std::size_t WINAPI fread(void* buf, std::size_t size, std::size_t count, FILE* f) noexcept;
std::size_t WINAPI fwrite(const void* buf, std::size_t size, std::size_t count, FILE* f) noexcept;
char* WINAPI fgets(char* s, int n, FILE* f) noexcept;
char* WINAPI gets(char* s) noexcept;
int WINAPI fputs(const char* s, FILE* f) noexcept;
int WINAPI puts(const char* s) noexcept;
std::int64_t WINAPI _ftelli64(FILE* f) noexcept;
crt_long WINAPI ftell(FILE* f) noexcept;
int WINAPI _fseeki64(FILE* f, std::int64_t off, int whence) noexcept;
int WINAPI fseek(FILE* f, crt_long off, int whence) noexcept;
void WINAPI rewind(FILE* f) noexcept;
int WINAPI fgetpos(FILE* f, std::int64_t* pos) noexcept;
int WINAPI fsetpos(FILE* f, const std::int64_t* pos) noexcept;
int WINAPI feof(FILE* f) noexcept;
int WINAPI ferror(FILE* f) noexcept;
void WINAPI clearerr(FILE* f) noexcept;

// stdio_printf.cpp
int WINAPI vfprintf(FILE* f, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI vprintf(const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI fprintf(FILE* f, const char* format, ...) noexcept;
int WINAPI printf(const char* format, ...) noexcept;
int WINAPI vsprintf(char* buf, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI sprintf(char* buf, const char* format, ...) noexcept;
int WINAPI _vsnprintf(char* buf, std::size_t count, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI _snprintf(char* buf, std::size_t count, const char* format, ...) noexcept;
int WINAPI vsnprintf(char* buf, std::size_t count, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI snprintf(char* buf, std::size_t count, const char* format, ...) noexcept;
int WINAPI vsprintf_s(char* buf, std::size_t size, const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI sprintf_s(char* buf, std::size_t size, const char* format, ...) noexcept;
int WINAPI _vscprintf(const char* format, __builtin_ms_va_list ap) noexcept;
int WINAPI _scprintf(const char* format, ...) noexcept;
int WINAPI vfwprintf(FILE* f, const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI vwprintf(const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI fwprintf(FILE* f, const wchar* format, ...) noexcept;
int WINAPI wprintf(const wchar* format, ...) noexcept;
int WINAPI vswprintf(wchar* buf, const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI swprintf(wchar* buf, const wchar* format, ...) noexcept;
int WINAPI _vsnwprintf(wchar* buf, std::size_t count, const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI _snwprintf(wchar* buf, std::size_t count, const wchar* format, ...) noexcept;
int WINAPI vswprintf_s(wchar* buf, std::size_t size, const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI swprintf_s(wchar* buf, std::size_t size, const wchar* format, ...) noexcept;
int WINAPI _vscwprintf(const wchar* format, __builtin_ms_va_list ap) noexcept;
int WINAPI _scwprintf(const wchar* format, ...) noexcept;

// stdio_temp.cpp
char* WINAPI tmpnam(char* buf) noexcept;
wchar* WINAPI _wtmpnam(wchar* buf) noexcept;
FILE* WINAPI tmpfile() noexcept;

// stdio_wide.cpp
wint_t WINAPI _fputwc_nolock(wchar c, FILE* f) noexcept;
wint_t WINAPI fputwc(wchar c, FILE* f) noexcept;
wint_t WINAPI putwc(wchar c, FILE* f) noexcept;
wint_t WINAPI putwchar(wchar c) noexcept;
wint_t WINAPI _fputwchar(wchar c) noexcept;
wint_t WINAPI _fgetwc_nolock(FILE* f) noexcept;
wint_t WINAPI fgetwc(FILE* f) noexcept;
wint_t WINAPI getwc(FILE* f) noexcept;
wint_t WINAPI getwchar() noexcept;
wint_t WINAPI _fgetwchar() noexcept;
wint_t WINAPI ungetwc(wint_t c, FILE* f) noexcept;
int WINAPI fputws(const wchar* s, FILE* f) noexcept;
int WINAPI _putws(const wchar* s) noexcept;
wchar* WINAPI fgetws(wchar* s, int n, FILE* f) noexcept;

// stdlib.cpp
void* WINAPI malloc(std::size_t n) noexcept;
void* WINAPI calloc(std::size_t n, std::size_t size) noexcept;
void WINAPI free(void* p) noexcept;
void* WINAPI realloc(void* p, std::size_t n) noexcept;
std::size_t WINAPI _msize(void* p) noexcept;
void* WINAPI _expand(void* p, std::size_t n) noexcept;
void* WINAPI _recalloc(void* p, std::size_t n, std::size_t size) noexcept;
void* WINAPI _aligned_offset_malloc(std::size_t n, std::size_t align, std::size_t offset) noexcept;
void* WINAPI _aligned_malloc(std::size_t n, std::size_t align) noexcept;
void WINAPI _aligned_free(void* p) noexcept;
void* WINAPI _aligned_offset_realloc(void* p, std::size_t n, std::size_t align, std::size_t offset) noexcept;
void* WINAPI _aligned_realloc(void* p, std::size_t n, std::size_t align) noexcept;
void WINAPI qsort(void* base, std::size_t n, std::size_t size, compare_t cmp) noexcept;
void WINAPI qsort_s(void* base, std::size_t n, std::size_t size, compare_ctx_t cmp, void* user) noexcept;
void* WINAPI bsearch(const void* key, const void* base, std::size_t n, std::size_t size, compare_t cmp) noexcept;
void* WINAPI _lfind(const void* key, const void* base, unsigned* n, unsigned size, compare_t cmp) noexcept;
int WINAPI rand() noexcept;
void WINAPI srand(unsigned seed) noexcept;
int WINAPI abs(int v) noexcept;
crt_long WINAPI labs(crt_long v) noexcept;
std::int64_t WINAPI _abs64(std::int64_t v) noexcept;
std::int64_t WINAPI llabs(std::int64_t v) noexcept;
DIV_T WINAPI div(int a, int b) noexcept;
LDIV_T WINAPI ldiv(crt_long a, crt_long b) noexcept;
LLDIV_T WINAPI lldiv(std::int64_t a, std::int64_t b) noexcept;
unsigned WINAPI _rotl(unsigned v, int s) noexcept;
unsigned WINAPI _rotr(unsigned v, int s) noexcept;
crt_ulong WINAPI _lrotl(crt_ulong v, int s) noexcept;
crt_ulong WINAPI _lrotr(crt_ulong v, int s) noexcept;
std::uint64_t WINAPI _rotl64(std::uint64_t v, int s) noexcept;
std::uint64_t WINAPI _rotr64(std::uint64_t v, int s) noexcept;
void WINAPI _swab(char* src, char* dst, int n) noexcept;
int WINAPI system(const char* command) noexcept;
int WINAPI _wsystem(const wchar* command) noexcept;

// string.cpp
void* WINAPI memcpy(void* d, const void* s, std::size_t n) noexcept;
void* WINAPI memmove(void* d, const void* s, std::size_t n) noexcept;
void* WINAPI memset(void* d, int c, std::size_t n) noexcept;
int WINAPI memcmp(const void* a, const void* b, std::size_t n) noexcept;
void* WINAPI memchr(const void* s, int c, std::size_t n) noexcept;
int WINAPI _memicmp(const void* a, const void* b, std::size_t n) noexcept;
void* WINAPI _memccpy(void* d, const void* s, int c, std::size_t n) noexcept;
errno_t WINAPI memcpy_s(void* d, std::size_t size, const void* s, std::size_t n) noexcept;
errno_t WINAPI memmove_s(void* d, std::size_t size, const void* s, std::size_t n) noexcept;
std::size_t WINAPI strlen(const char* s) noexcept;
std::size_t WINAPI strnlen(const char* s, std::size_t n) noexcept;
char* WINAPI strcpy(char* d, const char* s) noexcept;
char* WINAPI strncpy(char* d, const char* s, std::size_t n) noexcept;
char* WINAPI strcat(char* d, const char* s) noexcept;
char* WINAPI strncat(char* d, const char* s, std::size_t n) noexcept;
int WINAPI strcmp(const char* a, const char* b) noexcept;
int WINAPI strncmp(const char* a, const char* b, std::size_t n) noexcept;
int WINAPI strcoll(const char* a, const char* b) noexcept;
int WINAPI _stricoll(const char* a, const char* b) noexcept;
int WINAPI _strncoll(const char* a, const char* b, std::size_t n) noexcept;
int WINAPI _strnicoll(const char* a, const char* b, std::size_t n) noexcept;
char* WINAPI strchr(const char* s, int c) noexcept;
char* WINAPI strrchr(const char* s, int c) noexcept;
char* WINAPI strstr(const char* s, const char* t) noexcept;
char* WINAPI strpbrk(const char* s, const char* t) noexcept;
std::size_t WINAPI strspn(const char* s, const char* t) noexcept;
std::size_t WINAPI strcspn(const char* s, const char* t) noexcept;
std::size_t WINAPI strxfrm(char* d, const char* s, std::size_t n) noexcept;
int WINAPI _stricmp(const char* a, const char* b) noexcept;
int WINAPI _strnicmp(const char* a, const char* b, std::size_t n) noexcept;
char* WINAPI _strdup(const char* s) noexcept;
char* WINAPI _strlwr(char* s) noexcept;
char* WINAPI _strupr(char* s) noexcept;
char* WINAPI _strrev(char* s) noexcept;
char* WINAPI _strset(char* s, int c) noexcept;
char* WINAPI _strnset(char* s, int c, std::size_t n) noexcept;
char* WINAPI strtok(char* s, const char* delim) noexcept;
char* WINAPI strtok_s(char* s, const char* delim, char** context) noexcept;
errno_t WINAPI strcpy_s(char* d, std::size_t size, const char* s) noexcept;
errno_t WINAPI strcat_s(char* d, std::size_t size, const char* s) noexcept;
errno_t WINAPI strncpy_s(char* d, std::size_t size, const char* s, std::size_t count) noexcept;

// time.cpp
time64_t WINAPI _time64(time64_t* out) noexcept;
std::int32_t WINAPI _time32(std::int32_t* out) noexcept;
TM* WINAPI _localtime64(const time64_t* t) noexcept;
TM* WINAPI _gmtime64(const time64_t* t) noexcept;
errno_t WINAPI _localtime64_s(TM* out, const time64_t* t) noexcept;
errno_t WINAPI _gmtime64_s(TM* out, const time64_t* t) noexcept;
TM* WINAPI _localtime32(const std::int32_t* t) noexcept;
TM* WINAPI _gmtime32(const std::int32_t* t) noexcept;
time64_t WINAPI _mktime64(TM* t) noexcept;
time64_t WINAPI _mkgmtime64(TM* t) noexcept;
double WINAPI _difftime64(time64_t a, time64_t b) noexcept;
crt_long WINAPI clock() noexcept;
void WINAPI _tzset() noexcept;
crt_long* WINAPI __p__timezone() noexcept;
int* WINAPI __p__daylight() noexcept;
char** WINAPI __p__tzname() noexcept;
std::size_t WINAPI strftime(char* dst, std::size_t max, const char* f, const TM* t) noexcept;
std::size_t WINAPI wcsftime(wchar* dst, std::size_t max, const wchar* f, const TM* t) noexcept;
char* WINAPI asctime(const TM* t) noexcept;
char* WINAPI _ctime64(const time64_t* t) noexcept;
char* WINAPI _ctime32(const std::int32_t* t) noexcept;
void WINAPI _ftime64(TIMEB* tb) noexcept;
char* WINAPI _strdate(char* buf) noexcept;
char* WINAPI _strtime(char* buf) noexcept;

// wchar.cpp
std::size_t WINAPI wcslen(const wchar* s) noexcept;
std::size_t WINAPI wcsnlen(const wchar* s, std::size_t n) noexcept;
wchar* WINAPI wcscpy(wchar* d, const wchar* s) noexcept;
wchar* WINAPI wcsncpy(wchar* d, const wchar* s, std::size_t n) noexcept;
wchar* WINAPI wcscat(wchar* d, const wchar* s) noexcept;
wchar* WINAPI wcsncat(wchar* d, const wchar* s, std::size_t n) noexcept;
int WINAPI wcscmp(const wchar* a, const wchar* b) noexcept;
int WINAPI wcsncmp(const wchar* a, const wchar* b, std::size_t n) noexcept;
int WINAPI _wcsicmp(const wchar* a, const wchar* b) noexcept;
int WINAPI _wcsnicmp(const wchar* a, const wchar* b, std::size_t n) noexcept;
int WINAPI wcscoll(const wchar* a, const wchar* b) noexcept;
int WINAPI _wcsicoll(const wchar* a, const wchar* b) noexcept;
int WINAPI _wcsncoll(const wchar* a, const wchar* b, std::size_t n) noexcept;
int WINAPI _wcsnicoll(const wchar* a, const wchar* b, std::size_t n) noexcept;
std::size_t WINAPI wcsxfrm(wchar* d, const wchar* s, std::size_t n) noexcept;
wchar* WINAPI wcschr(const wchar* s, wchar c) noexcept;
wchar* WINAPI wcsrchr(const wchar* s, wchar c) noexcept;
wchar* WINAPI wcsstr(const wchar* s, const wchar* t) noexcept;
wchar* WINAPI wcspbrk(const wchar* s, const wchar* set) noexcept;
std::size_t WINAPI wcsspn(const wchar* s, const wchar* set) noexcept;
std::size_t WINAPI wcscspn(const wchar* s, const wchar* set) noexcept;
wchar* WINAPI wcstok(wchar* s, const wchar* delim) noexcept;
wchar* WINAPI wcstok_s(wchar* s, const wchar* delim, wchar** context) noexcept;
wchar* WINAPI _wcsdup(const wchar* s) noexcept;
wchar* WINAPI _wcslwr(wchar* s) noexcept;
wchar* WINAPI _wcsupr(wchar* s) noexcept;
wchar* WINAPI _wcsrev(wchar* s) noexcept;
wchar* WINAPI _wcsset(wchar* s, wchar c) noexcept;
wchar* WINAPI _wcsnset(wchar* s, wchar c, std::size_t n) noexcept;
errno_t WINAPI wcscpy_s(wchar* d, std::size_t size, const wchar* s) noexcept;
errno_t WINAPI wcscat_s(wchar* d, std::size_t size, const wchar* s) noexcept;
errno_t WINAPI wcsncpy_s(wchar* d, std::size_t size, const wchar* s, std::size_t count) noexcept;
// setjmp.S: msvcrt's _setjmp/_setjmpex (buffer, frame) and longjmp (buffer, value).
extern "C" int WINAPI sill_msvcrt_setjmp(void* buffer, void* frame) noexcept;
extern "C" [[noreturn]] void WINAPI sill_msvcrt_longjmp(void* buffer, int value) noexcept;

// Exported data.
extern char* acmdln;
extern wchar* wcmdln;
extern int argc_value;
extern char** argv_value;
extern wchar** wargv_value;
extern char* pgmptr;
extern wchar* wpgmptr;
extern int commode;
extern int app_type;
extern int mb_cur_max;
extern crt_long timezone_value;
extern int daylight_value;
extern char* tzname_value[2];

// malloc.h: stack overflow recovery (resetstkoflw.cpp).
int WINAPI _resetstkoflw() noexcept;
// _locale_t objects (crt_locale.cpp) and the functions taking one (crt_collate.cpp, ctype.cpp)
void* WINAPI _create_locale(int category, const char* name) noexcept;
void* WINAPI _wcreate_locale(int category, const wchar* name) noexcept;
void WINAPI _free_locale(void* locale) noexcept;
int WINAPI _strcoll_l(const char* a, const char* b, void* locale) noexcept;
int WINAPI _stricoll_l(const char* a, const char* b, void* locale) noexcept;
int WINAPI _wcscoll_l(const wchar* a, const wchar* b, void* locale) noexcept;
int WINAPI _wcsicoll_l(const wchar* a, const wchar* b, void* locale) noexcept;
int WINAPI _toupper_l(int c, void* locale) noexcept;
int WINAPI _tolower_l(int c, void* locale) noexcept;
wint_t WINAPI _towupper_l(wint_t c, void* locale) noexcept;
wint_t WINAPI _towlower_l(wint_t c, void* locale) noexcept;

// mbstring.cpp: multibyte strings in the _setmbcp code page
int WINAPI _getmbcp() noexcept;
int WINAPI _setmbcp(int cp) noexcept;
int WINAPI _ismbblead(unsigned c) noexcept;
int WINAPI _ismbbtrail(unsigned c) noexcept;
std::size_t WINAPI _mbslen(const unsigned char* s) noexcept;
unsigned char* WINAPI _mbsinc(const unsigned char* s) noexcept;
unsigned char* WINAPI _mbsdec(const unsigned char* start, const unsigned char* s) noexcept;
unsigned WINAPI _mbsnextc(const unsigned char* s) noexcept;
unsigned char* WINAPI _mbschr(const unsigned char* s, unsigned c) noexcept;
unsigned char* WINAPI _mbsrchr(const unsigned char* s, unsigned c) noexcept;
int WINAPI _mbscmp(const unsigned char* a, const unsigned char* b) noexcept;
int WINAPI _mbsicmp(const unsigned char* a, const unsigned char* b) noexcept;
int WINAPI _mbsnbcmp(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept;
int WINAPI _mbsnbicmp(const unsigned char* a, const unsigned char* b, std::size_t n) noexcept;
std::size_t WINAPI _mbsnbcnt(const unsigned char* s, std::size_t chars) noexcept;
unsigned char* WINAPI _mbsnbcpy(unsigned char* d, const unsigned char* s, std::size_t n) noexcept;
unsigned char* WINAPI _mbsnbcat(unsigned char* d, const unsigned char* s, std::size_t n) noexcept;

}  // namespace sill::msvcrt

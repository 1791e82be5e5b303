/* Clocks and the Windows version, from every place a program reads them:
 * kernel32 (sysinfoapi.h, profileapi.h, timezoneapi.h), ntdll's RtlGetVersion
 * and KUSER_SHARED_DATA at 0x7ffe0000, which MSVC-built code reads directly.
 * They must agree with each other and with the C runtime's time(). */
#include <time.h>
#include <windows.h>

#include "tap.h"

#define SHARED_DATA ((const volatile BYTE *)0x7ffe0000)
#define SHARED_U32(offset) (*(const volatile ULONG *)(SHARED_DATA + (offset)))

typedef LONG(WINAPI *rtl_get_version_fn)(OSVERSIONINFOW *);

static ULONGLONG filetime_u64(FILETIME ft) { return ((ULONGLONG)ft.dwHighDateTime << 32) | ft.dwLowDateTime; }

/* KSYSTEM_TIME: High1Time, LowPart, High2Time; re-read until High1 == High2. */
static ULONGLONG shared_system_time(void)
{
    for (;;) {
        LONG high1 = *(const volatile LONG *)(SHARED_DATA + 0x18);
        ULONG low = SHARED_U32(0x14);
        LONG high2 = *(const volatile LONG *)(SHARED_DATA + 0x1c);
        if (high1 == high2) return ((ULONGLONG)(ULONG)high1 << 32) | low;
    }
}

static void version(void)
{
    rtl_get_version_fn rtl_get_version =
        (rtl_get_version_fn)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlGetVersion");
    OSVERSIONINFOW v = {sizeof v};
    tap_ok(rtl_get_version && rtl_get_version(&v) == 0, "ntdll's RtlGetVersion succeeds");
    tap_ok(v.dwMajorVersion >= 6, "the version is Windows 7 or later");
    tap_int(v.dwPlatformId, VER_PLATFORM_WIN32_NT, "the platform is NT");
    tap_int(SHARED_U32(0x26c), v.dwMajorVersion, "KUSER_SHARED_DATA.NtMajorVersion agrees");
    tap_int(SHARED_U32(0x270), v.dwMinorVersion, "KUSER_SHARED_DATA.NtMinorVersion agrees");
    tap_int(*(const volatile USHORT *)(SHARED_DATA + 0x26a), PROCESSOR_ARCHITECTURE_AMD64,
            "KUSER_SHARED_DATA.NativeProcessorArchitecture is AMD64");
}

static void clocks(void)
{
    FILETIME ft;
    GetSystemTimeAsFileTime(&ft);
    ULONGLONG now = filetime_u64(ft);
    long long unix_from_filetime = (long long)(now / 10000000ULL) - 11644473600LL;
    long long diff = unix_from_filetime - (long long)time(NULL);
    tap_ok(diff >= -2 && diff <= 2, "GetSystemTimeAsFileTime agrees with time() (1601 vs 1970 epochs)");
    long long shared_diff = (long long)(shared_system_time() - now) / 10000;
    tap_ok(shared_diff > -1000 && shared_diff < 1000, "KUSER_SHARED_DATA.SystemTime is current (within 1 s)");

    LARGE_INTEGER freq, t0, t1;
    tap_ok(QueryPerformanceFrequency(&freq) && freq.QuadPart > 0, "QueryPerformanceFrequency is positive");
    QueryPerformanceCounter(&t0);
    ULONGLONG tick0 = GetTickCount64();
    Sleep(100);
    QueryPerformanceCounter(&t1);
    ULONGLONG tick1 = GetTickCount64();
    long long qpc_ms = (t1.QuadPart - t0.QuadPart) * 1000 / freq.QuadPart;
    tap_ok(qpc_ms >= 95 && qpc_ms < 2000, "Sleep(100) lasts about 100 ms by QueryPerformanceCounter");
    tap_ok(tick1 - tick0 >= 80 && tick1 - tick0 < 2000, "GetTickCount64 advances with it");
    tap_ok((DWORD)GetTickCount64() - GetTickCount() < 100, "GetTickCount is the low part of GetTickCount64");
}

static void conversions(void)
{
    FILETIME ft;
    ULONGLONG y2k = 125911584000000000ULL;   /* 2000-01-01 00:00:00 UTC */
    ft.dwLowDateTime = (DWORD)y2k;
    ft.dwHighDateTime = (DWORD)(y2k >> 32);
    SYSTEMTIME st;
    tap_ok(FileTimeToSystemTime(&ft, &st), "FileTimeToSystemTime succeeds");
    tap_ok(st.wYear == 2000 && st.wMonth == 1 && st.wDay == 1 && st.wHour == 0 && st.wMinute == 0,
           "...giving 2000-01-01 00:00");
    tap_int(st.wDayOfWeek, 6, "...a Saturday");
    SYSTEMTIME leap = {2024, 2, 0, 29, 12, 34, 56, 789};
    FILETIME back;
    tap_ok(SystemTimeToFileTime(&leap, &back), "SystemTimeToFileTime accepts 29 February of a leap year");
    tap_ok(FileTimeToSystemTime(&back, &st) && st.wDay == 29 && st.wMilliseconds == 789 && st.wDayOfWeek == 4,
           "...and converts back, with the day of the week");
    SYSTEMTIME bad = {2023, 13, 0, 1, 0, 0, 0, 0};
    tap_ok(!SystemTimeToFileTime(&bad, &back), "month 13 is rejected");
}

int main(void)
{
    version();
    clocks();
    conversions();
    return tap_done();
}

/* Registry costs, a Windows program run under sill and under Wine:
 *   set_value      RegSetValueExW of 10 000 distinct DWORD values (each one acknowledged write)
 *   query_value    RegQueryValueExW of those 10 000 values (first read after the writes)
 *   query_cached   RegQueryValueExW of one value 1 000 000 times (a start-up storm)
 *   open_key       RegOpenKeyExW + RegCloseKey of 1 000 existing keys
 * Prints "<name> <nanoseconds per operation>" (wall clock), and for the writes also
 * set_value_cpu: the process's CPU time (user + system) per write, which a loaded machine
 * does not inflate. Works under HKCU\Software\SillBench, deleted after. */
#include <windows.h>
#include <stdio.h>

enum { kValues = 10000, kStorm = 1000000, kKeys = 1000 };

static double now_ns(void)
{
    LARGE_INTEGER c, f;
    QueryPerformanceCounter(&c);
    QueryPerformanceFrequency(&f);
    return (double)c.QuadPart * 1e9 / (double)f.QuadPart;
}

static double cpu_ns(void)
{
    FILETIME c, e, k, u;
    GetProcessTimes(GetCurrentProcess(), &c, &e, &k, &u);
    ULARGE_INTEGER kk = {{k.dwLowDateTime, k.dwHighDateTime}}, uu = {{u.dwLowDateTime, u.dwHighDateTime}};
    return (double)(kk.QuadPart + uu.QuadPart) * 100.0;
}

int main(void)
{
    HKEY base, k;
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\SillBench");
    if (RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\SillBench", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &base, NULL)) return 1;
    wchar_t name[32];
    double cpu = cpu_ns();
    double t = now_ns();
    for (DWORD i = 0; i < kValues; ++i) {
        swprintf(name, 32, L"value%05u", (unsigned)i);
        if (RegSetValueExW(base, name, 0, REG_DWORD, (const BYTE *)&i, 4)) return 2;
    }
    printf("set_value %.0f\n", (now_ns() - t) / kValues);
    printf("set_value_cpu %.0f\n", (cpu_ns() - cpu) / kValues);
    t = now_ns();
    for (DWORD i = 0; i < kValues; ++i) {
        DWORD v = 0, size = 4;
        swprintf(name, 32, L"value%05u", (unsigned)i);
        if (RegQueryValueExW(base, name, NULL, NULL, (BYTE *)&v, &size) || v != i) return 3;
    }
    printf("query_value %.0f\n", (now_ns() - t) / kValues);
    t = now_ns();
    for (int i = 0; i < kStorm; ++i) {
        DWORD v = 0, size = 4;
        if (RegQueryValueExW(base, L"value00042", NULL, NULL, (BYTE *)&v, &size)) return 4;
    }
    printf("query_cached %.1f\n", (now_ns() - t) / kStorm);
    for (int i = 0; i < kKeys; ++i) {
        swprintf(name, 32, L"keys\\k%04d", i);
        if (RegCreateKeyExW(base, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL)) return 5;
        RegCloseKey(k);
    }
    t = now_ns();
    for (int i = 0; i < kKeys; ++i) {
        swprintf(name, 32, L"keys\\k%04d", i);
        if (RegOpenKeyExW(base, name, 0, KEY_READ, &k)) return 6;
        RegCloseKey(k);
    }
    printf("open_key %.0f\n", (now_ns() - t) / kKeys);
    RegCloseKey(base);
    RegDeleteTreeW(HKEY_CURRENT_USER, L"Software\\SillBench");
    return 0;
}

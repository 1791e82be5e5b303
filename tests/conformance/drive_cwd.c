/* Per-drive current directories: GetFullPathName resolves "X:name" on another
 * drive against the "=X:" environment variable (which cmd.exe and the CRT's
 * _chdir keep), and against the drive's root when it is not set. */
#include <windows.h>

#include "tap.h"

static const wchar_t *full(const wchar_t *path)
{
    static wchar_t buf[MAX_PATH];
    DWORD n = GetFullPathNameW(path, MAX_PATH, buf, NULL);
    return n && n < MAX_PATH ? buf : L"<failed>";
}

int main(void)
{
    tap_ok(SetCurrentDirectoryW(L"C:\\windows"), "SetCurrentDirectory C:\\windows");
    tap_wstr(full(L"C:x"), L"C:\\windows\\x", "C:x is relative to the current directory");
    tap_wstr(full(L"C:"), L"C:\\windows\\", "C: is the current directory (with its backslash)");

    SetEnvironmentVariableW(L"=Z:", NULL);
    tap_wstr(full(L"Z:foo"), L"Z:\\foo", "without =Z:, Z:foo is under the root");
    tap_wstr(full(L"Z:"), L"Z:\\", "without =Z:, Z: is the root");

    tap_ok(SetEnvironmentVariableW(L"=Z:", L"Z:\\tmp\\dir"), "SetEnvironmentVariable =Z:");
    tap_wstr(full(L"Z:foo"), L"Z:\\tmp\\dir\\foo", "Z:foo uses =Z:");
    tap_wstr(full(L"z:foo\\bar"), L"Z:\\tmp\\dir\\foo\\bar", "z:foo\\bar uses =Z:");
    tap_wstr(full(L"Z:..\\x"), L"Z:\\tmp\\x", "Z:..\\x climbs from =Z:");
    tap_wstr(full(L"Z:"), L"Z:\\tmp\\dir\\", "Z: alone is =Z: (with a backslash)");
    tap_wstr(full(L"Z:\\abs"), L"Z:\\abs", "Z:\\abs ignores =Z:");
    tap_wstr(full(L"C:x"), L"C:\\windows\\x", "the current drive still uses the current directory");
    SetEnvironmentVariableW(L"=Z:", NULL);
    return tap_done();
}

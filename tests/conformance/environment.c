/* The process environment as the runner set it, seen through msvcrt and
 * kernel32: names are case-insensitive, values may contain '=', a missing
 * variable is ERROR_ENVVAR_NOT_FOUND, and changes through either API are seen
 * by the other. */
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

static int block_contains(const WCHAR *block, const WCHAR *entry)
{
    for (const WCHAR *p = block; *p; p += wcslen(p) + 1)
        if (wcscmp(p, entry) == 0) return 1;
    return 0;
}

int main(void)
{
    char buf[256];
    WCHAR wbuf[256];

    tap_str(getenv("SILL_CONF_PLAIN"), "hello world", "getenv sees a variable set by the parent");
    tap_str(getenv("sill_conf_plain"), "hello world", "getenv ignores the case of the name");
    tap_str(getenv("SILL_CONF_EQUALS"), "a=b=c", "a value may contain '='");
    tap_ok(getenv("SILL_CONF_MISSING") == NULL, "getenv of a missing variable is NULL");

    DWORD n = GetEnvironmentVariableA("SILL_MIXED_CASE", buf, sizeof buf);
    tap_int(n, 5, "GetEnvironmentVariableA returns the length without terminator");
    tap_str(buf, "MiXeD", "GetEnvironmentVariableA finds a mixed-case name in upper case");
    n = GetEnvironmentVariableW(L"sill_mixed_case", wbuf, 256);
    tap_int(n, 5, "GetEnvironmentVariableW returns the length");
    tap_wstr(wbuf, L"MiXeD", "GetEnvironmentVariableW finds it in lower case");

    n = GetEnvironmentVariableA("SILL_CONF_PLAIN", buf, 3);
    tap_int(n, 12, "a buffer too small gives the size needed, terminator included");

    SetLastError(0xdeadbeef);
    n = GetEnvironmentVariableA("SILL_CONF_MISSING", buf, sizeof buf);
    tap_int(n, 0, "GetEnvironmentVariableA of a missing variable returns 0");
    tap_int(GetLastError(), ERROR_ENVVAR_NOT_FOUND, "...with ERROR_ENVVAR_NOT_FOUND");
    SetLastError(0xdeadbeef);
    n = GetEnvironmentVariableW(L"SILL_CONF_MISSING", wbuf, 256);
    tap_int(GetLastError(), ERROR_ENVVAR_NOT_FOUND, "GetEnvironmentVariableW: ERROR_ENVVAR_NOT_FOUND");

    tap_ok(SetEnvironmentVariableA("SILL_NEW", "v1"), "SetEnvironmentVariableA succeeds");
    GetEnvironmentVariableA("Sill_New", buf, sizeof buf);
    tap_str(buf, "v1", "SetEnvironmentVariableA is read back");
    tap_ok(SetEnvironmentVariableW(L"SILL_NEW", NULL), "SetEnvironmentVariableW(NULL) deletes");
    SetLastError(0);
    tap_int(GetEnvironmentVariableA("SILL_NEW", buf, sizeof buf), 0, "a deleted variable is gone");
    tap_int(GetLastError(), ERROR_ENVVAR_NOT_FOUND, "...with ERROR_ENVVAR_NOT_FOUND");

    tap_int(_putenv("SILL_PUT=xyz"), 0, "_putenv succeeds");
    tap_str(getenv("SILL_PUT"), "xyz", "getenv sees _putenv");
    buf[0] = 0;
    GetEnvironmentVariableA("SILL_PUT", buf, sizeof buf);
    tap_str(buf, "xyz", "_putenv also changes the Win32 environment");
    tap_int(_putenv("SILL_PUT="), 0, "_putenv(\"NAME=\") succeeds");
    tap_ok(getenv("SILL_PUT") == NULL, "_putenv(\"NAME=\") removes the variable");

    WCHAR *block = GetEnvironmentStringsW();
    tap_ok(block && block_contains(block, L"SILL_CONF_PLAIN=hello world"),
           "GetEnvironmentStringsW holds NAME=value entries");
    if (block) FreeEnvironmentStringsW(block);

    n = ExpandEnvironmentStringsA("[%SILL_CONF_PLAIN%] [%SILL_CONF_MISSING%]", buf, sizeof buf);
    tap_str(buf, "[hello world] [%SILL_CONF_MISSING%]", "ExpandEnvironmentStringsA expands known names only");
    tap_int(n, (long long)strlen(buf) + 1, "ExpandEnvironmentStringsA counts the terminator");
    return tap_done();
}

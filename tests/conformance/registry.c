/* The registry through advapi32 (W and A forms) and ntdll: keys, values of every
 * type, sizes and error codes as Windows reports them, enumeration order,
 * notifications, predefined keys, and another process (this program started
 * again with "child") reading what this one wrote and adding keys while this
 * one enumerates. Everything lives under HKCU\Software\SillConformance\<pid>
 * and is deleted at the end. */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "tap.h"

#ifndef ERROR_DATATYPE_MISMATCH
#define ERROR_DATATYPE_MISMATCH 1629
#endif

static wchar_t base_path[128];

static int child_main(const wchar_t *path)
{
    /* Reads what the parent wrote, answers, then adds 200 keys while the parent enumerates. */
    HKEY k;
    DWORD type = 0, size = sizeof(DWORD), v = 0;
    if (RegOpenKeyExW(HKEY_CURRENT_USER, path, 0, KEY_ALL_ACCESS, &k) != ERROR_SUCCESS) return 10;
    if (RegQueryValueExW(k, L"FromParent", NULL, &type, (BYTE *)&v, &size) != ERROR_SUCCESS || v != 0x1234) return 11;
    v = 0x5678;
    if (RegSetValueExW(k, L"FromChild", 0, REG_DWORD, (BYTE *)&v, 4) != ERROR_SUCCESS) return 12;
    for (int i = 0; i < 200; ++i) {
        wchar_t name[32];
        HKEY sub;
        swprintf(name, 32, L"grow\\k%03d", i);
        if (RegCreateKeyExW(k, name, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL) != ERROR_SUCCESS) return 13;
        RegCloseKey(sub);
    }
    RegCloseKey(k);
    return 0;
}

static void keys_and_errors(HKEY base)
{
    HKEY k = NULL, k2 = NULL;
    DWORD disp = 0;
    tap_int(RegCreateKeyExW(base, L"a\\b\\c", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp), ERROR_SUCCESS,
            "RegCreateKeyExW makes the missing intermediate keys");
    tap_int(disp, REG_CREATED_NEW_KEY, "...and reports REG_CREATED_NEW_KEY");
    RegCloseKey(k);
    tap_int(RegCreateKeyExW(base, L"A\\B\\C", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, &disp), ERROR_SUCCESS,
            "creating it again in another case opens it");
    tap_int(disp, REG_OPENED_EXISTING_KEY, "...with REG_OPENED_EXISTING_KEY");
    RegCloseKey(k);
    tap_int(RegOpenKeyExW(base, L"a\\missing", 0, KEY_READ, &k), ERROR_FILE_NOT_FOUND, "a missing key: ERROR_FILE_NOT_FOUND");
    tap_int(RegOpenKeyExW(base, L"a\\b\\", 0, KEY_READ, &k), ERROR_SUCCESS, "a trailing backslash is accepted");
    RegCloseKey(k);
    tap_int(RegOpenKeyExW(base, L"a", 0, KEY_READ, NULL), ERROR_INVALID_PARAMETER, "a null result pointer: ERROR_INVALID_PARAMETER");
    tap_int(RegOpenKeyExW(HKEY_CURRENT_USER, L"\\Software", 0, KEY_READ, &k), ERROR_BAD_PATHNAME, "a leading backslash: ERROR_BAD_PATHNAME");
    tap_int(RegCreateKeyExW(base, L"\\x", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL), ERROR_BAD_PATHNAME, "...for RegCreateKeyEx too");
    tap_int(RegOpenKeyExW(base, L"a\\\\b", 0, KEY_READ, &k), ERROR_SUCCESS, "doubled backslashes count as one");
    RegCloseKey(k);
    /* Unicode case folding, not just ASCII: Windows upper-cases every UTF-16 unit. */
    tap_int(RegCreateKeyExW(base, L"\x00dcnic\x00f6" L"de \x0434\x043e\x043c", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL),
            ERROR_SUCCESS, "a key with non-ASCII letters");
    RegCloseKey(k);
    tap_int(RegOpenKeyExW(base, L"\x00fcNIC\x00d6" L"DE \x0414\x041e\x041c", 0, KEY_READ, &k), ERROR_SUCCESS,
            "opens with its letters in the other case (Unicode folding)");
    RegCloseKey(k);
    tap_int(RegDeleteKeyW(base, L"a"), ERROR_ACCESS_DENIED, "RegDeleteKey on a key with subkeys: ERROR_ACCESS_DENIED");
    tap_int(RegCloseKey((HKEY)(ULONG_PTR)0x1234560), ERROR_INVALID_HANDLE, "RegCloseKey on a bad handle: ERROR_INVALID_HANDLE");

    /* A handle to a deleted key. */
    RegCreateKeyExW(base, L"doomed", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    tap_int(RegDeleteKeyW(base, L"doomed"), ERROR_SUCCESS, "RegDeleteKey on a leaf key");
    DWORD v = 1;
    tap_int(RegSetValueExW(k, L"x", 0, REG_DWORD, (BYTE *)&v, 4), ERROR_KEY_DELETED, "writing through a deleted key's handle: ERROR_KEY_DELETED");
    RegCloseKey(k);

    /* Access rights are enforced. */
    tap_int(RegOpenKeyExW(base, L"a", 0, KEY_QUERY_VALUE, &k), ERROR_SUCCESS, "open for KEY_QUERY_VALUE only");
    tap_int(RegSetValueExW(k, L"x", 0, REG_DWORD, (BYTE *)&v, 4), ERROR_ACCESS_DENIED, "...then a write is ERROR_ACCESS_DENIED");
    RegCloseKey(k);

    /* Volatile keys hold only volatile children. */
    tap_int(RegCreateKeyExW(base, L"vol", 0, NULL, REG_OPTION_VOLATILE, KEY_ALL_ACCESS, NULL, &k, NULL), ERROR_SUCCESS, "a volatile key");
    tap_int(RegCreateKeyExW(k, L"stable", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k2, NULL), ERROR_CHILD_MUST_BE_VOLATILE,
            "a non-volatile child of it: ERROR_CHILD_MUST_BE_VOLATILE");
    RegCloseKey(k);
}

static void values(HKEY k)
{
    const wchar_t text[] = L"hello";
    BYTE buf[64];
    DWORD type = 0, size = 0;
    tap_int(RegSetValueExW(k, L"Text", 0, REG_SZ, (const BYTE *)text, sizeof text), ERROR_SUCCESS, "RegSetValueExW REG_SZ");
    tap_int(RegQueryValueExW(k, L"TEXT", NULL, &type, NULL, &size), ERROR_SUCCESS, "size query (case-insensitive name)");
    tap_int(size, sizeof text, "...gives the stored size with its NUL");
    tap_int(type, REG_SZ, "...and the type");
    size = 4;
    tap_int(RegQueryValueExW(k, L"Text", NULL, &type, buf, &size), ERROR_MORE_DATA, "a short buffer: ERROR_MORE_DATA");
    tap_int(size, sizeof text, "...with the size needed");
    size = sizeof buf;
    tap_int(RegQueryValueExW(k, L"Text", NULL, &type, buf, &size), ERROR_SUCCESS, "a large buffer");
    tap_int(memcmp(buf, text, sizeof text) == 0, 1, "...gets the exact bytes");
    tap_int(RegQueryValueExW(k, L"Text", NULL, &type, buf, NULL), ERROR_INVALID_PARAMETER, "data without a size pointer: ERROR_INVALID_PARAMETER");
    tap_int(RegQueryValueExW(k, L"Nope", NULL, &type, NULL, &size), ERROR_FILE_NOT_FOUND, "a missing value: ERROR_FILE_NOT_FOUND");

    /* Odd sizes, embedded NULs, REG_NONE, empty data. */
    const BYTE odd[5] = {1, 0, 2, 0, 3};
    RegSetValueExW(k, L"Odd", 0, REG_BINARY, odd, 5);
    size = sizeof buf;
    tap_int(RegQueryValueExW(k, L"Odd", NULL, &type, buf, &size), ERROR_SUCCESS, "REG_BINARY of 5 bytes with NULs");
    tap_int(size == 5 && memcmp(buf, odd, 5) == 0, 1, "...comes back byte for byte");
    RegSetValueExW(k, L"None", 0, REG_NONE, NULL, 0);
    size = sizeof buf;
    type = 99;
    tap_int(RegQueryValueExW(k, L"None", NULL, &type, buf, &size), ERROR_SUCCESS, "REG_NONE with no data");
    tap_int(type == REG_NONE && size == 0, 1, "...type REG_NONE, size 0");
    const BYTE unterminated[6] = {'a', 0, 'b', 0, 'c', 0};
    RegSetValueExW(k, L"NoNul", 0, REG_SZ, unterminated, 6);
    size = sizeof buf;
    RegQueryValueExW(k, L"NoNul", NULL, &type, buf, &size);
    tap_int(size, 6, "a REG_SZ stored without its NUL keeps its size for RegQueryValueEx");
    tap_int(RegSetValueExW(k, L"Null", 0, REG_BINARY, NULL, 4), ERROR_NOACCESS, "a size with no data: ERROR_NOACCESS");
    ULONGLONG q = 0x1122334455667788ULL;
    RegSetValueExW(k, L"Q", 0, REG_QWORD, (BYTE *)&q, 8);
    const wchar_t multi[] = L"one\0two\0";
    RegSetValueExW(k, L"Multi", 0, REG_MULTI_SZ, (const BYTE *)multi, sizeof multi);
    /* The default value. */
    tap_int(RegSetValueExW(k, NULL, 0, REG_SZ, (const BYTE *)L"dflt", 10), ERROR_SUCCESS, "the default value (null name)");
    size = sizeof buf;
    tap_int(RegQueryValueExW(k, L"", NULL, &type, buf, &size), ERROR_SUCCESS, "...read back by the empty name");

    /* RegGetValue: restrictions, termination, expansion. */
    DWORD dw = 0;
    size = sizeof dw;
    tap_int(RegGetValueW(k, NULL, L"Text", RRF_RT_REG_DWORD, NULL, &dw, &size), ERROR_UNSUPPORTED_TYPE, "RegGetValue REG_DWORD of a string: ERROR_UNSUPPORTED_TYPE");
    wchar_t wbuf[64];
    size = sizeof wbuf;
    wmemset(wbuf, L'X', 64);
    tap_int(RegGetValueW(k, NULL, L"NoNul", RRF_RT_REG_SZ, &type, wbuf, &size), ERROR_SUCCESS, "RegGetValue of an unterminated string");
    tap_wstr(wbuf, L"abc", "...terminates it (RegQueryValueEx would not)");
    SetEnvironmentVariableW(L"SILL_REG_TEST", L"expanded");
    const wchar_t expand[] = L"%SILL_REG_TEST%\\x";
    RegSetValueExW(k, L"Exp", 0, REG_EXPAND_SZ, (const BYTE *)expand, sizeof expand);
    size = sizeof wbuf;
    tap_int(RegGetValueW(k, NULL, L"Exp", RRF_RT_REG_SZ, &type, wbuf, &size), ERROR_SUCCESS, "RegGetValue expands REG_EXPAND_SZ");
    tap_wstr(wbuf, L"expanded\\x", "...the environment variable");
    tap_int(type, REG_SZ, "...and reports REG_SZ");
    size = sizeof wbuf;
    tap_int(RegGetValueW(k, NULL, L"Exp", RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, &type, wbuf, &size), ERROR_SUCCESS, "RRF_NOEXPAND keeps it");
    tap_wstr(wbuf, expand, "...unexpanded");
    size = sizeof wbuf;
    tap_int(RegGetValueW(k, NULL, L"Exp", RRF_RT_REG_EXPAND_SZ, &type, wbuf, &size), ERROR_INVALID_PARAMETER, "RRF_RT_REG_EXPAND_SZ without RRF_NOEXPAND: ERROR_INVALID_PARAMETER");
    size = 2;
    tap_int(RegGetValueW(k, NULL, L"Text", RRF_RT_REG_SZ, &type, wbuf, &size), ERROR_MORE_DATA, "RegGetValue into a short buffer: ERROR_MORE_DATA");
    tap_int(size, sizeof text, "...with the size needed");
    size = sizeof dw;
    RegSetValueExW(k, L"Bin4", 0, REG_BINARY, (const BYTE *)"\x01\x02\x03\x04", 4);
    tap_int(RegGetValueW(k, NULL, L"Bin4", RRF_RT_DWORD, &type, &dw, &size), ERROR_SUCCESS, "RRF_RT_DWORD takes a 4-byte REG_BINARY");
    tap_int(RegGetValueW(k, NULL, L"Odd", RRF_RT_DWORD, &type, &dw, &size), ERROR_DATATYPE_MISMATCH, "...but not a 5-byte one (ERROR_DATATYPE_MISMATCH)");

    /* A forms: string data in the ANSI code page. */
    tap_int(RegSetValueExA(k, "Ansi", 0, REG_SZ, (const BYTE *)"abc", 4), ERROR_SUCCESS, "RegSetValueExA");
    size = sizeof buf;
    RegQueryValueExW(k, L"Ansi", NULL, &type, buf, &size);
    tap_int(size, 8, "...stores UTF-16 (8 bytes for \"abc\")");
    char abuf[16];
    size = sizeof abuf;
    tap_int(RegQueryValueExA(k, "Text", NULL, &type, (BYTE *)abuf, &size), ERROR_SUCCESS, "RegQueryValueExA of a W string");
    tap_int(size, 6, "...ANSI size with its NUL");
    tap_str(abuf, "hello", "...converted");

    tap_int(RegDeleteValueW(k, L"Nope"), ERROR_FILE_NOT_FOUND, "RegDeleteValue of a missing value: ERROR_FILE_NOT_FOUND");
    tap_int(RegDeleteValueW(k, L"odd"), ERROR_SUCCESS, "RegDeleteValue (case-insensitive)");
}

static void enumeration(HKEY base)
{
    HKEY k, sub;
    RegCreateKeyExW(base, L"enum", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    const wchar_t *names[] = {L"b", L"A", L"c", L"_x", L"B2"};
    for (int i = 0; i < 5; ++i) {
        RegCreateKeyExW(k, names[i], 0, NULL, 0, KEY_ALL_ACCESS, NULL, &sub, NULL);
        RegCloseKey(sub);
    }
    /* Windows' order: names upper-cased, compared by code unit ('_' sorts after letters).
     * (Wine 8 compares lower-cased names and puts "_x" first: Wine is wrong here.) */
    const wchar_t *order[] = {L"A", L"b", L"B2", L"c", L"_x"};
    int in_order = 1;
    for (DWORD i = 0; i < 5; ++i) {
        wchar_t name[32];
        DWORD n = 32;
        if (RegEnumKeyExW(k, i, name, &n, NULL, NULL, NULL, NULL) != ERROR_SUCCESS || wcscmp(name, order[i]) != 0 || n != wcslen(order[i]))
            in_order = 0;
    }
    tap_int(in_order, 1, "subkeys enumerate in Windows' case-insensitive order, case kept");
    wchar_t name[32];
    DWORD n = 32;
    tap_int(RegEnumKeyExW(k, 5, name, &n, NULL, NULL, NULL, NULL), ERROR_NO_MORE_ITEMS, "past the end: ERROR_NO_MORE_ITEMS");
    n = 1;
    tap_int(RegEnumKeyExW(k, 0, name, &n, NULL, NULL, NULL, NULL), ERROR_MORE_DATA, "a name buffer without room for the NUL: ERROR_MORE_DATA");

    const wchar_t *vnames[] = {L"zeta", L"Alpha", L"mid"};
    for (int i = 0; i < 3; ++i) RegSetValueExW(k, vnames[i], 0, REG_DWORD, (const BYTE *)&i, 4);
    DWORD one = 1;
    RegSetValueExW(k, L"ALPHA", 0, REG_DWORD, (const BYTE *)&one, 4); /* rewriting keeps the place and name */
    in_order = 1;
    for (DWORD i = 0; i < 3; ++i) {
        DWORD nn = 32, type = 0, size = 4, data = 0;
        if (RegEnumValueW(k, i, name, &nn, NULL, &type, (BYTE *)&data, &size) != ERROR_SUCCESS || wcscmp(name, vnames[i]) != 0)
            in_order = 0;
    }
    /* (Wine 8 keeps values sorted by name; Windows keeps them in creation order.) */
    tap_int(in_order, 1, "values enumerate in creation order; a rewrite keeps place and name");
    DWORD subkeys = 0, maxsub = 0, nvalues = 0, maxvname = 0, maxvlen = 0;
    tap_int(RegQueryInfoKeyW(k, NULL, NULL, NULL, &subkeys, &maxsub, NULL, &nvalues, &maxvname, &maxvlen, NULL, NULL),
            ERROR_SUCCESS, "RegQueryInfoKeyW");
    tap_int(subkeys * 1000 + maxsub * 100 + nvalues * 10 + maxvname, 5000 + 200 + 30 + 5, "...counts and longest names (5 keys, 2, 3 values, 5)");
    tap_int(maxvlen, 4, "...longest data");
    RegCloseKey(k);
}

static void trees(HKEY base)
{
    HKEY k;
    tap_int(RegSetKeyValueW(base, L"tree\\x\\y", L"v", REG_SZ, L"deep", 10), ERROR_SUCCESS, "RegSetKeyValueW creates the subkey");
    tap_int(RegCreateKeyExW(base, L"copy", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL), ERROR_SUCCESS, "a destination key");
    tap_int(RegCopyTreeW(base, L"tree", k), ERROR_SUCCESS, "RegCopyTreeW");
    wchar_t buf[16];
    DWORD size = sizeof buf;
    tap_int(RegGetValueW(k, L"x\\y", L"v", RRF_RT_REG_SZ, NULL, buf, &size), ERROR_SUCCESS, "...the copy has the value");
    tap_wstr(buf, L"deep", "...with its data");
    RegCloseKey(k);
    tap_int(RegDeleteTreeW(base, L"tree"), ERROR_SUCCESS, "RegDeleteTreeW");
    tap_int(RegOpenKeyExW(base, L"tree", 0, KEY_READ, &k), ERROR_FILE_NOT_FOUND, "...the tree is gone");
    tap_int(RegDeleteKeyValueW(base, L"copy\\x\\y", L"v"), ERROR_SUCCESS, "RegDeleteKeyValueW");
}

static void predefined(void)
{
    HKEY k;
    wchar_t buf[64];
    DWORD size = sizeof buf;
    tap_int(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\Windows NT\\CurrentVersion", 0, KEY_READ, &k), ERROR_SUCCESS,
            "HKLM\\...\\Windows NT\\CurrentVersion exists");
    tap_int(RegQueryValueExW(k, L"CurrentBuild", NULL, NULL, (BYTE *)buf, &size), ERROR_SUCCESS, "...with CurrentBuild");
    size = sizeof buf;
    tap_int(RegQueryValueExW(k, L"ProductName", NULL, NULL, (BYTE *)buf, &size), ERROR_SUCCESS, "...and ProductName");
    RegCloseKey(k);
    size = sizeof buf;
    tap_int(RegGetValueW(HKEY_LOCAL_MACHINE, L"System\\CurrentControlSet\\Control\\Session Manager\\Environment", L"OS",
                         RRF_RT_REG_SZ, NULL, buf, &size), ERROR_SUCCESS, "CurrentControlSet (a link) reaches the environment");
    tap_wstr(buf, L"Windows_NT", "...OS is Windows_NT");
    tap_int(RegOpenKeyExW(HKEY_CLASSES_ROOT, L".exe", 0, KEY_READ, &k), ERROR_SUCCESS, "HKEY_CLASSES_ROOT\\.exe exists");
    RegCloseKey(k);
    tap_int(RegOpenCurrentUser(KEY_READ, &k), ERROR_SUCCESS, "RegOpenCurrentUser");
    RegCloseKey(k);
    tap_int(RegCloseKey(HKEY_LOCAL_MACHINE), ERROR_SUCCESS, "closing a predefined key succeeds");
    HKEY remote;
    tap_int(RegConnectRegistryW(NULL, HKEY_LOCAL_MACHINE, &remote), ERROR_SUCCESS, "RegConnectRegistry to this machine");
    RegCloseKey(remote);
    tap_int(RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"Software", 0, KEY_READ | KEY_WOW64_64KEY, &k), ERROR_SUCCESS, "KEY_WOW64_64KEY is accepted");
    RegCloseKey(k);
}

static void notification(HKEY base)
{
    HKEY k;
    RegCreateKeyExW(base, L"watched", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    HANDLE ev = CreateEventW(NULL, TRUE, FALSE, NULL);
    tap_int(RegNotifyChangeKeyValue(k, TRUE, REG_NOTIFY_CHANGE_LAST_SET | REG_NOTIFY_CHANGE_NAME, ev, TRUE), ERROR_SUCCESS,
            "RegNotifyChangeKeyValue (asynchronous)");
    tap_int(WaitForSingleObject(ev, 0), WAIT_TIMEOUT, "...nothing changed yet");
    DWORD v = 7;
    RegSetValueExW(k, L"v", 0, REG_DWORD, (BYTE *)&v, 4);
    tap_int(WaitForSingleObject(ev, 5000), WAIT_OBJECT_0, "...a value set signals the event");
    tap_int(RegNotifyChangeKeyValue(k, FALSE, REG_NOTIFY_CHANGE_NAME, NULL, TRUE), ERROR_INVALID_HANDLE,
            "asynchronous without an event: ERROR_INVALID_HANDLE");
    tap_int(RegFlushKey(k), ERROR_SUCCESS, "RegFlushKey");
    CloseHandle(ev);
    RegCloseKey(k);
}

/* ntdll's side, found at run time (no import library needed). */
typedef LONG NTSTATUS_T;
typedef struct { USHORT Length, MaximumLength; PWSTR Buffer; } USTR;
typedef NTSTATUS_T (WINAPI *QueryValueKeyFn)(HANDLE, USTR *, ULONG, void *, ULONG, ULONG *);
typedef NTSTATUS_T (WINAPI *QueryKeyFn)(HANDLE, ULONG, void *, ULONG, ULONG *);
typedef NTSTATUS_T (WINAPI *EnumerateKeyFn)(HANDLE, ULONG, ULONG, void *, ULONG, ULONG *);

static void nt_calls(HKEY base)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    QueryValueKeyFn query_value = (QueryValueKeyFn)GetProcAddress(ntdll, "NtQueryValueKey");
    QueryKeyFn query_key = (QueryKeyFn)GetProcAddress(ntdll, "NtQueryKey");
    EnumerateKeyFn enumerate_key = (EnumerateKeyFn)GetProcAddress(ntdll, "NtEnumerateKey");
    if (!tap_int(query_value && query_key && enumerate_key ? 1 : 0, 1, "ntdll exports NtQueryValueKey, NtQueryKey, NtEnumerateKey"))
        return;
    HKEY k;
    RegCreateKeyExW(base, L"nt", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    DWORD v = 0xabcdef;
    RegSetValueExW(k, L"Val", 0, REG_DWORD, (BYTE *)&v, 4);
    USTR name = {6, 8, L"Val"};
    BYTE buf[256];
    ULONG len = 0;
    /* KeyValuePartialInformation: 12 bytes of header, then the data. */
    tap_int(query_value(k, &name, 2, buf, 8, &len), (LONG)0xC0000023, "NtQueryValueKey below the fixed part: STATUS_BUFFER_TOO_SMALL");
    tap_int(len, 16, "...and the full size");
    tap_int(query_value(k, &name, 2, buf, 12, &len), (LONG)0x80000005, "the fixed part only: STATUS_BUFFER_OVERFLOW");
    tap_int(((ULONG *)buf)[1] * 100 + ((ULONG *)buf)[2], REG_DWORD * 100 + 4, "...with type and data length filled in");
    tap_int(query_value(k, &name, 2, buf, sizeof buf, &len), 0, "KeyValuePartialInformation");
    tap_int(*(DWORD *)(buf + 12), 0xabcdef, "...the data follows the 12-byte header");
    tap_int(query_value(k, &name, 0, buf, sizeof buf, &len), 0, "KeyValueBasicInformation");
    tap_int(((ULONG *)buf)[2], 6, "...name length in bytes");
    tap_int(query_value(k, &name, 1, buf, sizeof buf, &len), 0, "KeyValueFullInformation");
    tap_int(*(DWORD *)(buf + ((ULONG *)buf)[2]), 0xabcdef, "...data at DataOffset");
    tap_int(query_key(k, 3, buf, sizeof buf, &len), 0, "NtQueryKey KeyNameInformation");
    ULONG n = ((ULONG *)buf)[0] / 2;
    const wchar_t *full = (const wchar_t *)(buf + 4);
    tap_int(n > 13 && _wcsnicmp(full, L"\\REGISTRY\\USER", 14) == 0 && _wcsnicmp(full + n - 3, L"\\nt", 3) == 0, 1,
            "...is the full \\REGISTRY\\USER\\... path");
    tap_int(enumerate_key(k, 0, 0, buf, sizeof buf, &len), (LONG)0x8000001A, "NtEnumerateKey past the end: STATUS_NO_MORE_ENTRIES");
    RegCloseKey(k);
}

static void another_process(HKEY base, const wchar_t *self)
{
    DWORD v = 0x1234;
    RegSetValueExW(base, L"FromParent", 0, REG_DWORD, (BYTE *)&v, 4);
    HKEY grow;
    RegCreateKeyExW(base, L"grow", 0, NULL, 0, KEY_ALL_ACCESS, NULL, &grow, NULL);
    wchar_t cmd[512];
    swprintf(cmd, 512, L"\"%ls\" child %ls", self, base_path);
    STARTUPINFOW si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!tap_int(CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi) != 0, 1, "start a child process")) return;
    /* Enumerate while the child adds keys: every call either succeeds or reports the end. */
    int bad = 0, rounds = 0;
    while (WaitForSingleObject(pi.hProcess, 0) == WAIT_TIMEOUT && rounds < 100000) {
        wchar_t name[32];
        for (DWORD i = 0;; ++i) {
            DWORD n = 32;
            LONG r = RegEnumKeyExW(grow, i, name, &n, NULL, NULL, NULL, NULL);
            if (r == ERROR_NO_MORE_ITEMS) break;
            if (r != ERROR_SUCCESS) { bad = r; break; }
        }
        ++rounds;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 99;
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, 0, "the child read the parent's value and added its keys");
    tap_int(bad, 0, "enumerating while the child adds keys never fails");
    DWORD subkeys = 0;
    RegQueryInfoKeyW(grow, NULL, NULL, NULL, &subkeys, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
    tap_int(subkeys, 200, "all 200 of the child's keys are seen");
    DWORD size = 4, got = 0;
    tap_int(RegQueryValueExW(base, L"FromChild", NULL, NULL, (BYTE *)&got, &size), ERROR_SUCCESS, "the child's value is seen");
    tap_int(got, 0x5678, "...with its data");
    RegCloseKey(grow);
    CloseHandle(pi.hProcess);
    CloseHandle(pi.hThread);
}

int wmain(int argc, wchar_t **argv)
{
    if (argc == 3 && wcscmp(argv[1], L"child") == 0) return child_main(argv[2]);
    swprintf(base_path, 128, L"Software\\SillConformance\\registry-%lu", GetCurrentProcessId());
    HKEY base;
    if (!tap_int(RegCreateKeyExW(HKEY_CURRENT_USER, base_path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &base, NULL), ERROR_SUCCESS,
                 "create the test key under HKCU"))
        return tap_done();
    keys_and_errors(base);
    values(base);
    enumeration(base);
    trees(base);
    predefined();
    notification(base);
    nt_calls(base);
    wchar_t self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    another_process(base, self);
    RegCloseKey(base);
    tap_int(RegDeleteTreeW(HKEY_CURRENT_USER, base_path), ERROR_SUCCESS, "delete the test tree");
    return tap_done();
}

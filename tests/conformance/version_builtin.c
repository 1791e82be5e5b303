/* The system DLLs' version information, as programs read it to learn the
 * Windows version (Python's platform.win32_ver reads kernel32.dll's):
 * GetFileVersionInfoW/VerQueryValueW by bare name and by system32 path,
 * FindResourceW on the loaded module, LoadLibraryExW AS_DATAFILE of the file.
 * Revisions differ between Windows updates, so the numbers are compared by
 * range: a system file carries its release's base build (19041 for Windows 10
 * 2004 to 22H2, whose RtlGetVersion says 19041 to 19045). The strings are
 * those of an English (US) Windows (table 040904B0).
 *
 * Wine 8 fails 16 of these: its built-in DLLs carry Wine's own versions (user32
 * 5.1.2600, ntdll 6.1.7601; only kernel32's 10.0 matches a Windows 10 prefix),
 * dwFileOS 0 instead of VOS_NT_WINDOWS32, and an empty InternalName. Windows'
 * system DLLs have 10.0.<base build>.<revision>, VOS_NT_WINDOWS32 and their
 * names there (kernel32, ntdll.dll, user32). */
#include <stdio.h>
#include <windows.h>

#include "tap.h"

typedef LONG(WINAPI *rtl_get_version_fn)(RTL_OSVERSIONINFOW *);

static DWORD os_build(void)
{
    RTL_OSVERSIONINFOW info;
    ZeroMemory(&info, sizeof info);
    info.dwOSVersionInfoSize = sizeof info;
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
    rtl_get_version_fn get = (rtl_get_version_fn)(void *)GetProcAddress(ntdll, "RtlGetVersion");
    if (!get || get(&info) != 0) return 0;
    return info.dwBuildNumber;
}

static const WCHAR *string_value(void *info, const WCHAR *key)
{
    WCHAR path[128] = L"\\StringFileInfo\\040904B0\\";
    WCHAR *text = NULL;
    UINT len = 0;
    lstrcatW(path, key);
    if (!VerQueryValueW(info, path, (void **)&text, &len) || !text) return L"";
    return text;
}

/* The file's version block, or NULL; *fixed_out gets its VS_FIXEDFILEINFO. */
static void *version_info(const WCHAR *file, VS_FIXEDFILEINFO **fixed_out, const char *what)
{
    char label[160];
    DWORD handle = 5;
    DWORD size = GetFileVersionInfoSizeW(file, &handle);
    sprintf(label, "%s: GetFileVersionInfoSizeW (error %lu)", what, size ? 0ul : GetLastError());
    tap_ok(size > sizeof(VS_FIXEDFILEINFO), label);
    if (!size) return NULL;
    void *info = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    sprintf(label, "%s: GetFileVersionInfoW", what);
    tap_int(GetFileVersionInfoW(file, 0, size, info), TRUE, label);
    UINT len = 0;
    sprintf(label, "%s: VerQueryValueW(\"\\\\\") gives a VS_FIXEDFILEINFO", what);
    tap_ok(VerQueryValueW(info, L"\\", (void **)fixed_out, &len) && len == sizeof(VS_FIXEDFILEINFO), label);
    return info;
}

static void check_version(const WCHAR *dll, const char *name)
{
    char what[160];
    DWORD build = os_build();
    VS_FIXEDFILEINFO *fixed = NULL;
    sprintf(what, "%s by name", name);
    void *info = version_info(dll, &fixed, what);
    if (!info || !fixed) return;

    sprintf(what, "%s: dwSignature 0xFEEF04BD", name);
    tap_int(fixed->dwSignature, 0xFEEF04BD, what);
    sprintf(what, "%s: file version 10.0", name);
    tap_int(fixed->dwFileVersionMS, MAKELONG(0, 10), what);
    sprintf(what, "%s: product version 10.0", name);
    tap_int(fixed->dwProductVersionMS, MAKELONG(0, 10), what);
    DWORD file_build = HIWORD(fixed->dwFileVersionLS);
    sprintf(what, "%s: file build %lu is its release's base build (RtlGetVersion says %lu)", name,
              (unsigned long)file_build, (unsigned long)build);
    tap_ok(build && file_build <= build && build - file_build < 100, what);
    sprintf(what, "%s: product build matches the file's", name);
    tap_int(HIWORD(fixed->dwProductVersionLS), file_build, what);
    sprintf(what, "%s: dwFileOS VOS_NT_WINDOWS32", name);
    tap_int(fixed->dwFileOS, VOS_NT_WINDOWS32, what);
    sprintf(what, "%s: dwFileType VFT_DLL", name);
    tap_int(fixed->dwFileType, VFT_DLL, what);

    DWORD *translation = NULL;
    UINT len = 0;
    sprintf(what, "%s: Translation 0x0409, 1200", name);
    tap_ok(VerQueryValueW(info, L"\\VarFileInfo\\Translation", (void **)&translation, &len) && len >= 4 &&
               translation[0] == MAKELONG(0x409, 1200),
           what);

    sprintf(what, "%s: CompanyName", name);
    tap_wstr(string_value(info, L"CompanyName"), L"Microsoft Corporation", what);
    sprintf(what, "%s: FileDescription is there", name);
    tap_ok(string_value(info, L"FileDescription")[0] != 0, what);
    sprintf(what, "%s: FileVersion starts with 10.0.", name);
    tap_ok(wcsncmp(string_value(info, L"FileVersion"), L"10.0.", 5) == 0, what);
    sprintf(what, "%s: ProductVersion starts with 10.0.", name);
    tap_ok(wcsncmp(string_value(info, L"ProductVersion"), L"10.0.", 5) == 0, what);
    /* Windows writes these in either case, with or without the extension. */
    int stem = (int)(wcschr(dll, L'.') - dll);
    sprintf(what, "%s: OriginalFilename names the DLL", name);
    tap_ok(_wcsnicmp(string_value(info, L"OriginalFilename"), dll, stem) == 0, what);
    sprintf(what, "%s: InternalName names the DLL", name);
    tap_ok(_wcsnicmp(string_value(info, L"InternalName"), dll, stem) == 0, what);
    sprintf(what, "%s: ProductName is there", name);
    tap_ok(string_value(info, L"ProductName")[0] != 0, what);

    /* The same file by its full path in the system directory. */
    WCHAR path[MAX_PATH];
    GetSystemDirectoryW(path, MAX_PATH);
    lstrcatW(path, L"\\");
    lstrcatW(path, dll);
    VS_FIXEDFILEINFO *by_path = NULL;
    sprintf(what, "%s by system32 path", name);
    void *info2 = version_info(path, &by_path, what);
    sprintf(what, "%s: the same version by path", name);
    tap_ok(by_path && by_path->dwFileVersionMS == fixed->dwFileVersionMS &&
               by_path->dwFileVersionLS == fixed->dwFileVersionLS,
           what);

    /* As a data file, its resources are there too. */
    HMODULE data = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_DATAFILE);
    sprintf(what, "%s: LoadLibraryExW(system32 path, AS_DATAFILE)", name);
    tap_ok(data != NULL, what);
    sprintf(what, "%s: FindResourceW(RT_VERSION) in the data file", name);
    tap_ok(data && FindResourceW(data, MAKEINTRESOURCEW(1), (LPCWSTR)RT_VERSION) != NULL, what);
    if (data) FreeLibrary(data);
    if (info2) HeapFree(GetProcessHeap(), 0, info2);
    HeapFree(GetProcessHeap(), 0, info);
}

static BOOL CALLBACK note_version_type(HMODULE module, LPWSTR type, LONG_PTR found)
{
    (void)module;
    if (type == (LPWSTR)RT_VERSION) *(BOOL *)found = TRUE;
    return TRUE;
}

static void check_module(const WCHAR *dll, const char *name)
{
    char what[160];
    HMODULE module = LoadLibraryW(dll);
    sprintf(what, "%s: LoadLibraryW", name);
    tap_ok(module != NULL, what);
    if (!module) return;
    HRSRC res = FindResourceW(module, MAKEINTRESOURCEW(1), (LPCWSTR)RT_VERSION);
    sprintf(what, "%s: FindResourceW(module, 1, RT_VERSION) (error %lu)", name, res ? 0ul : GetLastError());
    tap_ok(res != NULL, what);
    if (res) {
        DWORD size = SizeofResource(module, res);
        const WORD *block = LockResource(LoadResource(module, res));
        sprintf(what, "%s: the resource is a VS_VERSIONINFO that fits", name);
        tap_ok(block && block[0] <= size && block[0] > 40 &&
                   wcscmp((const WCHAR *)(block + 3), L"VS_VERSION_INFO") == 0,
               what);
    }
    BOOL found = FALSE;
    EnumResourceTypesW(module, note_version_type, (LONG_PTR)&found);
    sprintf(what, "%s: EnumResourceTypesW lists RT_VERSION", name);
    tap_ok(found, what);
}

int main(void)
{
    /* user32 first, before anything loads it: its file is read, not its module. */
    check_version(L"user32.dll", "user32");
    check_version(L"kernel32.dll", "kernel32");
    check_version(L"ntdll.dll", "ntdll");
    check_module(L"kernel32.dll", "kernel32");
    check_module(L"ntdll.dll", "ntdll");
    check_module(L"user32.dll", "user32");
    return tap_done();
}

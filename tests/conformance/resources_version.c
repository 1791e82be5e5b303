/* version.dll: GetFileVersionInfoSize/GetFileVersionInfo (W, A, Ex), VerQueryValueW/A
 * and VerLanguageName on this program's VERSIONINFO (resources.rc) and on
 * resources_data.dll's, plus the errors for files without version information. */
#include <windows.h>

#include "resources_common.h"
#include "tap.h"

static void own_version(void)
{
    WCHAR self[MAX_PATH];
    GetModuleFileNameW(NULL, self, MAX_PATH);
    DWORD handle = 77;
    DWORD size = GetFileVersionInfoSizeW(self, &handle);
    DWORD resource = SizeofResource(NULL, FindResourceW(NULL, MAKEINTRESOURCEW(1), (LPCWSTR)RT_VERSION));
    tap_int(handle, 0, "GetFileVersionInfoSizeW sets *handle to 0");
    tap_int(size, resource * 2 + 4, "the size is twice the resource plus 4 (room for ANSI copies)");
    tap_int(GetFileVersionInfoSizeExW(0, self, &handle), size, "GetFileVersionInfoSizeExW agrees");

    char *info = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    tap_int(GetFileVersionInfoW(self, 0, size, info), TRUE, "GetFileVersionInfoW");
    tap_int(*(WORD *)info, resource, "the block starts with the resource (wLength)");
    tap_ok(memcmp(info + resource, "FE2X", 4) == 0, "the mark after the resource says the ANSI room is there");

    VS_FIXEDFILEINFO *fixed = NULL;
    UINT len = 0;
    tap_int(VerQueryValueW(info, L"\\", (void **)&fixed, &len), TRUE, "VerQueryValueW(\"\\\")");
    tap_int(len, sizeof(VS_FIXEDFILEINFO), "... gives a VS_FIXEDFILEINFO");
    tap_int(fixed->dwSignature, 0xFEEF04BD, "... with its signature");
    tap_int(fixed->dwFileVersionMS, MAKELONG(2, 1), "FILEVERSION 1,2 (high)");
    tap_int(fixed->dwFileVersionLS, MAKELONG(4, 3), "FILEVERSION 3,4 (low)");
    tap_int(fixed->dwProductVersionMS, MAKELONG(6, 5), "PRODUCTVERSION 5,6");
    tap_int(fixed->dwFileType, VFT_APP, "FILETYPE VFT_APP");

    DWORD *translation = NULL;
    tap_int(VerQueryValueW(info, L"\\VarFileInfo\\Translation", (void **)&translation, &len), TRUE,
            "VerQueryValueW(\"\\VarFileInfo\\Translation\")");
    tap_int(len, 4, "... one language/code page pair");
    tap_int(*translation, MAKELONG(0x409, 1200), "... 0x0409, 1200");

    WCHAR *text = NULL;
    tap_int(VerQueryValueW(info, L"\\StringFileInfo\\040904b0\\ProductName", (void **)&text, &len), TRUE,
            "VerQueryValueW(ProductName)");
    tap_wstr(text, L"Sill Resources Test", "... its text");
    tap_int(len, 20, "... its length in characters with the terminator");
    tap_int(VerQueryValueW(info, L"\\stringfileinfo\\040904B0\\fileversion", (void **)&text, &len), TRUE,
            "keys compare case-insensitively");
    tap_wstr(text, L"1.2.3.4", "... FileVersion");
    tap_int(VerQueryValueW(info, L"StringFileInfo\\040904b0\\CompanyName", (void **)&text, &len), TRUE,
            "a path without the leading backslash");
    tap_wstr(text, L"Sill Conformance", "... CompanyName");
    SetLastError(0xdead);
    len = 99;
    tap_int(VerQueryValueW(info, L"\\StringFileInfo\\040904b0\\Missing", (void **)&text, &len), FALSE,
            "an absent value is not found");
    tap_int(len, 0, "... the length is 0");
    tap_int(GetLastError(), ERROR_RESOURCE_TYPE_NOT_FOUND, "... ERROR_RESOURCE_TYPE_NOT_FOUND");

    char *atext = NULL;
    tap_int(VerQueryValueA(info, "\\StringFileInfo\\040904b0\\ProductName", (void **)&atext, &len), TRUE,
            "VerQueryValueA(ProductName)");
    tap_str(atext, "Sill Resources Test", "... converted to ANSI");
    tap_ok(atext > info + resource && atext < info + size, "... in the room after the resource");
    tap_int(len, 20, "... its length with the terminator");
    text = NULL;
    VerQueryValueW(info, L"\\StringFileInfo\\040904b0\\ProductName", (void **)&text, &len);
    tap_wstr(text, L"Sill Resources Test", "the UTF-16 value is left as it was");
    tap_int(VerQueryValueA(info, "\\", (void **)&fixed, &len), TRUE, "VerQueryValueA(\"\\\")");
    tap_int(fixed->dwSignature, 0xFEEF04BD, "... the same VS_FIXEDFILEINFO");
    HeapFree(GetProcessHeap(), 0, info);

    char path[MAX_PATH];
    GetModuleFileNameA(NULL, path, MAX_PATH);
    tap_int(GetFileVersionInfoSizeA(path, &handle), size, "GetFileVersionInfoSizeA");
    info = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
    tap_int(GetFileVersionInfoA(path, 0, size, info), TRUE, "GetFileVersionInfoA gives the same UTF-16 block");
    tap_int(VerQueryValueW(info, L"\\StringFileInfo\\040904b0\\ProductVersion", (void **)&text, &len), TRUE,
            "... ProductVersion");
    tap_wstr(text, L"5.6.7.8", "... 5.6.7.8");
    HeapFree(GetProcessHeap(), 0, info);
}

/* One string of a sibling file's version information, read without loading the file. */
static void check_file_string(const WCHAR *file, const WCHAR *path, const WCHAR *want, const char *what)
{
    WCHAR full[MAX_PATH], *text = NULL;
    DWORD handle;
    UINT len;
    sibling(full, file);
    DWORD size = GetFileVersionInfoSizeW(full, &handle);
    char *info = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size ? size : 1);
    int found = size > 0 && GetFileVersionInfoW(full, 0, size, info) && VerQueryValueW(info, path, (void **)&text, &len);
    tap_wstr(found ? text : NULL, want, what);
    HeapFree(GetProcessHeap(), 0, info);
}

static void other_files(void)
{
    WCHAR hello[MAX_PATH], missing[MAX_PATH], text_file[MAX_PATH];
    DWORD handle;
    check_file_string(L"resources_data.dll", L"\\StringFileInfo\\040704b0\\FileDescription", L"Ressourcen-DLL",
                      "a DLL's version information (its German table)");
    tap_int(GetEnvironmentVariableA("RESOURCES_DATA_DLLMAIN", NULL, 0), 0, "reading it ran none of its code");
    check_file_string(L"resources_data32.dll", L"\\StringFileInfo\\040704b0\\ProductName", L"Sill Data DLL",
                      "a 32-bit DLL's version information");

    sibling(hello, L"hello.exe");
    SetLastError(0xdead);
    tap_int(GetFileVersionInfoSizeW(hello, &handle), 0, "a program without resources has no version size");
    tap_int(GetLastError(), ERROR_RESOURCE_DATA_NOT_FOUND, "... ERROR_RESOURCE_DATA_NOT_FOUND");
    char buffer[64];
    SetLastError(0xdead);
    tap_int(GetFileVersionInfoW(hello, 0, sizeof buffer, buffer), FALSE, "GetFileVersionInfoW fails for it");
    tap_int(GetLastError(), ERROR_RESOURCE_DATA_NOT_FOUND, "... ERROR_RESOURCE_DATA_NOT_FOUND");

    sibling(missing, L"no_such_file.dll");
    SetLastError(0xdead);
    tap_int(GetFileVersionInfoSizeW(missing, &handle), 0, "a missing file has no version size");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");
    SetLastError(0xdead);
    tap_int(GetFileVersionInfoW(missing, 0, sizeof buffer, buffer), FALSE,
            "GetFileVersionInfoW on a missing file fails");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    /* A file that is not a PE image has no resources at all. */
    GetTempPathW(MAX_PATH, text_file);
    lstrcatW(text_file, L"resources_version_not_pe.txt");
    HANDLE f = CreateFileW(text_file, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written;
    WriteFile(f, "This is a text file, not a program. It has no version information at all.", 74, &written, NULL);
    CloseHandle(f);
    SetLastError(0xdead);
    tap_int(GetFileVersionInfoSizeW(text_file, &handle), 0, "a text file has no version size");
    tap_int(GetLastError(), ERROR_RESOURCE_DATA_NOT_FOUND, "... ERROR_RESOURCE_DATA_NOT_FOUND");
    DeleteFileW(text_file);
}

static void language_names(void)
{
    WCHAR name[128];
    char aname[128];
    DWORD n = VerLanguageNameW(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), name, 128);
    /* Documented: the length without the terminator. Wine 8 counts the terminator (Wine is wrong). */
    tap_ok(n > 0 && n == (DWORD)lstrlenW(name), "VerLanguageNameW returns the length of the name");
    /* Windows says "English (United States)"; Wine only "English". */
    tap_ok(memcmp(name, L"English", 7 * sizeof(WCHAR)) == 0, "... which starts with English");
    n = VerLanguageNameW(MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN), name, 128);
    tap_ok(n > 0 && memcmp(name, L"German", 6 * sizeof(WCHAR)) == 0, "VerLanguageNameW(0x407) is German");
    tap_int(VerLanguageNameW(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), NULL, 0),
            VerLanguageNameW(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), name, 128),
            "without a buffer it gives the length");
    n = VerLanguageNameA(MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US), aname, 128);
    tap_ok(n > 0 && n == (DWORD)lstrlenA(aname) && memcmp(aname, "English", 7) == 0, "VerLanguageNameA (Wine: as above)");
}

int main(void)
{
    own_version();
    other_files();
    language_names();
    return tap_done();
}

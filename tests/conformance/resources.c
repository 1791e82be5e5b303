/* kernel32's resource API on the resources of this program (resources.rc) and of
 * resources_data.dll loaded as a data file: FindResource(Ex)W/A, LoadResource,
 * SizeofResource, LockResource, FreeResource, EnumResourceTypes/Names/Languages
 * (W, A, Ex), MAKEINTRESOURCE ids, "#123" names, case-insensitive names, error
 * codes, language selection and LoadLibraryEx's data-file modules. */
#include <windows.h>

#include "tap.h"

static const char *resource_text(HMODULE module, HRSRC res)
{
    HGLOBAL g = LoadResource(module, res);
    return g ? (const char *)LockResource(g) : NULL;
}

static void find_by_ids_and_names(void)
{
    HRSRC r = FindResourceW(NULL, MAKEINTRESOURCEW(43), (LPCWSTR)RT_RCDATA);
    tap_ok(r != NULL, "FindResourceW(NULL, 43, RT_RCDATA) finds the neutral resource");
    tap_int(SizeofResource(NULL, r), 8, "SizeofResource gives the data entry's size");
    tap_str(resource_text(NULL, r), "neutral", "LockResource(LoadResource()) points at its bytes");
    tap_ok(LoadResource(NULL, r) == LoadResource(GetModuleHandleW(NULL), r), "hModule NULL is the main program");
    tap_int(FreeResource(LoadResource(NULL, r)), FALSE, "FreeResource returns FALSE (nothing to free)");

    tap_str(resource_text(NULL, FindResourceW(NULL, L"#43", (LPCWSTR)RT_RCDATA)), "neutral",
            "\"#43\" names resource 43");
    tap_str(resource_text(NULL, FindResourceW(NULL, L"#43", L"#10")), "neutral", "\"#10\" names type 10 (RT_RCDATA)");
    tap_str(resource_text(NULL, FindResourceA(NULL, "#43", (LPCSTR)RT_RCDATA)), "neutral", "FindResourceA with \"#43\"");
    tap_str(resource_text(NULL, FindResourceW(NULL, L"payload", (LPCWSTR)RT_RCDATA)), "named-rcdata",
            "names compare case-insensitively");
    tap_str(resource_text(NULL, FindResourceW(NULL, L"Config", L"mytype")), "custom-type", "a named type");
    tap_str(resource_text(NULL, FindResourceA(NULL, "CONFIG", "MyType")), "custom-type", "FindResourceA, named type");
    tap_str(resource_text(NULL, FindResourceW(NULL, MAKEINTRESOURCEW(7), L"MYTYPE")), "custom-seven",
            "an id under a named type");
    tap_ok(FindResourceW(NULL, MAKEINTRESOURCEW(1), (LPCWSTR)RT_VERSION) != NULL, "RT_VERSION 1 is present");
    tap_ok(FindResourceW(NULL, MAKEINTRESOURCEW(1), (LPCWSTR)RT_GROUP_ICON) != NULL, "RT_GROUP_ICON 1 is present");
}

static void find_errors(void)
{
    SetLastError(0xdead);
    tap_ok(FindResourceW(NULL, MAKEINTRESOURCEW(42), MAKEINTRESOURCEW(99)) == NULL, "an absent type is not found");
    tap_int(GetLastError(), ERROR_RESOURCE_TYPE_NOT_FOUND, "... ERROR_RESOURCE_TYPE_NOT_FOUND");
    SetLastError(0xdead);
    tap_ok(FindResourceW(NULL, MAKEINTRESOURCEW(999), (LPCWSTR)RT_RCDATA) == NULL, "an absent id is not found");
    tap_int(GetLastError(), ERROR_RESOURCE_NAME_NOT_FOUND, "... ERROR_RESOURCE_NAME_NOT_FOUND");
    SetLastError(0xdead);
    tap_ok(FindResourceW(NULL, L"nope", (LPCWSTR)RT_RCDATA) == NULL, "an absent name is not found");
    tap_int(GetLastError(), ERROR_RESOURCE_NAME_NOT_FOUND, "... ERROR_RESOURCE_NAME_NOT_FOUND");
    SetLastError(0xdead);
    tap_ok(FindResourceA(NULL, "nope", "NOTYPE") == NULL, "FindResourceA: an absent named type");
    tap_int(GetLastError(), ERROR_RESOURCE_TYPE_NOT_FOUND, "... ERROR_RESOURCE_TYPE_NOT_FOUND");
}

static void find_languages(void)
{
    LANGID ui = GetUserDefaultUILanguage();
    HRSRC r = FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(42), MAKELANGID(LANG_FRENCH, SUBLANG_FRENCH));
    tap_str(resource_text(NULL, r), "rcdata-fr", "FindResourceExW with an exact language");
    r = FindResourceExA(NULL, (LPCSTR)RT_RCDATA, MAKEINTRESOURCEA(42), MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US));
    tap_str(resource_text(NULL, r), "rcdata-en", "FindResourceExA with an exact language");
    /* Neutral (what FindResourceW asks for) means the caller's UI language, then English. */
    r = FindResourceW(NULL, MAKEINTRESOURCEW(42), (LPCWSTR)RT_RCDATA);
    tap_str(resource_text(NULL, r), PRIMARYLANGID(ui) == LANG_FRENCH ? "rcdata-fr" : "rcdata-en",
            "FindResourceW picks the UI language, else English");
    r = FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(42), MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
    tap_str(resource_text(NULL, r), PRIMARYLANGID(ui) == LANG_FRENCH ? "rcdata-fr" : "rcdata-en",
            "FindResourceExW(LANG_NEUTRAL) is FindResourceW");
    /* A specific language the resource lacks is not replaced by another one. */
    SetLastError(0xdead);
    r = FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(42), MAKELANGID(LANG_GERMAN, SUBLANG_GERMAN));
    tap_ok(r == NULL, "FindResourceExW with a language the resource lacks fails");
    tap_int(GetLastError(), ERROR_RESOURCE_LANG_NOT_FOUND, "... ERROR_RESOURCE_LANG_NOT_FOUND");
    /* A neutral-only resource answers any request for the neutral language. */
    r = FindResourceExW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(43), MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
    tap_str(resource_text(NULL, r), "neutral", "FindResourceExW(LANG_NEUTRAL) on a neutral resource");
}

/* --- enumeration ---------------------------------------------------------- */

struct seen {
    int count;
    char items[16][32];
};

static void remember(struct seen *s, const char *text)
{
    if (s->count < 16) lstrcpynA(s->items[s->count], text, 32);
    s->count++;
}

static void id_text(char *out, ULONG_PTR id_or_name, int wide)
{
    if (IS_INTRESOURCE(id_or_name))
        wsprintfA(out, "#%u", (unsigned)id_or_name);
    else if (wide)
        WideCharToMultiByte(CP_ACP, 0, (LPCWSTR)id_or_name, -1, out, 32, NULL, NULL);
    else
        lstrcpynA(out, (LPCSTR)id_or_name, 32);
}

static BOOL CALLBACK on_type_w(HMODULE m, LPWSTR type, LONG_PTR param)
{
    char t[32];
    id_text(t, (ULONG_PTR)type, 1);
    remember((struct seen *)param, t);
    return TRUE;
}

static BOOL CALLBACK on_name_w(HMODULE m, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    char t[32];
    id_text(t, (ULONG_PTR)name, 1);
    remember((struct seen *)param, t);
    return TRUE;
}

static BOOL CALLBACK on_name_a(HMODULE m, LPCSTR type, LPSTR name, LONG_PTR param)
{
    char t[32];
    id_text(t, (ULONG_PTR)name, 0);
    remember((struct seen *)param, t);
    return TRUE;
}

static BOOL CALLBACK on_type_a(HMODULE m, LPSTR type, LONG_PTR param)
{
    char t[32];
    id_text(t, (ULONG_PTR)type, 0);
    remember((struct seen *)param, t);
    return TRUE;
}

static BOOL CALLBACK on_lang_w(HMODULE m, LPCWSTR type, LPCWSTR name, WORD lang, LONG_PTR param)
{
    char t[32];
    wsprintfA(t, "%04x", lang);
    remember((struct seen *)param, t);
    return TRUE;
}

static BOOL CALLBACK on_lang_a(HMODULE m, LPCSTR type, LPCSTR name, WORD lang, LONG_PTR param)
{
    return on_lang_w(m, NULL, NULL, lang, param);
}

static BOOL CALLBACK stop_first_name(HMODULE m, LPCWSTR type, LPWSTR name, LONG_PTR param)
{
    ++*(int *)param;
    return FALSE;
}

static void check_seen(const struct seen *s, const char *const *want, int n, const char *what)
{
    char joined[256] = "", expected[256] = "";
    for (int i = 0; i < s->count && i < 16; i++) {
        lstrcatA(joined, i ? "," : "");
        lstrcatA(joined, s->items[i]);
    }
    for (int i = 0; i < n; i++) {
        lstrcatA(expected, i ? "," : "");
        lstrcatA(expected, want[i]);
    }
    tap_str(joined, expected, what);
}

static void enumerate(void)
{
    struct seen s = {0};
    static const char *const types[] = {"MYTYPE", "#3", "#6", "#10", "#14", "#16"};
    tap_int(EnumResourceTypesW(NULL, on_type_w, (LONG_PTR)&s), TRUE, "EnumResourceTypesW succeeds");
    check_seen(&s, types, 6, "types: named first, then ids ascending");
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceTypesA(NULL, on_type_a, (LONG_PTR)&s), TRUE, "EnumResourceTypesA succeeds");
    check_seen(&s, types, 6, "EnumResourceTypesA: the same order");
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceTypesExW(NULL, on_type_w, (LONG_PTR)&s, 0, 0), TRUE, "EnumResourceTypesExW succeeds");
    check_seen(&s, types, 6, "EnumResourceTypesExW: the same order");

    static const char *const names[] = {"PAYLOAD", "#42", "#43"};
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceNamesW(NULL, (LPCWSTR)RT_RCDATA, on_name_w, (LONG_PTR)&s), TRUE, "EnumResourceNamesW");
    check_seen(&s, names, 3, "RT_RCDATA names: named first, then ids");
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceNamesA(NULL, "mytype", on_name_a, (LONG_PTR)&s), TRUE, "EnumResourceNamesA, named type");
    static const char *const custom[] = {"CONFIG", "#7"};
    check_seen(&s, custom, 2, "MYTYPE names");
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceNamesExW(NULL, (LPCWSTR)RT_STRING, on_name_w, (LONG_PTR)&s, 0, 0), TRUE,
            "EnumResourceNamesExW");
    static const char *const blocks[] = {"#1", "#2", "#7"};
    check_seen(&s, blocks, 3, "string table blocks are id / 16 + 1");

    SetLastError(0xdead);
    tap_int(EnumResourceNamesW(NULL, MAKEINTRESOURCEW(99), on_name_w, (LONG_PTR)&s), FALSE,
            "EnumResourceNamesW on an absent type fails");
    tap_int(GetLastError(), ERROR_RESOURCE_TYPE_NOT_FOUND, "... ERROR_RESOURCE_TYPE_NOT_FOUND");

    int calls = 0;
    tap_int(EnumResourceNamesW(NULL, (LPCWSTR)RT_RCDATA, stop_first_name, (LONG_PTR)&calls), FALSE,
            "a callback returning FALSE stops the enumeration, which returns FALSE");
    tap_int(calls, 1, "... after one call");

    static const char *const langs[] = {"0409", "040c"};
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceLanguagesW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(42), on_lang_w, (LONG_PTR)&s), TRUE,
            "EnumResourceLanguagesW");
    check_seen(&s, langs, 2, "languages of RCDATA 42, ascending");
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceLanguagesA(NULL, (LPCSTR)RT_RCDATA, "#42", on_lang_a, (LONG_PTR)&s), TRUE,
            "EnumResourceLanguagesA with \"#42\"");
    check_seen(&s, langs, 2, "... the same languages");
    memset(&s, 0, sizeof s);
    tap_int(EnumResourceLanguagesExW(NULL, (LPCWSTR)RT_STRING, MAKEINTRESOURCEW(1), on_lang_w, (LONG_PTR)&s, 0, 0),
            TRUE, "EnumResourceLanguagesExW");
    static const char *const string_langs[] = {"0407", "0409"};
    check_seen(&s, string_langs, 2, "string block 1 is in German and English");
    SetLastError(0xdead);
    tap_int(EnumResourceLanguagesW(NULL, (LPCWSTR)RT_RCDATA, MAKEINTRESOURCEW(999), on_lang_w, (LONG_PTR)&s), FALSE,
            "EnumResourceLanguagesW on an absent name fails");
    tap_int(GetLastError(), ERROR_RESOURCE_NAME_NOT_FOUND, "... ERROR_RESOURCE_NAME_NOT_FOUND");
}

/* --- data-file modules ----------------------------------------------------- */

static void sibling(WCHAR *out, const WCHAR *file)
{
    GetModuleFileNameW(NULL, out, MAX_PATH);
    WCHAR *slash = out + lstrlenW(out);
    while (slash > out && slash[-1] != '\\' && slash[-1] != '/') slash--;
    lstrcpyW(slash, file);
}

static void data_file_modules(void)
{
    WCHAR path[MAX_PATH], hello[MAX_PATH];
    sibling(path, L"resources_data.dll");
    sibling(hello, L"hello.exe");

    HMODULE data = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_DATAFILE);
    tap_ok(data != NULL, "LoadLibraryExW(LOAD_LIBRARY_AS_DATAFILE) loads the DLL");
    tap_int((ULONG_PTR)data & 3, 1, "a data-file handle has its low bit set");
    tap_int(GetEnvironmentVariableA("RESOURCES_DATA_DLLMAIN", NULL, 0), 0, "no code of a data file runs (DllMain)");
    tap_ok(GetModuleHandleW(L"resources_data.dll") == NULL, "a data file is not a loaded module");
    tap_str(resource_text(data, FindResourceW(data, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA)), "data-dll-rcdata",
            "FindResourceW/LoadResource on a data-file handle");
    tap_int(SizeofResource(data, FindResourceW(data, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA)), 16,
            "SizeofResource on a data-file handle");
    struct seen s = {0};
    static const char *const blob[] = {"BLOB"};
    tap_int(EnumResourceNamesW(data, L"datafile", on_name_w, (LONG_PTR)&s), TRUE, "EnumResourceNamesW on a data file");
    check_seen(&s, blob, 1, "... its named resource");
    tap_int(FreeLibrary(data), TRUE, "FreeLibrary releases a data-file module");

    HMODULE image = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_IMAGE_RESOURCE);
    tap_ok(image != NULL, "LoadLibraryExW(LOAD_LIBRARY_AS_IMAGE_RESOURCE)");
    tap_int((ULONG_PTR)image & 3, 2, "an image-resource handle has bit 1 set");
    tap_str(resource_text(image, FindResourceW(image, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA)), "data-dll-rcdata",
            "FindResourceW on an image-resource handle");
    tap_int(FreeLibrary(image), TRUE, "FreeLibrary releases it");

    HMODULE exclusive = LoadLibraryExW(path, NULL, LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE);
    tap_ok(exclusive != NULL, "LoadLibraryExW(LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE)");
    tap_int((ULONG_PTR)exclusive & 3, 1, "... is a data-file handle");
    tap_ok(FindResourceW(exclusive, L"blob", L"DATAFILE") != NULL, "... whose resources are found");
    tap_int(FreeLibrary(exclusive), TRUE, "... and released");

    HMODULE plain = LoadLibraryExW(hello, NULL, LOAD_LIBRARY_AS_DATAFILE);
    tap_ok(plain != NULL, "a program without resources loads as a data file");
    SetLastError(0xdead);
    tap_ok(FindResourceW(plain, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA) == NULL, "... and has no resources");
    tap_int(GetLastError(), ERROR_RESOURCE_DATA_NOT_FOUND, "... ERROR_RESOURCE_DATA_NOT_FOUND");
    FreeLibrary(plain);

    SetLastError(0xdead);
    tap_ok(LoadLibraryExW(L"no_such_resources.dll", NULL, LOAD_LIBRARY_AS_DATAFILE) == NULL,
           "a missing data file does not load");
    /* A data file is opened as a file, not searched for as a module (Wine agrees). */
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "... ERROR_FILE_NOT_FOUND");

    /* Loaded for real, the DLL runs its DllMain and still serves its resources. */
    HMODULE real = LoadLibraryW(path);
    tap_ok(real != NULL && ((ULONG_PTR)real & 3) == 0, "LoadLibraryW gives a plain module handle");
    tap_ok(GetEnvironmentVariableA("RESOURCES_DATA_DLLMAIN", NULL, 0) != 0, "... and runs DllMain");
    tap_str(resource_text(real, FindResourceW(real, MAKEINTRESOURCEW(1), (LPCWSTR)RT_RCDATA)), "data-dll-rcdata",
            "FindResourceW on the loaded DLL");
    FreeLibrary(real);
}

int main(void)
{
    find_by_ids_and_names();
    find_errors();
    find_languages();
    enumerate();
    data_file_modules();
    return tap_done();
}

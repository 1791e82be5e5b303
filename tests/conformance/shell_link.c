/* COM activation (combase/ole32) and shell32's ShellLink: the way installers create shortcuts.
 * CoCreateInstance(CLSID_ShellLink), every IShellLinkW field set, saved with IPersistFile,
 * loaded into a new object and read back; the saved file's header checked against
 * [MS-SHLLINK]; and the errors Windows gives. With an argument, the shortcut is also written
 * to that path and kept (tests/cli parses it on the host). */
#define COBJMACROS
#include <windows.h>
#include <objbase.h>
#include <shlobj.h>
#include <shlguid.h>
#include <stdio.h>
#include <wchar.h>

#include "tap.h"

static const CLSID kUnknownClsid = {0x5111c0de, 0x1234, 0x5678, {0x9a, 0xbc, 0xde, 0xf0, 0x12, 0x34, 0x56, 0x78}};

static DWORD u32_at(const unsigned char *b, size_t at)
{
    return b[at] | b[at + 1] << 8 | b[at + 2] << 16 | (DWORD)b[at + 3] << 24;
}

static IShellLinkW *new_link(void)
{
    IShellLinkW *link = NULL;
    HRESULT hr = CoCreateInstance(&CLSID_ShellLink, NULL, CLSCTX_INPROC_SERVER, &IID_IShellLinkW, (void **)&link);
    return SUCCEEDED(hr) ? link : NULL;
}

static void check_activation_errors(void)
{
    void *out = (void *)1;
    tap_int(CoCreateInstance(&CLSID_ShellLink, NULL, CLSCTX_INPROC_SERVER, &IID_IShellLinkW, &out),
            CO_E_NOTINITIALIZED, "CoCreateInstance before CoInitialize: CO_E_NOTINITIALIZED");
    tap_ok(out == NULL, "and *ppv is NULL");

    tap_int(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_OK, "CoInitializeEx(STA)");
    tap_int(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_FALSE, "again: S_FALSE");
    tap_int(CoInitializeEx(NULL, COINIT_MULTITHREADED), RPC_E_CHANGED_MODE, "another mode: RPC_E_CHANGED_MODE");
    tap_int(CoInitialize(NULL), S_FALSE, "CoInitialize in the same apartment: S_FALSE");
    /* Every success, S_FALSE included, is balanced by a CoUninitialize. */
    CoUninitialize();
    CoUninitialize();
    CoUninitialize();
}

static void check_unregistered_class(void)
{
    void *out = (void *)1;
    tap_int(CoCreateInstance(&kUnknownClsid, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &out), REGDB_E_CLASSNOTREG,
            "an unregistered CLSID: REGDB_E_CLASSNOTREG");
    tap_ok(out == NULL, "and *ppv is NULL");
    out = (void *)1;
    tap_int(CoGetClassObject(&kUnknownClsid, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &out),
            REGDB_E_CLASSNOTREG, "CoGetClassObject of it too");
    tap_ok(out == NULL, "and *ppv is NULL");
}

static void check_guid_strings(void)
{
    WCHAR text[40];
    CLSID clsid;
    tap_int(StringFromGUID2(&CLSID_ShellLink, text, 40), 39, "StringFromGUID2 counts the NUL");
    tap_wstr(text, L"{00021401-0000-0000-C000-000000000046}", "in braces, upper case");
    tap_int(StringFromGUID2(&CLSID_ShellLink, text, 38), 0, "a buffer one short: 0");
    tap_int(CLSIDFromString(L"{00021401-0000-0000-c000-000000000046}", &clsid), S_OK, "CLSIDFromString");
    tap_ok(IsEqualCLSID(&clsid, &CLSID_ShellLink), "reads lower case hex");
    tap_int(CLSIDFromString(L"{00021401-0000-0000-C000-00000000004}", &clsid), CO_E_CLASSSTRING,
            "a short GUID: CO_E_CLASSSTRING");
    tap_int(IIDFromString(L"{000214F9-0000-0000-C000-000000000046}", &clsid), S_OK, "IIDFromString");
    tap_ok(IsEqualIID(&clsid, &IID_IShellLinkW), "gives IID_IShellLinkW");
    LPOLESTR owned = NULL;
    tap_int(StringFromCLSID(&CLSID_ShellLink, &owned), S_OK, "StringFromCLSID");
    tap_ok(owned && wcscmp(owned, L"{00021401-0000-0000-C000-000000000046}") == 0, "allocates the same text");
    CoTaskMemFree(owned);
}

static void check_interfaces(IShellLinkW *link)
{
    void *out = (void *)1;
    tap_int(IShellLinkW_QueryInterface(link, &IID_IDispatch, &out), E_NOINTERFACE,
            "QueryInterface(IDispatch): E_NOINTERFACE");
    tap_ok(out == NULL, "and *ppv is NULL");
    IUnknown *unknown = NULL, *unknown2 = NULL;
    IPersistFile *file = NULL;
    tap_int(IShellLinkW_QueryInterface(link, &IID_IUnknown, (void **)&unknown), S_OK, "QueryInterface(IUnknown)");
    tap_int(IShellLinkW_QueryInterface(link, &IID_IPersistFile, (void **)&file), S_OK, "QueryInterface(IPersistFile)");
    tap_int(IPersistFile_QueryInterface(file, &IID_IUnknown, (void **)&unknown2), S_OK, "IUnknown from IPersistFile");
    tap_ok(unknown == unknown2, "the same IUnknown from every interface (COM identity)");
    CLSID clsid;
    tap_ok(IPersistFile_GetClassID(file, &clsid) == S_OK && IsEqualCLSID(&clsid, &CLSID_ShellLink),
           "GetClassID is CLSID_ShellLink");
    IUnknown_Release(unknown2);
    IUnknown_Release(unknown);
    IPersistFile_Release(file);
    tap_int(IShellLinkW_AddRef(link), 2, "one reference left after the others' releases (AddRef gives 2)");
    tap_int(IShellLinkW_Release(link), 1, "Release gives 1");

    MULTI_QI qi[3] = {{&IID_IShellLinkW, NULL, 0}, {&IID_IPersistFile, NULL, 0}, {&IID_IDispatch, NULL, 0}};
    tap_int(CoCreateInstanceEx(&CLSID_ShellLink, NULL, CLSCTX_INPROC_SERVER, NULL, 3, qi), CO_S_NOTALLINTERFACES,
            "CoCreateInstanceEx with one unsupported IID: CO_S_NOTALLINTERFACES");
    tap_ok(qi[0].hr == S_OK && qi[0].pItf && qi[1].hr == S_OK && qi[1].pItf, "the supported ones are returned");
    tap_ok(qi[2].hr == E_NOINTERFACE && qi[2].pItf == NULL, "the unsupported one: E_NOINTERFACE");
    if (qi[0].pItf) IUnknown_Release(qi[0].pItf);
    if (qi[1].pItf) IUnknown_Release(qi[1].pItf);
}

int main(int argc, char **argv)
{
    check_activation_errors();
    tap_int(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_OK, "CoInitializeEx for the rest");
    check_unregistered_class();
    check_guid_strings();

    IShellLinkW *link = new_link();
    tap_ok(link != NULL, "CoCreateInstance(CLSID_ShellLink, IID_IShellLinkW)");
    if (!link) return tap_done();
    check_interfaces(link);

    WCHAR temp[MAX_PATH], target[MAX_PATH], lnk[MAX_PATH], workdir[MAX_PATH], buf[MAX_PATH];
    GetTempPathW(MAX_PATH, temp);
    swprintf(workdir, MAX_PATH, L"%lssill_lnk_dir", temp);
    CreateDirectoryW(workdir, NULL);
    swprintf(target, MAX_PATH, L"%ls\\target.exe", workdir);
    swprintf(lnk, MAX_PATH, L"%ls\\shortcut.lnk", workdir);
    HANDLE h = CreateFileW(target, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    DWORD written = 0;
    WriteFile(h, "MZ-target", 9, &written, NULL);
    CloseHandle(h);

    IPersistFile *file = NULL;
    IShellLinkW_QueryInterface(link, &IID_IPersistFile, (void **)&file);
    tap_int(IPersistFile_IsDirty(file), S_FALSE, "a new link is not dirty");
    tap_int(IShellLinkW_GetPath(link, buf, MAX_PATH, NULL, 0), S_FALSE, "GetPath of an empty link: S_FALSE");
    tap_wstr(buf, L"", "and an empty path");

    tap_int(IShellLinkW_SetPath(link, target), S_OK, "SetPath of an existing file");
    tap_int(IPersistFile_IsDirty(file), S_OK, "now dirty");
    tap_int(IShellLinkW_SetArguments(link, L"-windowed \"two words\""), S_OK, "SetArguments");
    tap_int(IShellLinkW_SetWorkingDirectory(link, workdir), S_OK, "SetWorkingDirectory");
    tap_int(IShellLinkW_SetDescription(link, L"Sill test shortcut \x00e9"), S_OK, "SetDescription");
    tap_int(IShellLinkW_SetIconLocation(link, L"C:\\windows\\system32\\shell32.dll", 3), S_OK, "SetIconLocation");
    tap_int(IShellLinkW_SetShowCmd(link, SW_SHOWMAXIMIZED), S_OK, "SetShowCmd");
    int show = -1;
    tap_ok(IShellLinkW_GetShowCmd(link, &show) == S_OK && show == SW_SHOWMAXIMIZED, "GetShowCmd");
    tap_int(IShellLinkW_SetHotkey(link, MAKEWORD('L', HOTKEYF_CONTROL | HOTKEYF_ALT)), S_OK, "SetHotkey");
    /* No SetRelativePath: Wine 8 then writes the RELATIVE_PATH string without setting
     * HasRelativePath, and every later string is read back one field off. */

    tap_int(IPersistFile_Save(file, lnk, TRUE), S_OK, "IPersistFile::Save(fRemember)");
    tap_int(IPersistFile_IsDirty(file), S_FALSE, "saved: not dirty");
    LPOLESTR current = NULL;
    tap_int(IPersistFile_GetCurFile(file, &current), S_OK, "GetCurFile");
    tap_ok(current && _wcsicmp(current, lnk) == 0, "is the saved file");
    CoTaskMemFree(current);
    if (argc > 1) {
        WCHAR kept[MAX_PATH];
        MultiByteToWideChar(CP_ACP, 0, argv[1], -1, kept, MAX_PATH);
        tap_int(IPersistFile_Save(file, kept, FALSE), S_OK, "Save(!fRemember) to the path asked for");
    }
    IPersistFile_Release(file);
    IShellLinkW_Release(link);

    /* The file, as [MS-SHLLINK] lays it out. */
    unsigned char bytes[4096];
    DWORD size = 0;
    h = CreateFileW(lnk, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    ReadFile(h, bytes, sizeof bytes, &size, NULL);
    CloseHandle(h);
    tap_ok(size > 0x4C, "the saved file is longer than its header");
    tap_int(u32_at(bytes, 0), 0x4C, "HeaderSize is 0x4C");
    tap_ok(memcmp(bytes + 4, &CLSID_ShellLink, 16) == 0, "LinkCLSID is CLSID_ShellLink");
    DWORD flags = u32_at(bytes, 0x14);
    tap_int(flags & 0x1, 0x1, "HasLinkTargetIDList");
    tap_int(flags & 0xFC, 0xF4, "HasName, HasWorkingDir, HasArguments, HasIconLocation, IsUnicode");
    tap_int(u32_at(bytes, 0x38), 3, "IconIndex");
    tap_int(u32_at(bytes, 0x3C), SW_SHOWMAXIMIZED, "ShowCommand");
    tap_int(bytes[0x40] | bytes[0x41] << 8, MAKEWORD('L', HOTKEYF_CONTROL | HOTKEYF_ALT), "HotKey");

    /* Loaded into a new object, every field reads back. */
    link = new_link();
    IShellLinkW_QueryInterface(link, &IID_IPersistFile, (void **)&file);
    tap_int(IPersistFile_Load(file, lnk, STGM_READ), S_OK, "IPersistFile::Load");
    tap_int(IPersistFile_IsDirty(file), S_FALSE, "a loaded link is not dirty");
    WIN32_FIND_DATAW fd;
    memset(&fd, 0xCC, sizeof fd);
    tap_int(IShellLinkW_GetPath(link, buf, MAX_PATH, &fd, SLGP_UNCPRIORITY), S_OK, "GetPath");
    tap_ok(_wcsicmp(buf, target) == 0, "is the target");
    tap_wstr(fd.cFileName, L"target.exe", "WIN32_FIND_DATA names it");
    tap_int(fd.nFileSizeLow, 9, "with its size");
    tap_ok(!(fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY), "and file attributes");
    tap_int(IShellLinkW_GetPath(link, buf, MAX_PATH, NULL, SLGP_RAWPATH), S_OK, "GetPath(SLGP_RAWPATH)");
    tap_ok(_wcsicmp(buf, target) == 0, "is the target too");
    tap_int(IShellLinkW_GetPath(link, buf, 4, NULL, 0), S_OK, "GetPath into 4 characters");
    tap_ok(wcslen(buf) == 3, "is truncated and terminated");
    IShellLinkW_GetArguments(link, buf, MAX_PATH);
    tap_wstr(buf, L"-windowed \"two words\"", "GetArguments");
    IShellLinkW_GetWorkingDirectory(link, buf, MAX_PATH);
    tap_ok(_wcsicmp(buf, workdir) == 0, "GetWorkingDirectory");
    IShellLinkW_GetDescription(link, buf, MAX_PATH);
    tap_wstr(buf, L"Sill test shortcut \x00e9", "GetDescription");
    int icon = -1;
    IShellLinkW_GetIconLocation(link, buf, MAX_PATH, &icon);
    tap_ok(_wcsicmp(buf, L"C:\\windows\\system32\\shell32.dll") == 0, "GetIconLocation's path");
    tap_int(icon, 3, "and index");
    /* GetShowCmd is checked before Save (and ShowCommand in the file): Wine 8 reads it back
     * as SW_SHOWNORMAL after Load. */
    WORD hotkey = 0;
    IShellLinkW_GetHotkey(link, &hotkey);
    tap_int(hotkey, MAKEWORD('L', HOTKEYF_CONTROL | HOTKEYF_ALT), "GetHotkey");

    PIDLIST_ABSOLUTE pidl = NULL;
    tap_int(IShellLinkW_GetIDList(link, &pidl), S_OK, "GetIDList");
    tap_ok(pidl && SHGetPathFromIDListW(pidl, buf) && _wcsicmp(buf, target) == 0, "names the target");
    ILFree(pidl);
    tap_int(IShellLinkW_Resolve(link, NULL, SLR_NO_UI), S_OK, "Resolve of an existing target");

    IShellLinkA *link_a = NULL;
    char abuf[MAX_PATH];
    tap_int(IShellLinkW_QueryInterface(link, &IID_IShellLinkA, (void **)&link_a), S_OK, "QueryInterface(IShellLinkA)");
    IShellLinkA_GetArguments(link_a, abuf, MAX_PATH);
    tap_str(abuf, "-windowed \"two words\"", "IShellLinkA::GetArguments");
    tap_int(IShellLinkA_SetDescription(link_a, "ANSI description"), S_OK, "IShellLinkA::SetDescription");
    IShellLinkW_GetDescription(link, buf, MAX_PATH);
    tap_wstr(buf, L"ANSI description", "is seen through IShellLinkW");
    tap_int(IPersistFile_IsDirty(file), S_OK, "and makes the link dirty");
    IShellLinkA_Release(link_a);

    WCHAR missing[MAX_PATH];
    swprintf(missing, MAX_PATH, L"%ls\\no such.lnk", workdir);
    tap_ok(FAILED(IPersistFile_Load(file, missing, STGM_READ)), "Load of a missing file fails");
    IPersistFile_Release(file);
    tap_int(IShellLinkW_Release(link), 0, "the last Release frees the object");

    link = new_link();
    swprintf(missing, MAX_PATH, L"%ls\\missing.exe", workdir);
    tap_int(IShellLinkW_SetPath(link, missing), S_FALSE, "SetPath of a missing file: S_FALSE");
    tap_int(IShellLinkW_GetPath(link, buf, MAX_PATH, NULL, 0), S_OK, "its path is kept");
    tap_ok(_wcsicmp(buf, missing) == 0, "as given");
    IShellLinkW_Release(link);

    DeleteFileW(lnk);
    DeleteFileW(target);
    RemoveDirectoryW(workdir);
    CoUninitialize();
    return tap_done();
}

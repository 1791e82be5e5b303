/* What an installer does for the desktop (desktop_test.py drives it):
 *   installer_like.exe install ICON.ico TARGET.exe
 *                                         writes "Sill Test App.lnk" (its bytes, [MS-SHLLINK])
 *                                         into the common Start Menu's "Sill Test" folder, pointing
 *                                         at this program with arguments, a working folder, a
 *                                         description and ICON.ico, and registers .sillx
 *                                         (HKLM\Software\Classes, ProgID SillTest.Document, open
 *                                         command "<this program>" "%1") and .sillt (HKCU, Content
 *                                         Type text/plain, ProgID SillTest.Text); then, through
 *                                         IShellLinkW and IPersistFile::Save, "Sill Test COM.lnk" in
 *                                         the user's Start Menu (CSIDL_PROGRAMS), pointing at TARGET.exe
 *   installer_like.exe remove             deletes the shortcut with DeleteFileW
 *   installer_like.exe DOCUMENT           what the open command runs: prints "opened DOCUMENT"
 * Every step checks its result and prints TAP lines, so it passes on Windows as well. */
#define COBJMACROS
#include <windows.h>
#include <shlobj.h>
#include <shobjidl.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static int failures, tests;

static void ok(int cond, const char *what)
{
    ++tests;
    if (!cond) ++failures;
    printf("%s %d - %s\n", cond ? "ok" : "not ok", tests, what);
}

#define START_MENU L"C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs"
#define FOLDER START_MENU L"\\Sill Test"
#define LINK FOLDER L"\\Sill Test App.lnk"

static unsigned char buf[4096];
static size_t len;

static void put(const void *p, size_t n) { memcpy(buf + len, p, n); len += n; }
static void put32(DWORD v) { put(&v, 4); }
static void put16(WORD v) { put(&v, 2); }
static void put_string(const char *s) /* StringData: a count of UTF-16 units, then the units */
{
    WCHAR w[MAX_PATH];
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, w, MAX_PATH) - 1;
    put16((WORD)n);
    put(w, (size_t)n * 2);
}

/* A shortcut with LinkInfo (the target as LocalBasePath), and the description, working
 * folder, arguments and icon location as StringData. */
static void build_link(const char *target, const char *dir, const char *icon)
{
    static const unsigned char clsid[16] = {0x01, 0x14, 0x02, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0x46};
    DWORD flags = 0x2 /* HasLinkInfo */ | 0x4 /* HasName */ | 0x10 /* HasWorkingDir */ |
                  0x20 /* HasArguments */ | 0x40 /* HasIconLocation */ | 0x80 /* IsUnicode */;
    len = 0;
    put32(0x4C);
    put(clsid, 16);
    put32(flags);
    put32(FILE_ATTRIBUTE_ARCHIVE);
    for (int i = 0; i < 6; ++i) put32(0); /* creation, access, write times */
    put32(0);                             /* file size */
    put32(0);                             /* icon index */
    put32(SW_SHOWNORMAL);
    put16(0);                             /* hotkey */
    put16(0); put32(0); put32(0);         /* reserved */

    DWORD volume_size = 16 + 1, base = (DWORD)strlen(target) + 1;
    DWORD header = 0x1C, volume_at = header, base_at = volume_at + volume_size, suffix_at = base_at + base;
    put32(suffix_at + 1); /* LinkInfoSize */
    put32(header);
    put32(1);             /* VolumeIDAndLocalBasePath */
    put32(volume_at);
    put32(base_at);
    put32(0);             /* no network path */
    put32(suffix_at);
    put32(volume_size);
    put32(DRIVE_FIXED);
    put32(0x12345678);    /* serial */
    put32(0x10);          /* label offset: an empty label follows */
    put("", 1);
    put(target, base);
    put("", 1);           /* common path suffix */

    put_string("A test program for Sill's menu entries");
    put_string(dir);
    put_string("--mode \"two words\" 100%");
    put_string(icon);
    put32(0);             /* no extra data */
}

static LONG set_sz(HKEY root, const wchar_t *path, const wchar_t *name, const wchar_t *value)
{
    HKEY k;
    LONG r = RegCreateKeyExW(root, path, 0, NULL, 0, KEY_ALL_ACCESS, NULL, &k, NULL);
    if (r) return r;
    r = RegSetValueExW(k, name, 0, REG_SZ, (const BYTE *)value, (DWORD)(wcslen(value) + 1) * 2);
    RegCloseKey(k);
    return r;
}

/* The COM way: CoCreateInstance(CLSID_ShellLink), IShellLinkW setters, IPersistFile::Save. */
static void save_with_shell_link(const char *target)
{
    wchar_t folder[MAX_PATH], path[MAX_PATH], wtarget[MAX_PATH];
    ok(SUCCEEDED(SHGetFolderPathW(NULL, CSIDL_PROGRAMS | CSIDL_FLAG_CREATE, NULL, 0, folder)),
       "SHGetFolderPathW(CSIDL_PROGRAMS)");
    swprintf(path, MAX_PATH, L"%ls\\Sill Test COM.lnk", folder);
    MultiByteToWideChar(CP_ACP, 0, target, -1, wtarget, MAX_PATH);
    ok(SUCCEEDED(CoInitialize(NULL)), "CoInitialize");
    IShellLinkW *link = NULL;
    IPersistFile *file = NULL;
    ok(SUCCEEDED(CoCreateInstance(&CLSID_ShellLink, NULL, CLSCTX_INPROC_SERVER, &IID_IShellLinkW, (void **)&link)),
       "CoCreateInstance(CLSID_ShellLink)");
    if (!link) return;
    ok(SUCCEEDED(IShellLinkW_SetPath(link, wtarget)), "IShellLinkW::SetPath");
    ok(SUCCEEDED(IShellLinkW_SetArguments(link, L"--from-com")), "IShellLinkW::SetArguments");
    ok(SUCCEEDED(IShellLinkW_SetDescription(link, L"Saved through IShellLinkW")), "IShellLinkW::SetDescription");
    ok(SUCCEEDED(IShellLinkW_QueryInterface(link, &IID_IPersistFile, (void **)&file)), "IPersistFile");
    if (file) {
        ok(SUCCEEDED(IPersistFile_Save(file, path, TRUE)), "IPersistFile::Save");
        IPersistFile_Release(file);
    }
    IShellLinkW_Release(link);
    CoUninitialize();
}

static int install(const char *icon, const char *com_target)
{
    char self[MAX_PATH], dir[MAX_PATH];
    ok(GetModuleFileNameA(NULL, self, MAX_PATH) > 0, "GetModuleFileNameA");
    strcpy(dir, self);
    *strrchr(dir, '\\') = 0;
    /* Installers make the folders they need, one level at a time. */
    const wchar_t *folders[] = {L"C:\\ProgramData\\Microsoft", L"C:\\ProgramData\\Microsoft\\Windows",
                                L"C:\\ProgramData\\Microsoft\\Windows\\Start Menu", START_MENU, FOLDER};
    for (int i = 0; i < 5; ++i)
        if (!CreateDirectoryW(folders[i], NULL) && GetLastError() != ERROR_ALREADY_EXISTS)
            ok(0, "CreateDirectoryW");
    build_link(self, dir, icon);
    HANDLE h = CreateFileW(LINK, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    ok(h != INVALID_HANDLE_VALUE, "CreateFileW on the shortcut");
    DWORD done = 0;
    ok(WriteFile(h, buf, (DWORD)len, &done, NULL) && done == len, "WriteFile writes the whole shortcut");
    ok(CloseHandle(h), "CloseHandle");

    wchar_t command[MAX_PATH + 16];
    swprintf(command, MAX_PATH + 16, L"\"%hs\" \"%%1\"", self);
    ok(!set_sz(HKEY_LOCAL_MACHINE, L"Software\\Classes\\.sillx", L"", L"SillTest.Document"), ".sillx -> ProgID");
    ok(!set_sz(HKEY_LOCAL_MACHINE, L"Software\\Classes\\SillTest.Document", L"", L"Sill Test Document"), "ProgID name");
    ok(!set_sz(HKEY_LOCAL_MACHINE, L"Software\\Classes\\SillTest.Document\\shell\\open\\command", L"", command),
       "open command");
    ok(!set_sz(HKEY_CURRENT_USER, L"Software\\Classes\\.sillt", L"", L"SillTest.Text"), ".sillt -> ProgID");
    ok(!set_sz(HKEY_CURRENT_USER, L"Software\\Classes\\.sillt", L"Content Type", L"text/plain"), ".sillt type");
    ok(!set_sz(HKEY_CURRENT_USER, L"Software\\Classes\\SillTest.Text\\shell\\open\\command", L"", command),
       "text open command");
    save_with_shell_link(com_target);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "install")) {
        install(argv[2], argv[3]);
    } else if (argc == 2 && !strcmp(argv[1], "remove")) {
        ok(DeleteFileW(LINK), "DeleteFileW on the shortcut");
        ok(GetFileAttributesW(LINK) == INVALID_FILE_ATTRIBUTES, "the shortcut is gone");
    } else if (argc == 2) {
        printf("opened %s\n", argv[1]);
        return 0;
    } else {
        fprintf(stderr, "usage: installer_like.exe install ICON.ico TARGET.exe | remove | DOCUMENT\n");
        return 2;
    }
    printf("1..%d\n", tests);
    return failures ? 1 : 0;
}

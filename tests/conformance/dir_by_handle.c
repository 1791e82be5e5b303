/* Directory listings through a directory handle, as Go's os.ReadDir reads them:
 * GetFileInformationByHandleEx with the FileFullDirectoryInfo / FileIdBothDirectoryInfo classes
 * (and their Restart forms), small buffers that take one entry at a time, the end of the listing,
 * and GetVolumeInformationByHandleW. */
#include <windows.h>

#include "tap.h"

static wchar_t g_dir[MAX_PATH];

static void make_tree(void)
{
    wchar_t tmp[MAX_PATH], path[MAX_PATH];
    GetTempPathW(MAX_PATH, tmp);
    _snwprintf(g_dir, MAX_PATH, L"%ssill_dirh_%lu", tmp, GetCurrentProcessId());
    CreateDirectoryW(g_dir, NULL);
    _snwprintf(path, MAX_PATH, L"%s\\alpha.txt", g_dir);
    HANDLE f = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written;
    WriteFile(f, "12345", 5, &written, NULL);
    CloseHandle(f);
    _snwprintf(path, MAX_PATH, L"%s\\beta.bin", g_dir);
    f = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(f);
    _snwprintf(path, MAX_PATH, L"%s\\sub", g_dir);
    CreateDirectoryW(path, NULL);
}

static void remove_tree(void)
{
    wchar_t path[MAX_PATH];
    _snwprintf(path, MAX_PATH, L"%s\\alpha.txt", g_dir);
    DeleteFileW(path);
    _snwprintf(path, MAX_PATH, L"%s\\beta.bin", g_dir);
    DeleteFileW(path);
    _snwprintf(path, MAX_PATH, L"%s\\sub", g_dir);
    RemoveDirectoryW(path);
    RemoveDirectoryW(g_dir);
}

static HANDLE open_dir(void)
{
    return CreateFileW(g_dir, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                       OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
}

struct seen {
    int alpha, beta, sub, dots, other;
    LONGLONG alpha_size;
    DWORD sub_attributes;
    LONGLONG alpha_id;
};

static int name_is(const WCHAR *name, DWORD bytes, const WCHAR *want)
{
    return bytes == lstrlenW(want) * sizeof(WCHAR) && memcmp(name, want, bytes) == 0;
}

/* Counts the entries of one buffer; returns how many. */
static int collect(const BYTE *buf, int id_both, struct seen *s)
{
    int n = 0;
    for (;;) {
        const FILE_FULL_DIR_INFO *full = (const FILE_FULL_DIR_INFO *)buf;
        const FILE_ID_BOTH_DIR_INFO *both = (const FILE_ID_BOTH_DIR_INFO *)buf;
        const WCHAR *name = id_both ? both->FileName : full->FileName;
        DWORD bytes = id_both ? both->FileNameLength : full->FileNameLength;
        ++n;
        if (name_is(name, bytes, L"alpha.txt")) {
            s->alpha++;
            s->alpha_size = id_both ? both->EndOfFile.QuadPart : full->EndOfFile.QuadPart;
            if (id_both) s->alpha_id = both->FileId.QuadPart;
        } else if (name_is(name, bytes, L"beta.bin")) {
            s->beta++;
        } else if (name_is(name, bytes, L"sub")) {
            s->sub++;
            s->sub_attributes = id_both ? both->FileAttributes : full->FileAttributes;
        } else if (name_is(name, bytes, L".") || name_is(name, bytes, L"..")) {
            s->dots++;
        } else {
            s->other++;
        }
        DWORD next = full->NextEntryOffset;
        if (!next) return n;
        buf += next;
    }
}

static void test_full_listing(void)
{
    static BYTE buf[64 * 1024];
    struct seen s = {0};
    HANDLE d = open_dir();
    tap_ok(d != INVALID_HANDLE_VALUE, "CreateFileW opens the directory with FILE_FLAG_BACKUP_SEMANTICS");
    tap_ok(GetFileInformationByHandleEx(d, FileFullDirectoryInfo, buf, sizeof buf),
           "FileFullDirectoryInfo lists the directory");
    while (collect(buf, 0, &s) && GetFileInformationByHandleEx(d, FileFullDirectoryInfo, buf, sizeof buf)) {
    }
    tap_int(GetLastError(), ERROR_NO_MORE_FILES, "the listing ends with ERROR_NO_MORE_FILES");
    tap_ok(s.alpha == 1 && s.beta == 1 && s.sub == 1, "each entry comes once");
    tap_int(s.other, 0, "no other entries");
    tap_int(s.alpha_size, 5, "EndOfFile is the file's size");
    tap_ok(s.sub_attributes & FILE_ATTRIBUTE_DIRECTORY, "a subdirectory has FILE_ATTRIBUTE_DIRECTORY");
    SetLastError(0);
    tap_ok(!GetFileInformationByHandleEx(d, FileFullDirectoryInfo, buf, sizeof buf) &&
               GetLastError() == ERROR_NO_MORE_FILES,
           "asking again at the end still gives ERROR_NO_MORE_FILES");

    struct seen again = {0};
    tap_ok(GetFileInformationByHandleEx(d, FileFullDirectoryRestartInfo, buf, sizeof buf),
           "FileFullDirectoryRestartInfo starts over");
    collect(buf, 0, &again);
    tap_ok(again.alpha == 1 && again.beta == 1 && again.sub == 1, "...and lists every entry again");
    CloseHandle(d);
}

static void test_small_buffer(void)
{
    /* Room for one entry with a short name, not two. */
    BYTE buf[sizeof(FILE_ID_BOTH_DIR_INFO) + 32];
    struct seen s = {0};
    int calls = 0, entries = 0;
    HANDLE d = open_dir();
    while (GetFileInformationByHandleEx(d, FileIdBothDirectoryInfo, buf, sizeof buf)) {
        ++calls;
        entries += collect(buf, 1, &s);
        if (calls > 100) break;
    }
    tap_int(GetLastError(), ERROR_NO_MORE_FILES, "one entry at a time, to ERROR_NO_MORE_FILES");
    tap_int(calls, entries, "a buffer with room for one entry gets one per call");
    tap_ok(s.alpha == 1 && s.beta == 1 && s.sub == 1 && s.other == 0, "no entry is lost or repeated");
    tap_ok(s.alpha_id != 0, "FileIdBothDirectoryInfo gives a file id");
    CloseHandle(d);
}

static void test_volume_by_handle(void)
{
    HANDLE d = open_dir();
    DWORD serial = 0, flags = 0, max_component = 0;
    WCHAR fs[MAX_PATH + 1];
    tap_ok(GetVolumeInformationByHandleW(d, NULL, 0, &serial, &max_component, &flags, fs, MAX_PATH + 1),
           "GetVolumeInformationByHandleW on a directory handle");
    BY_HANDLE_FILE_INFORMATION info;
    GetFileInformationByHandle(d, &info);
    tap_int(serial, info.dwVolumeSerialNumber, "its serial is the one GetFileInformationByHandle reports");
    tap_ok(max_component >= 255, "file names may have 255 characters");
    tap_ok(fs[0] != 0, "a file system name");
    CloseHandle(d);
    SetLastError(0);
    tap_ok(!GetVolumeInformationByHandleW(NULL, NULL, 0, &serial, NULL, NULL, NULL, 0),
           "GetVolumeInformationByHandleW(NULL) fails");
}

int main(void)
{
    make_tree();
    test_full_listing();
    test_small_buffer();
    test_volume_by_handle();
    remove_tree();
    return tap_done();
}

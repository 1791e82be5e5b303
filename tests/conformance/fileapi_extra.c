/* The rest of fileapi.h, in a fresh folder under GetTempPath: byte-range locks
 * between handles (shared vs exclusive, ERROR_LOCK_VIOLATION, ERROR_NOT_LOCKED),
 * GetTempFileName, disk free space, volume information, CopyFileEx,
 * ReplaceFile and GetFileInformationByHandleEx.
 * Wine differs from Windows in three places checked here, where this program follows Microsoft's
 * documentation: unlocking a range that is not locked gives ERROR_LOCK_VIOLATION under Wine (Windows:
 * STATUS_RANGE_NOT_LOCKED, ERROR_NOT_LOCKED); GetTempFileName with a path longer than MAX_PATH-14 gives
 * ERROR_FILENAME_EXCED_RANGE (documented: ERROR_BUFFER_OVERFLOW); Wine's C: volume does not report
 * FILE_UNICODE_ON_DISK (NTFS does). */
#include <string.h>
#include <windows.h>

#include "tap.h"

static char folder[MAX_PATH];

static const char *path_of(const char *name)
{
    static char paths[4][MAX_PATH * 2];
    static int next;
    char *p = paths[next++ & 3];
    snprintf(p, MAX_PATH * 2, "%s\\%s", folder, name);
    return p;
}

static void write_file(const char *name, const char *text)
{
    HANDLE h = CreateFileA(path_of(name), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD n;
    WriteFile(h, text, (DWORD)strlen(text), &n, NULL);
    CloseHandle(h);
}

static int file_is(const char *name, const char *text)
{
    char buf[64] = {0};
    DWORD n = 0;
    HANDLE h = CreateFileA(path_of(name), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return 0;
    ReadFile(h, buf, sizeof buf - 1, &n, NULL);
    CloseHandle(h);
    return strcmp(buf, text) == 0;
}

static HANDLE waiter_handle;
static volatile LONG waiter_state;

static DWORD WINAPI waiter(void *arg)
{
    OVERLAPPED ov = {0};
    (void)arg;
    ov.Offset = 200;
    BOOL ok = LockFileEx(waiter_handle, LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, &ov);
    InterlockedExchange(&waiter_state, ok ? 1 : 2);
    if (ok) UnlockFileEx(waiter_handle, 0, 1, 0, &ov);
    return 0;
}

static void locks(void)
{
    write_file("lock.bin", "0123456789abcdef");
    HANDLE a = CreateFileA(path_of("lock.bin"), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                           NULL, OPEN_EXISTING, 0, NULL);
    HANDLE b = CreateFileA(path_of("lock.bin"), GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                           NULL, OPEN_EXISTING, 0, NULL);
    tap_ok(a != INVALID_HANDLE_VALUE && b != INVALID_HANDLE_VALUE, "two handles on one file");

    OVERLAPPED ov = {0};
    tap_ok(LockFileEx(a, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 4, 0, &ov),
           "LockFileEx exclusive [0,4) on handle A");
    SetLastError(0);
    ov.Offset = 2;
    tap_ok(!LockFileEx(b, LOCKFILE_FAIL_IMMEDIATELY, 0, 4, 0, &ov), "a shared lock over it from handle B fails");
    tap_int(GetLastError(), ERROR_LOCK_VIOLATION, "...with ERROR_LOCK_VIOLATION");
    ov.Offset = 4;
    tap_ok(LockFileEx(b, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 4, 0, &ov),
           "handle B locks the adjacent range [4,8)");
    SetLastError(0);
    tap_ok(!LockFile(a, 6, 0, 1, 0), "LockFile inside B's range from A fails");
    tap_int(GetLastError(), ERROR_LOCK_VIOLATION, "...with ERROR_LOCK_VIOLATION");

    SetLastError(0);
    ov.Offset = 0;
    tap_ok(!UnlockFileEx(a, 0, 2, 0, &ov), "unlocking part of a locked range fails");
    tap_int(GetLastError(), ERROR_NOT_LOCKED, "...with ERROR_NOT_LOCKED");
    SetLastError(0);
    tap_ok(!UnlockFile(a, 4, 0, 4, 0), "unlocking another handle's range fails");
    tap_int(GetLastError(), ERROR_NOT_LOCKED, "...with ERROR_NOT_LOCKED");
    tap_ok(UnlockFileEx(a, 0, 4, 0, &ov), "UnlockFileEx of the exact range");
    SetLastError(0);
    tap_ok(!UnlockFileEx(a, 0, 4, 0, &ov), "a second unlock of it fails");
    tap_int(GetLastError(), ERROR_NOT_LOCKED, "...with ERROR_NOT_LOCKED");
    tap_ok(UnlockFile(b, 4, 0, 4, 0), "UnlockFile of B's range");

    /* Shared locks coexist; an exclusive one then waits for all of them. */
    ov.Offset = 100;
    tap_ok(LockFileEx(a, LOCKFILE_FAIL_IMMEDIATELY, 0, 10, 0, &ov), "shared lock [100,110) on A (past EOF)");
    tap_ok(LockFileEx(b, LOCKFILE_FAIL_IMMEDIATELY, 0, 10, 0, &ov), "shared lock on the same range from B");
    SetLastError(0);
    tap_ok(!LockFileEx(b, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 10, 0, &ov),
           "an exclusive lock over shared ones fails");
    tap_int(GetLastError(), ERROR_LOCK_VIOLATION, "...with ERROR_LOCK_VIOLATION");
    tap_ok(UnlockFileEx(a, 0, 10, 0, &ov) && UnlockFileEx(b, 0, 10, 0, &ov), "both shared locks unlock");
    tap_ok(LockFileEx(b, LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY, 0, 10, 0, &ov),
           "then the exclusive lock is granted");
    tap_ok(UnlockFileEx(b, 0, 10, 0, &ov), "and unlocks");

    /* Without LOCKFILE_FAIL_IMMEDIATELY a conflicting lock waits until the holder lets go. */
    tap_ok(LockFile(a, 200, 0, 1, 0), "LockFile [200,201) on A");
    waiter_handle = b;
    HANDLE t = CreateThread(NULL, 0, waiter, NULL, 0, NULL);
    Sleep(200);
    tap_int(waiter_state, 0, "a waiting LockFileEx on B blocks");
    tap_ok(UnlockFile(a, 200, 0, 1, 0), "A unlocks");
    tap_int(WaitForSingleObject(t, 5000), WAIT_OBJECT_0, "...and the waiter finishes");
    tap_int(waiter_state, 1, "...with the lock granted");
    CloseHandle(t);

    /* Closing a handle releases its locks. */
    tap_ok(LockFile(a, 0, 0, 16, 0), "LockFile [0,16) on A");
    CloseHandle(a);
    tap_ok(LockFile(b, 0, 0, 16, 0), "after closing A, B can lock the range");
    tap_ok(UnlockFile(b, 0, 0, 16, 0), "and unlock it");
    CloseHandle(b);

    /* A new handle starts with no locks, even right after one closed with locks held. */
    for (int i = 0; i < 3; ++i) {
        HANDLE c = CreateFileA(path_of("lock.bin"), GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
        if (i == 0) tap_ok(LockFile(c, 0, 0, 8, 0), "LockFile on a fresh handle, closed without unlocking");
        if (i == 1) {
            SetLastError(0);
            tap_ok(!UnlockFile(c, 0, 0, 8, 0), "the next handle cannot unlock the old handle's range");
            tap_int(GetLastError(), ERROR_NOT_LOCKED, "...with ERROR_NOT_LOCKED");
            LockFile(c, 0, 0, 8, 0);
        }
        if (i == 2) tap_ok(LockFile(c, 0, 0, 8, 0) && UnlockFile(c, 0, 0, 8, 0), "and a third handle locks it again");
        CloseHandle(c);
    }
}

static void temp_names(void)
{
    char name[MAX_PATH], want[MAX_PATH];
    UINT r = GetTempFileNameA(folder, "abcdef", 0x1234, name);
    tap_int(r, 0x1234, "GetTempFileName with a unique number returns it");
    snprintf(want, sizeof want, "%s\\abc1234.tmp", folder);
    tap_ok(_stricmp(name, want) == 0, "...and names <path>\\<3 prefix chars><hex>.tmp");
    tap_int(GetFileAttributesA(name), INVALID_FILE_ATTRIBUTES, "...without creating the file");

    r = GetTempFileNameA(folder, "sil", 0, name);
    tap_ok(r != 0, "GetTempFileName with 0 picks a number");
    snprintf(want, sizeof want, "%s\\sil%X.tmp", folder, r);
    tap_ok(_stricmp(name, want) == 0, "...used in the name");
    tap_ok(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "...and creates the file");
    char second[MAX_PATH];
    UINT r2 = GetTempFileNameA(folder, "sil", 0, second);
    tap_ok(r2 != 0 && r2 != r && _stricmp(second, name) != 0, "a second call picks another name");
    DeleteFileA(name);
    DeleteFileA(second);

    SetLastError(0);
    tap_int(GetTempFileNameA(path_of("missing"), "x", 0, name), 0, "GetTempFileName in a missing folder fails");
    tap_int(GetLastError(), ERROR_DIRECTORY, "...with ERROR_DIRECTORY");

    char long_path[MAX_PATH + 10];
    memset(long_path, 'a', sizeof long_path - 1);
    memcpy(long_path, "C:\\", 3);
    long_path[sizeof long_path - 1] = 0;
    SetLastError(0);
    tap_int(GetTempFileNameA(long_path, "x", 1, name), 0, "GetTempFileName with a path too long fails");
    tap_int(GetLastError(), ERROR_BUFFER_OVERFLOW, "...with ERROR_BUFFER_OVERFLOW");
}

static void disk_and_volume(void)
{
    ULARGE_INTEGER avail, total, free_bytes;
    tap_ok(GetDiskFreeSpaceExA(folder, &avail, &total, &free_bytes), "GetDiskFreeSpaceEx on a folder");
    tap_ok(total.QuadPart > 0 && free_bytes.QuadPart <= total.QuadPart && avail.QuadPart <= free_bytes.QuadPart,
           "...total >= free >= available, total > 0");
    tap_ok(GetDiskFreeSpaceExA(NULL, &avail, NULL, NULL), "GetDiskFreeSpaceEx(NULL) (current drive)");
    SetLastError(0);
    tap_ok(!GetDiskFreeSpaceExA(path_of("missing\\deeper"), &avail, NULL, NULL), "GetDiskFreeSpaceEx on a missing path fails");
    tap_ok(GetLastError() == ERROR_PATH_NOT_FOUND || GetLastError() == ERROR_FILE_NOT_FOUND,
           "...with ERROR_PATH_NOT_FOUND or ERROR_FILE_NOT_FOUND");

    DWORD spc = 0, bps = 0, fc = 0, tc = 0;
    tap_ok(GetDiskFreeSpaceA("C:\\", &spc, &bps, &fc, &tc), "GetDiskFreeSpace(C:\\)");
    tap_ok(spc > 0 && bps > 0 && tc > 0 && fc <= tc, "...gives a sane geometry");

    char label[MAX_PATH + 1], fs[MAX_PATH + 1];
    DWORD serial = 0, maxlen = 0, flags = 0;
    tap_ok(GetVolumeInformationA("C:\\", label, sizeof label, &serial, &maxlen, &flags, fs, sizeof fs),
           "GetVolumeInformation(C:\\)");
    tap_int(maxlen, 255, "...maximum component length 255");
    tap_ok((flags & (FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK)) ==
               (FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK),
           "...case-preserving, Unicode names");
    tap_str(fs, "NTFS", "...file system NTFS");
    WCHAR wfs[16];
    tap_ok(GetVolumeInformationW(L"C:\\", NULL, 0, NULL, NULL, NULL, wfs, 16) && wcscmp(wfs, L"NTFS") == 0,
           "GetVolumeInformationW with only the file system name");
}

static void copy_and_replace(void)
{
    write_file("src.txt", "source");
    tap_ok(SetFileAttributesA(path_of("src.txt"), FILE_ATTRIBUTE_READONLY), "source made read-only");
    tap_ok(CopyFileExA(path_of("src.txt"), path_of("dst.txt"), NULL, NULL, NULL, 0), "CopyFileEx copies");
    tap_ok(file_is("dst.txt", "source"), "...the contents");
    tap_ok(GetFileAttributesA(path_of("dst.txt")) & FILE_ATTRIBUTE_READONLY, "...and the attributes");
    SetFileAttributesA(path_of("src.txt"), FILE_ATTRIBUTE_NORMAL);
    SetFileAttributesA(path_of("dst.txt"), FILE_ATTRIBUTE_NORMAL);
    write_file("src.txt", "newer");
    WCHAR wsrc[MAX_PATH * 2], wdst[MAX_PATH * 2];
    MultiByteToWideChar(CP_ACP, 0, path_of("src.txt"), -1, wsrc, MAX_PATH * 2);
    MultiByteToWideChar(CP_ACP, 0, path_of("dst.txt"), -1, wdst, MAX_PATH * 2);
    SetLastError(0);
    tap_ok(!CopyFileExW(wsrc, wdst, NULL, NULL, NULL, COPY_FILE_FAIL_IF_EXISTS),
           "CopyFileExW(COPY_FILE_FAIL_IF_EXISTS) onto an existing file fails");
    tap_int(GetLastError(), ERROR_FILE_EXISTS, "...with ERROR_FILE_EXISTS");
    tap_ok(file_is("dst.txt", "source"), "...leaving it alone");
    tap_ok(CopyFileExW(wsrc, wdst, NULL, NULL, NULL, 0), "without the flag it overwrites");
    tap_ok(file_is("dst.txt", "newer"), "...with the new contents");

    write_file("replaced.txt", "old");
    write_file("replacement.txt", "new");
    tap_ok(ReplaceFileA(path_of("replaced.txt"), path_of("replacement.txt"), path_of("backup.txt"), 0, NULL, NULL),
           "ReplaceFile with a backup");
    tap_ok(file_is("replaced.txt", "new"), "...the replaced file has the replacement's contents");
    tap_ok(file_is("backup.txt", "old"), "...the backup has the old contents");
    tap_int(GetFileAttributesA(path_of("replacement.txt")), INVALID_FILE_ATTRIBUTES, "...the replacement is gone");
    write_file("replacement.txt", "newest");
    WCHAR wa[MAX_PATH * 2], wb[MAX_PATH * 2];
    MultiByteToWideChar(CP_ACP, 0, path_of("replaced.txt"), -1, wa, MAX_PATH * 2);
    MultiByteToWideChar(CP_ACP, 0, path_of("replacement.txt"), -1, wb, MAX_PATH * 2);
    tap_ok(ReplaceFileW(wa, wb, NULL, 0, NULL, NULL), "ReplaceFileW without a backup");
    tap_ok(file_is("replaced.txt", "newest"), "...replaces the contents");
    MultiByteToWideChar(CP_ACP, 0, path_of("nothing.txt"), -1, wa, MAX_PATH * 2);
    write_file("replacement.txt", "x");
    SetLastError(0);
    tap_ok(!ReplaceFileW(wa, wb, NULL, 0, NULL, NULL), "ReplaceFileW of a missing file fails");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...with ERROR_FILE_NOT_FOUND");
    DeleteFileA(path_of("src.txt"));
    DeleteFileA(path_of("dst.txt"));
    DeleteFileA(path_of("replaced.txt"));
    DeleteFileA(path_of("replacement.txt"));
    DeleteFileA(path_of("backup.txt"));
}

static void info_by_handle(void)
{
    write_file("info.txt", "1234567");
    HANDLE h = CreateFileA(path_of("info.txt"), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    FILE_BASIC_INFO basic;
    tap_ok(GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic), "FileBasicInfo");
    tap_ok(!(basic.FileAttributes & FILE_ATTRIBUTE_DIRECTORY) && basic.LastWriteTime.QuadPart > 0,
           "...a file with a write time");
    FILE_STANDARD_INFO std_info;
    tap_ok(GetFileInformationByHandleEx(h, FileStandardInfo, &std_info, sizeof std_info), "FileStandardInfo");
    tap_int(std_info.EndOfFile.QuadPart, 7, "...EndOfFile is the size");
    tap_ok(std_info.NumberOfLinks == 1 && !std_info.Directory && !std_info.DeletePending, "...one link, not a folder");
    SetLastError(0);
    tap_ok(!GetFileInformationByHandleEx(h, FileStandardInfo, &std_info, sizeof std_info - 1),
           "FileStandardInfo with a short buffer fails");
    tap_int(GetLastError(), ERROR_BAD_LENGTH, "...with ERROR_BAD_LENGTH");

    char buf[sizeof(FILE_NAME_INFO) + MAX_PATH * 2 * sizeof(WCHAR)];
    FILE_NAME_INFO *name = (FILE_NAME_INFO *)buf;
    tap_ok(GetFileInformationByHandleEx(h, FileNameInfo, name, sizeof buf), "FileNameInfo");
    WCHAR want[MAX_PATH * 2];
    MultiByteToWideChar(CP_ACP, 0, path_of("info.txt") + 2, -1, want, MAX_PATH * 2);
    tap_ok(name->FileNameLength == wcslen(want) * 2 && _wcsnicmp(name->FileName, want, wcslen(want)) == 0,
           "...the path without the drive");
    SetLastError(0);
    tap_ok(!GetFileInformationByHandleEx(h, FileNameInfo, name, sizeof(FILE_NAME_INFO)), "FileNameInfo with a short buffer fails");
    tap_int(GetLastError(), ERROR_MORE_DATA, "...with ERROR_MORE_DATA");
    tap_int(name->FileNameLength, wcslen(want) * 2, "...giving the length needed");

    FILE_ATTRIBUTE_TAG_INFO tag;
    tap_ok(GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof tag), "FileAttributeTagInfo");
    tap_ok(tag.ReparseTag == 0 && !(tag.FileAttributes & FILE_ATTRIBUTE_DIRECTORY), "...no reparse tag");
    CloseHandle(h);

    h = CreateFileA(folder, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING,
                    FILE_FLAG_BACKUP_SEMANTICS, NULL);
    tap_ok(GetFileInformationByHandleEx(h, FileStandardInfo, &std_info, sizeof std_info) && std_info.Directory,
           "FileStandardInfo of a folder says Directory");
    CloseHandle(h);
    DeleteFileA(path_of("info.txt"));
}

int main(void)
{
    char temp[MAX_PATH];
    GetTempPathA(sizeof temp, temp);
    snprintf(folder, sizeof folder, "%ssill_fileapi_extra_%lu", temp, GetCurrentProcessId());
    if (!tap_ok(CreateDirectoryA(folder, NULL), "CreateDirectory")) return tap_done();
    locks();
    temp_names();
    disk_and_volume();
    copy_and_replace();
    info_by_handle();
    DeleteFileA(path_of("lock.bin"));
    tap_ok(RemoveDirectoryA(folder), "the folder is empty at the end");
    return tap_done();
}

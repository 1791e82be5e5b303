/* Win32 files (fileapi.h) in a fresh folder under GetTempPath: names are
 * case-insensitive and accept '/' as a separator, the documented error codes
 * for missing files and folders and for CREATE_NEW on an existing file,
 * sharing modes, file pointers and sizes, enumeration, moving and deleting. */
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

static void create_and_open(void)
{
    HANDLE h = CreateFileA(path_of("MixedCase.TXT"), GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    tap_ok(h != INVALID_HANDLE_VALUE, "CreateFile(CREATE_NEW) creates a file");
    DWORD written = 0;
    tap_ok(WriteFile(h, "0123456789", 10, &written, NULL) && written == 10, "WriteFile writes 10 bytes");
    LARGE_INTEGER size = {0};
    tap_ok(GetFileSizeEx(h, &size) && size.QuadPart == 10, "GetFileSizeEx sees them");
    tap_int(GetFileType(h), FILE_TYPE_DISK, "GetFileType is FILE_TYPE_DISK");

    SetLastError(0);
    HANDLE shared = CreateFileA(path_of("MixedCase.TXT"), GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    tap_ok(shared == INVALID_HANDLE_VALUE, "opening a file held with no sharing fails");
    tap_int(GetLastError(), ERROR_SHARING_VIOLATION, "...with ERROR_SHARING_VIOLATION");
    CloseHandle(h);

    SetLastError(0);
    h = CreateFileA(path_of("MIXEDCASE.txt"), GENERIC_WRITE, 0, NULL, CREATE_NEW, 0, NULL);
    tap_ok(h == INVALID_HANDLE_VALUE, "CREATE_NEW on an existing file (other case) fails");
    tap_int(GetLastError(), ERROR_FILE_EXISTS, "...with ERROR_FILE_EXISTS");

    char mixed_slashes[MAX_PATH * 2];
    snprintf(mixed_slashes, sizeof mixed_slashes, "%s/mixedcase.txt", folder);
    h = CreateFileA(mixed_slashes, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    tap_ok(h != INVALID_HANDLE_VALUE, "a lower-case name with '/' opens the same file");
    char buf[16] = {0};
    DWORD got = 0;
    LARGE_INTEGER to = {.QuadPart = 4}, at = {0};
    tap_ok(SetFilePointerEx(h, to, &at, FILE_BEGIN) && at.QuadPart == 4, "SetFilePointerEx(FILE_BEGIN)");
    tap_ok(ReadFile(h, buf, 3, &got, NULL) && got == 3 && memcmp(buf, "456", 3) == 0, "ReadFile at that position");
    to.QuadPart = -2;
    tap_ok(SetFilePointerEx(h, to, &at, FILE_END) && at.QuadPart == 8, "SetFilePointerEx(FILE_END)");
    tap_ok(ReadFile(h, buf, 16, &got, NULL) && got == 2, "ReadFile stops at the end");
    tap_ok(ReadFile(h, buf, 16, &got, NULL) && got == 0, "ReadFile at the end succeeds with 0 bytes");
    CloseHandle(h);
}

static void errors(void)
{
    SetLastError(0);
    tap_int(GetFileAttributesA(path_of("missing.txt")), INVALID_FILE_ATTRIBUTES, "GetFileAttributes of a missing file");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...gives ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    HANDLE h = CreateFileA(path_of("no_folder\\file.txt"), GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    tap_ok(h == INVALID_HANDLE_VALUE, "opening a file in a missing folder fails");
    tap_int(GetLastError(), ERROR_PATH_NOT_FOUND, "...with ERROR_PATH_NOT_FOUND");
    SetLastError(0);
    tap_ok(!DeleteFileA(path_of("missing.txt")), "DeleteFile of a missing file fails");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...with ERROR_FILE_NOT_FOUND");
    tap_ok(GetFileAttributesA(folder) & FILE_ATTRIBUTE_DIRECTORY, "a folder has FILE_ATTRIBUTE_DIRECTORY");
}

static void enumerate_move_delete(void)
{
    CloseHandle(CreateFileA(path_of("b.txt"), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    CloseHandle(CreateFileA(path_of("c.log"), GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    WIN32_FIND_DATAA fd;
    HANDLE find = FindFirstFileA(path_of("*.txt"), &fd);
    int txt = 0, others = 0;
    if (find != INVALID_HANDLE_VALUE) {
        do {
            size_t n = strlen(fd.cFileName);
            if (n > 4 && _stricmp(fd.cFileName + n - 4, ".txt") == 0) ++txt;
            else ++others;
        } while (FindNextFileA(find, &fd));
        tap_int(GetLastError(), ERROR_NO_MORE_FILES, "FindNextFile ends with ERROR_NO_MORE_FILES");
        FindClose(find);
    } else {
        tap_ok(0, "FindFirstFile finds files");
    }
    tap_ok(txt == 2 && others == 0, "*.txt matches exactly the two .txt files");

    tap_ok(MoveFileA(path_of("c.log"), path_of("d.log")), "MoveFile renames");
    tap_int(GetFileAttributesA(path_of("c.log")), INVALID_FILE_ATTRIBUTES, "the old name is gone");
    SetLastError(0);
    tap_ok(!MoveFileA(path_of("d.log"), path_of("b.txt")), "MoveFile onto an existing file fails");
    tap_int(GetLastError(), ERROR_ALREADY_EXISTS, "...with ERROR_ALREADY_EXISTS");
    tap_ok(MoveFileExA(path_of("d.log"), path_of("b.txt"), MOVEFILE_REPLACE_EXISTING), "MoveFileEx replaces it");
    tap_ok(DeleteFileA(path_of("B.TXT")), "DeleteFile (other case)");
    tap_ok(DeleteFileA(path_of("mixedcase.txt")), "DeleteFile of the first file");
    SetLastError(0);
    tap_ok(RemoveDirectoryA(folder), "RemoveDirectory of the emptied folder");
}

static void current_directory(void)
{
    char saved[MAX_PATH], now[MAX_PATH], full[MAX_PATH];
    GetCurrentDirectoryA(sizeof saved, saved);
    tap_ok(SetCurrentDirectoryA(folder), "SetCurrentDirectory");
    DWORD n = GetCurrentDirectoryA(sizeof now, now);
    tap_ok(n == strlen(now) && _stricmp(now, folder) == 0, "GetCurrentDirectory returns it");
    char *file_part = NULL;
    n = GetFullPathNameA("sub\\..\\x.txt", sizeof full, full, &file_part);
    char want[MAX_PATH * 2];
    snprintf(want, sizeof want, "%s\\x.txt", folder);
    tap_ok(n == strlen(full) && _stricmp(full, want) == 0, "GetFullPathName resolves . and .. against it");
    tap_str(file_part, "x.txt", "...and points at the file name");
    SetCurrentDirectoryA(saved);
}

int main(void)
{
    char temp[MAX_PATH];
    GetTempPathA(sizeof temp, temp);
    snprintf(folder, sizeof folder, "%ssill_fileapi_%lu", temp, GetCurrentProcessId());
    if (!tap_ok(CreateDirectoryA(folder, NULL), "CreateDirectory")) return tap_done();
    SetLastError(0);
    tap_ok(!CreateDirectoryA(folder, NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
           "CreateDirectory of an existing folder gives ERROR_ALREADY_EXISTS");
    current_directory();
    create_and_open();
    errors();
    enumerate_move_delete();
    return tap_done();
}

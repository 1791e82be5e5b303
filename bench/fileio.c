/* File-system work of the kind build tools do, as one C source built twice:
 * for Windows (mingw-w64, run under sill or Wine) and for Linux (host gcc).
 *   fileio write DIR   100 000 small WriteFile calls, then 100 000 small ReadFile calls
 *   fileio walk DIR    list a directory of 10 000 files (created on the first run)
 * Only the system-call layer differs between the two builds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
typedef HANDLE file_t;
static file_t open_rw(const char *path, int create)
{
    return CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, create ? CREATE_ALWAYS : OPEN_EXISTING, 0, NULL);
}
static int ok(file_t f) { return f != INVALID_HANDLE_VALUE; }
static long put(file_t f, const void *p, unsigned n) { DWORD w = 0; return WriteFile(f, p, n, &w, NULL) ? (long)w : -1; }
static long get(file_t f, void *p, unsigned n) { DWORD r = 0; return ReadFile(f, p, n, &r, NULL) ? (long)r : -1; }
static void rewind_file(file_t f) { SetFilePointer(f, 0, NULL, FILE_BEGIN); }
static void close_file(file_t f) { CloseHandle(f); }
static long count_entries(const char *dir)
{
    char pattern[MAX_PATH];
    snprintf(pattern, sizeof pattern, "%s\\*", dir);
    WIN32_FIND_DATAA fd;
    HANDLE h = FindFirstFileA(pattern, &fd);
    if (h == INVALID_HANDLE_VALUE) return -1;
    long n = 0;
    do {
        if (fd.cFileName[0] != '.') n++;
    } while (FindNextFileA(h, &fd));
    FindClose(h);
    return n;
}
static int make_dir(const char *d) { return CreateDirectoryA(d, NULL) || GetLastError() == ERROR_ALREADY_EXISTS; }
#define SEP "\\"
#else
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
typedef int file_t;
static file_t open_rw(const char *path, int create) { return open(path, O_RDWR | (create ? O_CREAT | O_TRUNC : 0), 0644); }
static int ok(file_t f) { return f >= 0; }
static long put(file_t f, const void *p, unsigned n) { return write(f, p, n); }
static long get(file_t f, void *p, unsigned n) { return read(f, p, n); }
static void rewind_file(file_t f) { lseek(f, 0, SEEK_SET); }
static void close_file(file_t f) { close(f); }
static long count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    closedir(d);
    return n;
}
static int make_dir(const char *d) { return mkdir(d, 0755) == 0 || access(d, F_OK) == 0; }
#define SEP "/"
#endif

enum { kCalls = 100000, kFiles = 10000 };

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: fileio write|walk DIR\n");
        return 2;
    }
    char path[1024];
    if (!strcmp(argv[1], "write")) {
        snprintf(path, sizeof path, "%s" SEP "fileio.bin", argv[2]);
        file_t f = open_rw(path, 1);
        if (!ok(f)) return 1;
        char block[16] = "0123456789abcde";
        for (int i = 0; i < kCalls; i++)
            if (put(f, block, sizeof block) != sizeof block) return 1;
        rewind_file(f);
        long total = 0;
        for (int i = 0; i < kCalls; i++) total += get(f, block, sizeof block);
        close_file(f);
        return total == (long)kCalls * 16 ? 0 : 1;
    }
    if (!strcmp(argv[1], "walk")) {
        snprintf(path, sizeof path, "%s" SEP "tree", argv[2]);
        if (count_entries(path) != kFiles) {
            if (!make_dir(path)) return 1;
            for (int i = 0; i < kFiles; i++) {
                char name[1100];
                snprintf(name, sizeof name, "%s" SEP "file%05d.txt", path, i);
                file_t f = open_rw(name, 1);
                if (!ok(f)) return 1;
                close_file(f);
            }
        }
        return count_entries(path) == kFiles ? 0 : 1;
    }
    return 2;
}

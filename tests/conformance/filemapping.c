/* File mappings: views of a file and of anonymous shared memory, named
 * mappings, alignment and size rules, and what VirtualQuery says of a view. */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

static void file_views(const char *path)
{
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written = 0;
    WriteFile(f, "hello, mapping", 14, &written, NULL);

    HANDLE ro = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    tap_ok(ro != NULL, "CreateFileMapping of a file, size 0 meaning the file's size");
    const char *view = ro ? MapViewOfFile(ro, FILE_MAP_READ, 0, 0, 0) : NULL;
    tap_ok(view && memcmp(view, "hello, mapping", 14) == 0, "a read view shows the file's bytes");
    tap_ok(((ULONG_PTR)view & 0xFFFF) == 0, "views start on a 64 KiB boundary");
    MEMORY_BASIC_INFORMATION mbi;
    tap_ok(view && VirtualQuery(view, &mbi, sizeof mbi) == sizeof mbi && mbi.Type == MEM_MAPPED,
           "VirtualQuery reports the view as MEM_MAPPED");
    SetLastError(0);
    tap_ok(MapViewOfFile(ro, FILE_MAP_WRITE, 0, 0, 0) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
           "a write view of a read-only mapping is ERROR_ACCESS_DENIED");
    tap_ok(UnmapViewOfFile(view), "UnmapViewOfFile");
    CloseHandle(ro);

    HANDLE rw = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0x20000, NULL);
    tap_ok(rw != NULL, "a writable mapping larger than the file");
    LARGE_INTEGER size = {0};
    GetFileSizeEx(f, &size);
    tap_int(size.QuadPart, 0x20000, "...grows the file to the mapping's size");
    char *w = rw ? MapViewOfFile(rw, FILE_MAP_WRITE, 0, 0, 0) : NULL;
    if (w) {
        memcpy(w, "HELLO", 5);
        w[0x1FFFF] = 'z';
    }
    tap_ok(w && FlushViewOfFile(w, 0), "FlushViewOfFile");
    char buf[16] = {0};
    DWORD got = 0;
    SetFilePointer(f, 0, NULL, FILE_BEGIN);
    ReadFile(f, buf, 14, &got, NULL);
    tap_ok(got == 14 && memcmp(buf, "HELLO, mapping", 14) == 0, "writes through the view reach the file");
    char *second = rw ? MapViewOfFile(rw, FILE_MAP_READ, 0, 0x10000, 0x10000) : NULL;
    tap_ok(second && second[0xFFFF] == 'z', "a view at an offset of 64 KiB sees the same bytes");
    SetLastError(0);
    tap_ok(MapViewOfFile(rw, FILE_MAP_READ, 0, 0x1000, 0) == NULL && GetLastError() == ERROR_MAPPED_ALIGNMENT,
           "an offset that is not a multiple of 64 KiB is ERROR_MAPPED_ALIGNMENT");
    SetLastError(0);
    tap_ok(MapViewOfFile(rw, FILE_MAP_READ, 0, 0, 0x30000) == NULL && GetLastError() == ERROR_ACCESS_DENIED,
           "a view larger than the mapping is refused");
    UnmapViewOfFile(second);
    UnmapViewOfFile(w);
    CloseHandle(rw);
    CloseHandle(f);

    HANDLE empty = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    SetLastError(0);
    tap_ok(CreateFileMappingA(empty, NULL, PAGE_READONLY, 0, 0, NULL) == NULL && GetLastError() == ERROR_FILE_INVALID,
           "mapping an empty file with size 0 is ERROR_FILE_INVALID");
    CloseHandle(empty);
    DeleteFileA(path);
}

static void shared_memory(void)
{
    HANDLE m = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, "sill_conformance_mapping");
    tap_ok(m != NULL && GetLastError() == 0, "a named mapping of the paging file");
    HANDLE again = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, "sill_conformance_mapping");
    tap_ok(again != NULL && GetLastError() == ERROR_ALREADY_EXISTS, "creating it again opens it (ERROR_ALREADY_EXISTS)");
    HANDLE opened = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, "sill_conformance_mapping");
    tap_ok(opened != NULL, "OpenFileMapping by name");
    char *a = MapViewOfFile(m, FILE_MAP_ALL_ACCESS, 0, 0, 0);
    char *b = opened ? MapViewOfFile(opened, FILE_MAP_READ, 0, 0, 0) : NULL;
    if (a) strcpy(a, "shared");
    tap_ok(a && b && a != b && strcmp(b, "shared") == 0, "two views of one mapping share their bytes");
    char *copy = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
    if (copy) copy[0] = 'S';
    tap_ok(copy && copy[0] == 'S' && a && a[0] == 's', "a copy-on-write view keeps its changes to itself");
    SetLastError(0);
    tap_ok(OpenFileMappingA(FILE_MAP_READ, FALSE, "sill_conformance_no_such_mapping") == NULL &&
               GetLastError() == ERROR_FILE_NOT_FOUND,
           "opening a name nobody created is ERROR_FILE_NOT_FOUND");
    SetLastError(0);
    tap_ok(CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0, NULL) == NULL &&
               GetLastError() == ERROR_INVALID_PARAMETER,
           "paging-file mappings need a size");
    SetLastError(0);
    char not_a_view[16];
    tap_ok(!UnmapViewOfFile(not_a_view), "UnmapViewOfFile of something that is not a view fails");
    UnmapViewOfFile(copy);
    UnmapViewOfFile(b);
    UnmapViewOfFile(a);
    CloseHandle(opened);
    CloseHandle(again);
    CloseHandle(m);
}

int main(void)
{
    char dir[MAX_PATH], path[MAX_PATH];
    GetTempPathA(sizeof dir, dir);
    sprintf(path, "%ssill_mapping_%lu.bin", dir, (unsigned long)GetCurrentProcessId());
    file_views(path);
    shared_memory();
    return tap_done();
}

/* kernel32 functions older programs (archivers among them) import: MS-DOS date/time
 * stamps, CompareFileTime, GetLogicalDriveStringsW, GlobalMemoryStatusEx, affinity masks,
 * DeviceIoControl's answer for a disk ioctl on a plain file, SetFileApisToOEM. */
#include <windows.h>
#include <winioctl.h>

#include "tap.h"

int main(void)
{
    SYSTEMTIME st = {2021, 12, 0, 26, 13, 45, 31, 0};
    FILETIME ft, back;
    SystemTimeToFileTime(&st, &ft);
    WORD date = 0, time = 0;
    tap_ok(FileTimeToDosDateTime(&ft, &date, &time), "FileTimeToDosDateTime");
    tap_int(date, ((2021 - 1980) << 9) | (12 << 5) | 26, "the DOS date");
    tap_int(time, (13 << 11) | (45 << 5) | (31 / 2), "the DOS time (seconds / 2)");
    tap_ok(DosDateTimeToFileTime(date, time, &back), "DosDateTimeToFileTime");
    tap_int(CompareFileTime(&back, &ft), -1, "the odd second is lost: the result is earlier");
    FILETIME later = ft;
    later.dwHighDateTime += 1;
    tap_int(CompareFileTime(&later, &ft), 1, "CompareFileTime: later");
    tap_int(CompareFileTime(&ft, &ft), 0, "CompareFileTime: equal");
    SYSTEMTIME old = {1970, 1, 0, 1, 0, 0, 0, 0};
    SystemTimeToFileTime(&old, &ft);
    tap_ok(!FileTimeToDosDateTime(&ft, &date, &time), "years before 1980 have no DOS date");

    WCHAR drives[200];
    DWORD n = GetLogicalDriveStringsW(200, drives);
    tap_ok(n > 0 && n % 4 == 0, "GetLogicalDriveStringsW returns a multiple of 4 characters");
    tap_ok(drives[1] == L':' && drives[2] == L'\\' && drives[3] == 0, "entries look like C:\\");
    tap_int(drives[n], 0, "the list ends with a second NUL");
    tap_int(GetLogicalDriveStringsW(2, drives), n + 1, "a small buffer: the size needed");

    MEMORYSTATUSEX mem = {sizeof mem};
    tap_ok(GlobalMemoryStatusEx(&mem), "GlobalMemoryStatusEx");
    tap_ok(mem.ullTotalPhys > 0 && mem.ullAvailPhys <= mem.ullTotalPhys, "physical memory totals");
    tap_ok(mem.dwMemoryLoad <= 100, "memory load is a percentage");
    tap_ok(mem.ullTotalVirtual >= (1ull << 40), "a 64-bit address space");
    MEMORYSTATUSEX bad = {sizeof bad - 1};
    tap_ok(!GlobalMemoryStatusEx(&bad), "a wrong dwLength fails");
    tap_int(GetLastError(), ERROR_INVALID_PARAMETER, "... with ERROR_INVALID_PARAMETER");

    DWORD_PTR process_mask = 0, system_mask = 0;
    GetProcessAffinityMask(GetCurrentProcess(), &process_mask, &system_mask);
    DWORD_PTR first = process_mask & (~process_mask + 1);
    DWORD_PTR previous = SetThreadAffinityMask(GetCurrentThread(), first);
    tap_int(previous, process_mask, "SetThreadAffinityMask returns the previous mask");
    tap_int(SetThreadAffinityMask(GetCurrentThread(), process_mask), first, "... which was set");
    tap_ok(SetProcessAffinityMask(GetCurrentProcess(), process_mask), "SetProcessAffinityMask");
    tap_ok(!SetThreadAffinityMask(GetCurrentThread(), 0), "an empty mask fails");

    char path[MAX_PATH];
    GetTempPathA(MAX_PATH, path);
    strcat(path, "sill_ioctl.tmp");
    HANDLE f = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    GET_LENGTH_INFORMATION length;
    DWORD returned = 7;
    tap_ok(!DeviceIoControl(f, IOCTL_DISK_GET_LENGTH_INFO, NULL, 0, &length, sizeof length, &returned, NULL),
           "IOCTL_DISK_GET_LENGTH_INFO on a plain file fails");
    DWORD error = GetLastError();
    /* NTFS refuses the request (ERROR_INVALID_FUNCTION); Wine 8 says ERROR_NOT_SUPPORTED. */
    tap_ok(error == ERROR_INVALID_FUNCTION || error == ERROR_NOT_SUPPORTED, "... as a request the file cannot take");
    CloseHandle(f);

    tap_ok(AreFileApisANSI(), "the file functions start with the ANSI code page");
    SetFileApisToOEM();
    tap_ok(!AreFileApisANSI(), "SetFileApisToOEM switches to OEM");
    SetFileApisToANSI();
    tap_ok(AreFileApisANSI(), "SetFileApisToANSI switches back");
    return tap_done();
}

/* CreateProcess with CREATE_SUSPENDED: the child (this program, argv[1] "child", argv[2] a file)
 * writes a file as soon as its main runs; the file must not appear before ResumeThread on the
 * returned thread handle, and must after. The thread handle waits, gives the thread id and, once
 * the process has ended, its exit code. */
#include <stdio.h>
#include <windows.h>

#include "tap.h"

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "child") == 0) {
        HANDLE f = CreateFileA(argv[2], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        if (f == INVALID_HANDLE_VALUE) return 1;
        CloseHandle(f);
        return 42;
    }
    char self[MAX_PATH], folder[MAX_PATH], marker[MAX_PATH], command[3 * MAX_PATH];
    GetModuleFileNameA(NULL, self, sizeof self);
    GetTempPathA(sizeof folder, folder);
    snprintf(marker, sizeof marker, "%ssill_suspended_%lu.txt", folder, GetCurrentProcessId());
    DeleteFileA(marker);
    snprintf(command, sizeof command, "\"%s\" child \"%s\"", self, marker);

    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!tap_ok(CreateProcessA(NULL, command, NULL, NULL, FALSE, CREATE_SUSPENDED, NULL, NULL, &si, &pi),
                "CreateProcess with CREATE_SUSPENDED"))
        return tap_done();
    Sleep(300);
    tap_int(GetFileAttributesA(marker), INVALID_FILE_ATTRIBUTES, "a suspended child runs none of its code");
    DWORD code = 0;
    tap_ok(GetExitCodeThread(pi.hThread, &code), "GetExitCodeThread on the child's thread");
    tap_int(code, STILL_ACTIVE, "...STILL_ACTIVE");
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, STILL_ACTIVE, "the process is STILL_ACTIVE");
    tap_int(WaitForSingleObject(pi.hThread, 0), WAIT_TIMEOUT, "the thread handle is not signaled");
    tap_int(GetThreadId(pi.hThread), pi.dwThreadId, "GetThreadId gives dwThreadId");

    tap_int(ResumeThread(pi.hThread), 1, "ResumeThread returns the previous suspend count, 1");
    tap_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "the resumed child runs to its end");
    tap_ok(GetFileAttributesA(marker) != INVALID_FILE_ATTRIBUTES, "...having written its file");
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, 42, "the process's exit code");
    tap_int(WaitForSingleObject(pi.hThread, 5000), WAIT_OBJECT_0, "the thread handle is signaled");
    code = 0;
    GetExitCodeThread(pi.hThread, &code);
    tap_int(code, 42, "GetExitCodeThread gives the main thread's exit code");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    DeleteFileA(marker);
    return tap_done();
}

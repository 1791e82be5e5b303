/* Handle inheritance (CreateProcess with bInheritHandles): this program starts itself as a child
 * and passes handle values on its command line, as programs do. An inheritable file, the write end
 * of a pipe and an anonymous event reach the child at the same values; a handle that is not
 * inheritable does not. With PROC_THREAD_ATTRIBUTE_HANDLE_LIST, only the listed handles travel.
 * Share modes hold between processes too: the parent's open for writing refuses the child's open
 * that does not share writing.
 * Child roles (argv[1]): "all FILE PIPE EVENT PRIVATE", "listed FILE EVENT", "share PATH". The child reports by
 * its exit code: 0, or a bit per failed check. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

#include "tap.h"

static HANDLE handle_arg(const char *s) { return (HANDLE)(ULONG_PTR)strtoull(s, NULL, 16); }

/* The first 7 bytes of the file behind h are "parent\n". */
static BOOL reads_parent_text(HANDLE h)
{
    char buf[8] = {0};
    DWORD got = 0;
    if (SetFilePointer(h, 0, NULL, FILE_BEGIN) != 0) return FALSE;
    return ReadFile(h, buf, 7, &got, NULL) && got == 7 && memcmp(buf, "parent\n", 7) == 0;
}

static int child(int argc, char **argv)
{
    int failed = 0;
    DWORD done = 0;
    if (strcmp(argv[1], "all") == 0 && argc >= 6) {
        HANDLE file = handle_arg(argv[2]), pipe = handle_arg(argv[3]), event = handle_arg(argv[4]);
        HANDLE private_event = handle_arg(argv[5]);
        if (!reads_parent_text(file)) failed |= 1;
        SetFilePointer(file, 0, NULL, FILE_END);
        if (!WriteFile(file, "child\n", 6, &done, NULL)) failed |= 2;
        if (!WriteFile(pipe, "through the pipe", 16, &done, NULL) || done != 16) failed |= 4;
        if (!SetEvent(event)) failed |= 8;
        if (SetEvent(private_event) || GetLastError() != ERROR_INVALID_HANDLE) failed |= 16;
        return failed;
    }
    if (strcmp(argv[1], "listed") == 0 && argc >= 4) {
        if (reads_parent_text(handle_arg(argv[2]))) failed |= 1; /* inheritable, but not listed */
        if (!SetEvent(handle_arg(argv[3]))) failed |= 2;
        return failed;
    }
    if (strcmp(argv[1], "share") == 0 && argc >= 3) {
        HANDLE h = CreateFileA(argv[2], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
        if (h != INVALID_HANDLE_VALUE || GetLastError() != ERROR_SHARING_VIOLATION) failed |= 1;
        CloseHandle(h);
        h = CreateFileA(argv[2], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
        if (h == INVALID_HANDLE_VALUE) failed |= 2;
        CloseHandle(h);
        return failed;
    }
    return 255;
}

static DWORD run_child(const char *args, STARTUPINFOA *si, DWORD flags)
{
    char self[MAX_PATH], command[MAX_PATH + 256];
    GetModuleFileNameA(NULL, self, sizeof self);
    snprintf(command, sizeof command, "\"%s\" %s", self, args);
    PROCESS_INFORMATION pi;
    if (!CreateProcessA(NULL, command, NULL, NULL, TRUE, flags, NULL, NULL, si, &pi)) return 1000;
    DWORD code = 1001;
    if (WaitForSingleObject(pi.hProcess, 20000) == WAIT_OBJECT_0) GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return code;
}

int main(int argc, char **argv)
{
    if (argc >= 2) return child(argc, argv);

    char folder[MAX_PATH], path[MAX_PATH];
    GetTempPathA(sizeof folder, folder);
    snprintf(path, sizeof path, "%ssill_inherit_%lu.txt", folder, GetCurrentProcessId());
    SECURITY_ATTRIBUTES inheritable = {sizeof inheritable, NULL, TRUE};
    HANDLE file = CreateFileA(path, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &inheritable,
                              CREATE_ALWAYS, 0, NULL);
    DWORD done = 0;
    tap_ok(file != INVALID_HANDLE_VALUE && WriteFile(file, "parent\n", 7, &done, NULL), "an inheritable file");
    HANDLE pipe_read, pipe_write;
    tap_ok(CreatePipe(&pipe_read, &pipe_write, &inheritable, 0), "an inheritable pipe");
    SetHandleInformation(pipe_read, HANDLE_FLAG_INHERIT, 0);
    HANDLE event = CreateEventA(&inheritable, FALSE, FALSE, NULL);
    HANDLE private_event = CreateEventA(NULL, FALSE, FALSE, NULL);
    tap_ok(event && private_event, "an inheritable and a private anonymous event");

    char args[256];
    snprintf(args, sizeof args, "all %p %p %p %p", file, pipe_write, event, private_event);
    STARTUPINFOA si = {sizeof si};
    tap_int(run_child(args, &si, 0), 0,
            "the child finds the file, the pipe and the event at the same values, and not the private event");
    CloseHandle(pipe_write);
    char buf[64] = {0};
    DWORD got = 0, total = 0;
    while (total < sizeof buf - 1 && ReadFile(pipe_read, buf + total, sizeof buf - 1 - total, &got, NULL) && got)
        total += got;
    tap_str(buf, "through the pipe", "what the child wrote to the inherited pipe arrives");
    tap_int(WaitForSingleObject(event, 0), WAIT_OBJECT_0, "the child set the inherited event");
    char text[32] = {0};
    SetFilePointer(file, 0, NULL, FILE_BEGIN);
    ReadFile(file, text, sizeof text - 1, &got, NULL);
    tap_str(text, "parent\nchild\n", "the child wrote through the inherited file handle");

    snprintf(args, sizeof args, "share \"%s\"", path);
    tap_int(run_child(args, &si, 0), 0,
            "another process's open that does not share writing is refused: ERROR_SHARING_VIOLATION");

    /* Only the event is in the list; the file stays inheritable but must not travel. */
    SIZE_T size = 0;
    tap_ok(!InitializeProcThreadAttributeList(NULL, 1, 0, &size) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
               size > 0,
           "InitializeProcThreadAttributeList gives the size it needs");
    LPPROC_THREAD_ATTRIBUTE_LIST list = (LPPROC_THREAD_ATTRIBUTE_LIST)HeapAlloc(GetProcessHeap(), 0, size);
    tap_ok(InitializeProcThreadAttributeList(list, 1, 0, &size), "...and fills it");
    HANDLE listed[1] = {event};
    tap_ok(UpdateProcThreadAttribute(list, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST, listed, sizeof listed, NULL, NULL),
           "UpdateProcThreadAttribute(PROC_THREAD_ATTRIBUTE_HANDLE_LIST)");
    STARTUPINFOEXA six;
    memset(&six, 0, sizeof six);
    six.StartupInfo.cb = sizeof six;
    six.lpAttributeList = list;
    snprintf(args, sizeof args, "listed %p %p", file, event);
    tap_int(run_child(args, &six.StartupInfo, EXTENDED_STARTUPINFO_PRESENT), 0,
            "with a handle list only the listed event reaches the child");
    tap_int(WaitForSingleObject(event, 0), WAIT_OBJECT_0, "...which sets it");
    DeleteProcThreadAttributeList(list);
    HeapFree(GetProcessHeap(), 0, list);

    CloseHandle(pipe_read);
    CloseHandle(event);
    CloseHandle(private_event);
    CloseHandle(file);
    DeleteFileA(path);
    return tap_done();
}

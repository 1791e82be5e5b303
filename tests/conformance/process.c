/* Child processes (processthreadsapi.h): CreateProcess of other conformance
 * programs beside this one, exit codes kept whole between Windows processes
 * (no 8-bit truncation), STILL_ACTIVE while running, standard handles
 * redirected to a pipe, the command line and environment a child inherits,
 * and the error for a missing program. */
#include <string.h>
#include <windows.h>

#include "tap.h"

static char folder[MAX_PATH];

static HANDLE null_output(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    return CreateFileA("NUL", GENERIC_WRITE, FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
}

/* Runs "folder\program args" with stdout on out (NUL when NULL; the children's
 * TAP lines must not mix with ours) and returns its exit code, or -1. */
static long long run(const char *program, const char *args, HANDLE out)
{
    char command[1024];
    snprintf(command, sizeof command, "\"%s\\%s\" %s", folder, program, args);
    HANDLE null_out = out ? NULL : null_output();
    STARTUPINFOA si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = out ? out : null_out;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    BOOL created = CreateProcessA(NULL, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi);
    if (null_out) CloseHandle(null_out);
    if (!created) return -1;
    CloseHandle(pi.hThread);
    DWORD code = 0;
    if (WaitForSingleObject(pi.hProcess, 20000) != WAIT_OBJECT_0 || !GetExitCodeProcess(pi.hProcess, &code))
        code = (DWORD)-1;
    CloseHandle(pi.hProcess);
    return code;
}

static void exit_codes(void)
{
    tap_int(run("exit_codes.exe", "return3", NULL), 3, "a child's return value from main is its exit code");
    tap_int(run("exit_codes.exe", "exitprocess", NULL), 0x1234, "ExitProcess(0x1234) reaches a Windows parent whole");

    char command[1024];
    snprintf(command, sizeof command, "\"%s\\stdin_lines.exe\" 1", folder);
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE read_end, write_end;
    CreatePipe(&read_end, &write_end, &sa, 0);
    SetHandleInformation(write_end, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOA si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = read_end;
    si.hStdOutput = null_output();
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    if (!tap_ok(CreateProcessA(NULL, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi),
                "CreateProcess with a pipe as stdin")) return;
    CloseHandle(read_end);
    CloseHandle(si.hStdOutput);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, STILL_ACTIVE, "a child blocked on its stdin is STILL_ACTIVE");
    tap_int(WaitForSingleObject(pi.hProcess, 100), WAIT_TIMEOUT, "...and its handle is not signaled");
    DWORD written = 0;
    WriteFile(write_end, "last", 4, &written, NULL);
    CloseHandle(write_end);   /* end of input: the child finishes */
    tap_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "closing its stdin lets it finish");
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, 0, "...successfully, having read the one line written to the pipe");
    tap_ok(pi.dwProcessId != GetCurrentProcessId(), "the child has its own process id");
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
}

static void redirected_output(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE read_end, write_end;
    tap_ok(CreatePipe(&read_end, &write_end, &sa, 0), "CreatePipe");
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    long long code = run("hello.exe", "", write_end);
    CloseHandle(write_end);
    char buf[256] = {0};
    DWORD total = 0, got = 0;
    while (total < sizeof buf - 1 && ReadFile(read_end, buf + total, sizeof buf - 1 - total, &got, NULL) && got)
        total += got;
    CloseHandle(read_end);
    tap_int(code, 0, "hello.exe exits with 0");
    tap_ok(strncmp(buf, "Hello, World!\r\n", 15) == 0, "its stdout arrives through the pipe, in text mode");
}

static void inherited_environment(void)
{
    /* args.exe checks its argv against the hex list in SILL_EXPECTED_ARGS. */
    SetEnvironmentVariableA("SILL_EXPECTED_ARGS", "6f6e65,74776f2077,,615c");   /* one, "two w", "", a\ */
    tap_int(run("args.exe", "one \"two w\" \"\" a\\", NULL), 0,
            "a child parses its command line and sees an inherited variable");
    SetEnvironmentVariableA("SILL_EXPECTED_ARGS", NULL);
}

int main(void)
{
    GetModuleFileNameA(NULL, folder, sizeof folder);
    *strrchr(folder, '\\') = 0;
    exit_codes();
    redirected_output();
    inherited_environment();

    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    char missing[] = "sill_no_such_program.exe";
    SetLastError(0);
    tap_ok(!CreateProcessA(NULL, missing, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
           "CreateProcess of a missing program fails");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...with ERROR_FILE_NOT_FOUND");
    return tap_done();
}

/* Child processes (processthreadsapi.h): CreateProcess of other conformance
 * programs beside this one (and of this program itself in a child role), exit
 * codes kept whole between Windows processes (no 8-bit truncation),
 * STILL_ACTIVE while running, standard handles redirected to pipes, the exact
 * command line, environment blocks (ANSI and Unicode), the current directory,
 * TerminateProcess, OpenProcess, GetProcessId, waits on several processes, the
 * program search, and the error for a missing program.
 * Child roles (argv[1]): child-exit (ExitProcess(0x12345678)), child-sleep,
 * child-cmdline (prints GetCommandLineA between brackets), child-env (exit 0 when
 * SILL_PROC_VAR is "block value" and SILL_PROC_GONE is unset), child-cwd (exit 0
 * when the current directory is SILL_PROC_CWD).
 * Where Z:\bin\sh exists and this is not Wine (that is, under sill, which maps
 * Z: to the Linux root), a Linux program is started too; elsewhere that check is
 * skipped. */
#include <string.h>
#include <windows.h>

#include "tap.h"

static char folder[MAX_PATH];
static char self[MAX_PATH];

static HANDLE null_output(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    return CreateFileA("NUL", GENERIC_WRITE, FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
}

/* Starts `command` with stdout on out (NUL when NULL: the children's TAP lines
 * must not mix with ours); returns FALSE when CreateProcess fails. */
static BOOL start(const char *application, const char *command, HANDLE out, DWORD flags, void *env,
                  const char *dir, PROCESS_INFORMATION *pi)
{
    char line[2048];
    lstrcpynA(line, command, sizeof line);
    HANDLE null_out = out ? NULL : null_output();
    STARTUPINFOA si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = out ? out : null_out;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    BOOL created = CreateProcessA(application, line, NULL, NULL, TRUE, flags, env, dir, &si, pi);
    if (null_out) CloseHandle(null_out);
    return created;
}

/* Waits for a started child and returns its exit code, or -1. */
static long long finish(PROCESS_INFORMATION *pi)
{
    DWORD code = 0;
    if (WaitForSingleObject(pi->hProcess, 20000) != WAIT_OBJECT_0 || !GetExitCodeProcess(pi->hProcess, &code))
        code = (DWORD)-1;
    CloseHandle(pi->hThread);
    CloseHandle(pi->hProcess);
    return code;
}

/* Runs "folder\program args" and returns its exit code, or -1. */
static long long run(const char *program, const char *args, HANDLE out)
{
    char command[1024];
    PROCESS_INFORMATION pi;
    snprintf(command, sizeof command, "\"%s\\%s\" %s", folder, program, args);
    if (!start(NULL, command, out, 0, NULL, NULL, &pi)) return -1;
    return finish(&pi);
}

/* Everything a pipe gives until its writers are gone. */
static DWORD read_all(HANDLE h, char *buf, DWORD size)
{
    DWORD total = 0, got = 0;
    while (total < size - 1 && ReadFile(h, buf + total, size - 1 - total, &got, NULL) && got) total += got;
    buf[total] = 0;
    return total;
}

static void exit_codes(void)
{
    tap_int(run("exit_codes.exe", "return3", NULL), 3, "a child's return value from main is its exit code");
    tap_int(run("exit_codes.exe", "exitprocess", NULL), 0x1234, "ExitProcess(0x1234) reaches a Windows parent whole");
    tap_int(run("process.exe", "child-exit", NULL), 0x12345678, "ExitProcess(0x12345678): all 32 bits arrive");
}

static void pipes_both_ways(void)
{
    char command[1024];
    snprintf(command, sizeof command, "\"%s\\stdin_lines.exe\" 3", folder);
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE in_read, in_write, out_read, out_write;
    CreatePipe(&in_read, &in_write, &sa, 0);
    CreatePipe(&out_read, &out_write, &sa, 0);
    SetHandleInformation(in_write, HANDLE_FLAG_INHERIT, 0);
    SetHandleInformation(out_read, HANDLE_FLAG_INHERIT, 0);
    STARTUPINFOA si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = in_read;
    si.hStdOutput = out_write;
    si.hStdError = GetStdHandle(STD_ERROR_HANDLE);
    PROCESS_INFORMATION pi;
    if (!tap_ok(CreateProcessA(NULL, command, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi),
                "CreateProcess with pipes as stdin and stdout")) return;
    CloseHandle(in_read);
    CloseHandle(out_write);
    DWORD code = 0;
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, STILL_ACTIVE, "a child blocked on its stdin is STILL_ACTIVE");
    tap_int(WaitForSingleObject(pi.hProcess, 100), WAIT_TIMEOUT, "...and its handle is not signaled");
    DWORD written = 0;
    WriteFile(in_write, "alpha\r\nbeta\nlast", 16, &written, NULL);
    CloseHandle(in_write); /* end of input: the child finishes */
    char out[1024];
    read_all(out_read, out, sizeof out);
    CloseHandle(out_read);
    tap_int(WaitForSingleObject(pi.hProcess, 20000), WAIT_OBJECT_0, "closing its stdin lets it finish");
    GetExitCodeProcess(pi.hProcess, &code);
    tap_int(code, 0, "...successfully, having read the three lines");
    tap_ok(strncmp(out, "# 1: ALPHA (5)\r\n# 2: BETA (4)\r\n# 3: LAST (4)\r\nok 1", 50) == 0,
           "its output comes back through the other pipe");
    tap_int(WaitForSingleObject(pi.hThread, 1000), WAIT_OBJECT_0, "the main-thread handle is signaled too");
    tap_ok(pi.dwProcessId != GetCurrentProcessId(), "the child has its own process id");
    tap_int(GetProcessId(pi.hProcess), pi.dwProcessId, "GetProcessId gives the child's id");
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
    char buf[256];
    read_all(read_end, buf, sizeof buf);
    CloseHandle(read_end);
    tap_int(code, 0, "hello.exe exits with 0");
    tap_ok(strncmp(buf, "Hello, World!\r\n", 15) == 0, "its stdout arrives through the pipe, in text mode");
}

/* The child's command line is exactly the one given, spaces and quotes included. */
static void command_lines(void)
{
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE read_end, write_end;
    char command[1024], expected[1100], out[1200];
    PROCESS_INFORMATION pi;

    CreatePipe(&read_end, &write_end, &sa, 0);
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    snprintf(command, sizeof command, "\"%s\"   child-cmdline  a\"b c\" \\\\\"  ", self);
    snprintf(expected, sizeof expected, "[%s]", command);
    tap_ok(start(NULL, command, write_end, 0, NULL, NULL, &pi), "CreateProcess with a spaced, quoted command line");
    CloseHandle(write_end);
    read_all(read_end, out, sizeof out);
    CloseHandle(read_end);
    tap_int(finish(&pi), 0, "...the child ends");
    tap_str(out, expected, "GetCommandLine in the child is the command line given, byte for byte");

    CreatePipe(&read_end, &write_end, &sa, 0);
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    tap_ok(start(self, "any-name child-cmdline", write_end, 0, NULL, NULL, &pi),
           "CreateProcess with an application name and a command line naming something else");
    CloseHandle(write_end);
    read_all(read_end, out, sizeof out);
    CloseHandle(read_end);
    finish(&pi);
    tap_str(out, "[any-name child-cmdline]", "...the child sees the command line, not the application name");

    SetEnvironmentVariableA("SILL_EXPECTED_ARGS", "6f6e65,74776f2077,,615c,22,615c5c2262");
    /* one, "two w", "", a\, ", a\\"b */
    tap_int(run("args.exe", "one \"two w\" \"\" a\\ \\\" \"a\\\\\\\\\\\"b\"", NULL), 0,
            "a child parses tricky quoting and sees an inherited variable");
    SetEnvironmentVariableA("SILL_EXPECTED_ARGS", NULL);
}

static void environment_blocks(void)
{
    char command[1024];
    PROCESS_INFORMATION pi;
    snprintf(command, sizeof command, "\"%s\" child-env", self);
    SetEnvironmentVariableA("SILL_PROC_GONE", "inherited");

    /* A Unicode block: the current environment without SILL_PROC_GONE, plus SILL_PROC_VAR. */
    WCHAR *current = GetEnvironmentStringsW(), wblock[32768];
    size_t n = 0;
    for (WCHAR *p = current; *p; p += wcslen(p) + 1) {
        if (wcsncmp(p, L"SILL_PROC_GONE=", 15) == 0) continue;
        size_t len = wcslen(p) + 1;
        if (n + len + 64 > sizeof wblock / sizeof *wblock) break;
        memcpy(wblock + n, p, len * sizeof(WCHAR));
        n += len;
    }
    FreeEnvironmentStringsW(current);
    static const WCHAR var[] = L"SILL_PROC_VAR=block value";
    memcpy(wblock + n, var, sizeof var);
    n += sizeof var / sizeof *var;
    wblock[n] = 0;
    tap_ok(start(NULL, command, NULL, CREATE_UNICODE_ENVIRONMENT, wblock, NULL, &pi), "CreateProcess with a Unicode environment block");
    tap_int(finish(&pi), 0, "...the child sees exactly that block");

    /* The same as an ANSI block. */
    char *acurrent = GetEnvironmentStringsA(), ablock[32768];
    n = 0;
    for (char *p = acurrent; *p; p += strlen(p) + 1) {
        if (strncmp(p, "SILL_PROC_GONE=", 15) == 0) continue;
        size_t len = strlen(p) + 1;
        if (n + len + 64 > sizeof ablock) break;
        memcpy(ablock + n, p, len);
        n += len;
    }
    FreeEnvironmentStringsA(acurrent);
    memcpy(ablock + n, "SILL_PROC_VAR=block value", 26);
    n += 26;
    ablock[n] = 0;
    tap_ok(start(NULL, command, NULL, 0, ablock, NULL, &pi), "CreateProcess with an ANSI environment block");
    tap_int(finish(&pi), 0, "...the child sees exactly that block");

    SetEnvironmentVariableA("SILL_PROC_GONE", NULL);
    SetEnvironmentVariableA("SILL_PROC_VAR", "block value");
    tap_ok(start(NULL, command, NULL, CREATE_NO_WINDOW, NULL, NULL, &pi), "CreateProcess with CREATE_NO_WINDOW");
    tap_int(finish(&pi), 0, "...and no block: the child inherits the current environment");
    SetEnvironmentVariableA("SILL_PROC_VAR", NULL);
}

static void current_directory(void)
{
    char parent[MAX_PATH], command[1024];
    PROCESS_INFORMATION pi;
    lstrcpyA(parent, folder);
    *strrchr(parent, '\\') = 0;
    if (strlen(parent) == 2) strcat(parent, "\\"); /* "C:" -> "C:\" */
    SetEnvironmentVariableA("SILL_PROC_CWD", parent);
    snprintf(command, sizeof command, "\"%s\" child-cwd", self);
    tap_ok(start(NULL, command, NULL, 0, NULL, parent, &pi), "CreateProcess with a current directory");
    tap_int(finish(&pi), 0, "...the child starts in it");
    SetEnvironmentVariableA("SILL_PROC_CWD", NULL);

    lstrcatA(parent, "\\sill_no_such_directory");
    SetLastError(0);
    tap_ok(!start(NULL, command, NULL, 0, NULL, parent, &pi), "CreateProcess in a missing directory fails");
    tap_int(GetLastError(), ERROR_DIRECTORY, "...with ERROR_DIRECTORY");
}

static void terminate_and_wait(void)
{
    char command[1024];
    PROCESS_INFORMATION sleeper, quick;
    snprintf(command, sizeof command, "\"%s\" child-sleep", self);
    if (!tap_ok(start(NULL, command, NULL, 0, NULL, NULL, &sleeper), "a sleeping child starts")) return;
    snprintf(command, sizeof command, "\"%s\" child-exit", self);
    start(NULL, command, NULL, 0, NULL, NULL, &quick);

    HANDLE both[2] = {sleeper.hProcess, quick.hProcess};
    tap_int(WaitForMultipleObjects(2, both, FALSE, 20000), WAIT_OBJECT_0 + 1,
            "WaitForMultipleObjects (any) returns the child that ended");
    tap_int(WaitForMultipleObjects(2, both, TRUE, 200), WAIT_TIMEOUT, "...waiting for all times out while one runs");

    HANDLE opened = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, sleeper.dwProcessId);
    tap_ok(opened != NULL, "OpenProcess opens a child by id");
    DWORD code = 0;
    GetExitCodeProcess(opened, &code);
    tap_int(code, STILL_ACTIVE, "...it is STILL_ACTIVE");
    tap_int(GetProcessId(opened), sleeper.dwProcessId, "...GetProcessId of the opened handle");

    tap_ok(TerminateProcess(sleeper.hProcess, 0xC0DE1234), "TerminateProcess on the child");
    tap_int(WaitForMultipleObjects(2, both, TRUE, 20000), WAIT_OBJECT_0, "now both have ended");
    GetExitCodeProcess(sleeper.hProcess, &code);
    tap_int(code, 0xC0DE1234, "the exit code is the one TerminateProcess gave");
    code = 0;
    GetExitCodeProcess(opened, &code);
    tap_int(code, 0xC0DE1234, "...seen through the OpenProcess handle too");
    CloseHandle(opened);
    tap_int(finish(&quick), 0x12345678, "the quick child's full exit code");
    finish(&sleeper);

    HANDLE me = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, GetCurrentProcessId());
    tap_ok(me != NULL, "OpenProcess opens this process");
    GetExitCodeProcess(me, &code);
    tap_int(code, STILL_ACTIVE, "...which is STILL_ACTIVE");
    tap_int(GetProcessId(me), GetCurrentProcessId(), "...with this process's id");
    CloseHandle(me);
    tap_int(GetProcessId(GetCurrentProcess()), GetCurrentProcessId(), "GetProcessId(GetCurrentProcess())");
}

static void search(void)
{
    PROCESS_INFORMATION pi;
    char cwd[MAX_PATH];
    GetCurrentDirectoryA(sizeof cwd, cwd);
    SetCurrentDirectoryA("C:\\");
    /* No folder, no extension: found in the folder of the program that calls. */
    tap_ok(start(NULL, "exit_codes return3", NULL, 0, NULL, NULL, &pi),
           "a bare name is found beside the calling program, .exe appended");
    tap_int(finish(&pi), 3, "...and runs");
    SetCurrentDirectoryA(cwd);

    STARTUPINFOA si = {sizeof si};
    char missing[] = "sill_no_such_program.exe";
    SetLastError(0);
    tap_ok(!CreateProcessA(NULL, missing, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
           "CreateProcess of a missing program fails");
    tap_int(GetLastError(), ERROR_FILE_NOT_FOUND, "...with ERROR_FILE_NOT_FOUND");

    /* A file that is not a program. */
    char temp[MAX_PATH], name[MAX_PATH + 32];
    GetTempPathA(sizeof temp, temp);
    snprintf(name, sizeof name, "%ssill_not_a_program_%lu.exe", temp, GetCurrentProcessId());
    HANDLE f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD written;
    WriteFile(f, "just some text\r\n", 16, &written, NULL);
    CloseHandle(f);
    SetLastError(0);
    tap_ok(!CreateProcessA(name, NULL, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi),
           "CreateProcess of a text file fails");
    tap_int(GetLastError(), ERROR_BAD_EXE_FORMAT, "...with ERROR_BAD_EXE_FORMAT");
    DeleteFileA(name);
}

/* Sill runs a Linux program given to CreateProcess directly (an extension: on
 * Windows there is no Z:\bin\sh, and Wine is left out). */
static void linux_program(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    if (GetFileAttributesA("Z:\\bin\\sh") == INVALID_FILE_ATTRIBUTES ||
        (ntdll && GetProcAddress(ntdll, "wine_get_version"))) {
        printf("# no Linux shell at Z:\\bin\\sh (or Wine): Linux program checks skipped\n");
        return;
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE read_end, write_end;
    PROCESS_INFORMATION pi;
    char out[256];
    CreatePipe(&read_end, &write_end, &sa, 0);
    SetHandleInformation(read_end, HANDLE_FLAG_INHERIT, 0);
    tap_ok(start(NULL, "Z:\\bin\\sh -c \"echo \\\"$0\\\" linux; exit 300\" \"zero arg\"", write_end, 0, NULL, NULL, &pi),
           "CreateProcess runs a Linux program");
    CloseHandle(write_end);
    read_all(read_end, out, sizeof out);
    CloseHandle(read_end);
    tap_int(finish(&pi), 300 & 0xFF, "...its exit status is the parent's exit code");
    tap_str(out, "zero arg linux\n", "...its arguments are split like a Windows command line");
}

static int child(const char *role)
{
    char buf[MAX_PATH], want[MAX_PATH];
    if (strcmp(role, "child-exit") == 0) ExitProcess(0x12345678);
    if (strcmp(role, "child-sleep") == 0) {
        Sleep(30000);
        return 1;
    }
    if (strcmp(role, "child-cmdline") == 0) {
        DWORD written;
        const char *cl = GetCommandLineA();
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "[", 1, &written, NULL);
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), cl, (DWORD)strlen(cl), &written, NULL);
        WriteFile(GetStdHandle(STD_OUTPUT_HANDLE), "]", 1, &written, NULL);
        return 0;
    }
    if (strcmp(role, "child-env") == 0) {
        DWORD n = GetEnvironmentVariableA("SILL_PROC_VAR", buf, sizeof buf);
        if (n == 0 || strcmp(buf, "block value") != 0) return 2;
        if (GetEnvironmentVariableA("SILL_PROC_GONE", buf, sizeof buf) != 0) return 3;
        /* However a parent passes things to its child, they are not in the child's environment. */
        if (GetEnvironmentVariableA("SILL_COMMAND_LINE", buf, sizeof buf) != 0) return 5;
        if (GetEnvironmentVariableA("SILL_EXIT_CODE_FD", buf, sizeof buf) != 0) return 6;
        return 0;
    }
    if (strcmp(role, "child-cwd") == 0) {
        GetCurrentDirectoryA(sizeof buf, buf);
        GetEnvironmentVariableA("SILL_PROC_CWD", want, sizeof want);
        return lstrcmpiA(buf, want) == 0 ? 0 : 4;
    }
    return 99;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strncmp(argv[1], "child-", 6) == 0) return child(argv[1]);
    GetModuleFileNameA(NULL, self, sizeof self);
    lstrcpyA(folder, self);
    *strrchr(folder, '\\') = 0;
    exit_codes();
    pipes_both_ways();
    redirected_output();
    command_lines();
    environment_blocks();
    current_directory();
    terminate_and_wait();
    search();
    linux_program();
    return tap_done();
}

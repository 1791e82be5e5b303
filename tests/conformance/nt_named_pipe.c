/* Named pipes through ntdll, as Rust's std makes its anonymous pipes: open the pipe file
 * system's root (\Device\NamedPipe\), NtCreateNamedPipeFile with an empty name relative to it,
 * open the client end with an empty name relative to the server's handle. Also a named pipe
 * created through ntdll and opened through kernel32, and NtCancelIoFileEx. */
#include <windows.h>
#include <winternl.h>

#include <stdio.h>
#include <string.h>

#include "tap.h"

typedef NTSTATUS(NTAPI *NtCreateNamedPipeFile_fn)(HANDLE *, ULONG, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *, ULONG,
                                                   ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG, ULONG,
                                                   LARGE_INTEGER *);
typedef NTSTATUS(NTAPI *NtOpenFile_fn)(HANDLE *, ACCESS_MASK, OBJECT_ATTRIBUTES *, IO_STATUS_BLOCK *, ULONG, ULONG);
typedef NTSTATUS(NTAPI *NtReadFile_fn)(HANDLE, HANDLE, void *, void *, IO_STATUS_BLOCK *, void *, ULONG,
                                       LARGE_INTEGER *, ULONG *);
typedef NTSTATUS(NTAPI *NtCancelIoFileEx_fn)(HANDLE, IO_STATUS_BLOCK *, IO_STATUS_BLOCK *);

#define ST_SUCCESS ((NTSTATUS)0x00000000)
#define ST_PENDING ((NTSTATUS)0x00000103)
#define ST_CANCELLED ((NTSTATUS)0xC0000120)
#define ST_NOT_FOUND ((NTSTATUS)0xC0000225)
#define FILE_CREATE_DISPOSITION 2
#define FILE_SYNC_NONALERT 0x20
#define FILE_NON_DIR 0x40

static NtCreateNamedPipeFile_fn pNtCreateNamedPipeFile;
static NtOpenFile_fn pNtOpenFile;
static NtReadFile_fn pNtReadFile;
static NtCancelIoFileEx_fn pNtCancelIoFileEx;

static void init_attr(OBJECT_ATTRIBUTES *attr, HANDLE root, UNICODE_STRING *name)
{
    memset(attr, 0, sizeof *attr);
    attr->Length = sizeof *attr;
    attr->RootDirectory = root;
    attr->ObjectName = name;
}

static void set_name(UNICODE_STRING *s, const wchar_t *text)
{
    s->Buffer = (wchar_t *)text;
    s->Length = (USHORT)(wcslen(text) * sizeof(wchar_t));
    s->MaximumLength = s->Length;
}

/* A pipe server created by ntdll, 50 ms default timeout, byte mode, one instance. */
static NTSTATUS create_pipe(HANDLE *h, OBJECT_ATTRIBUTES *attr, ULONG access, ULONG share, IO_STATUS_BLOCK *io)
{
    LARGE_INTEGER timeout;
    timeout.QuadPart = -50 * 10000;
    return pNtCreateNamedPipeFile(h, access | SYNCHRONIZE, attr, io, share, FILE_CREATE_DISPOSITION, 0, 0, 0, 0, 1,
                                  4096, 4096, &timeout);
}

static void test_anonymous(void)
{
    UNICODE_STRING root_name, empty = {0, 0, NULL};
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    HANDLE root = NULL, ours = NULL, theirs = NULL;

    set_name(&root_name, L"\\Device\\NamedPipe\\");
    init_attr(&attr, NULL, &root_name);
    NTSTATUS s = pNtOpenFile(&root, SYNCHRONIZE | GENERIC_READ, &attr, &io, FILE_SHARE_READ | FILE_SHARE_WRITE,
                             FILE_SYNC_NONALERT);
    tap_int(s, ST_SUCCESS, "NtOpenFile opens \\Device\\NamedPipe\\");

    init_attr(&attr, root, &empty);
    s = create_pipe(&ours, &attr, GENERIC_READ, FILE_SHARE_WRITE, &io);
    tap_int(s, ST_SUCCESS, "NtCreateNamedPipeFile makes an unnamed pipe below the root");

    init_attr(&attr, ours, &empty);
    s = pNtOpenFile(&theirs, SYNCHRONIZE | FILE_GENERIC_WRITE, &attr, &io, 0, FILE_NON_DIR | FILE_SYNC_NONALERT);
    tap_int(s, ST_SUCCESS, "NtOpenFile with an empty name relative to the server opens its client end");

    DWORD n = 0;
    char buf[16] = {0};
    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    BOOL wrote = WriteFile(theirs, "hello", 5, &n, NULL);
    BOOL read = ReadFile(ours, buf, sizeof buf, NULL, &ov) || GetLastError() == ERROR_IO_PENDING;
    read = read && GetOverlappedResult(ours, &ov, &n, TRUE);
    tap_ok(wrote && read && n == 5 && memcmp(buf, "hello", 5) == 0,
           "the client's write is read on the (overlapped) server end");

    /* A read with nothing to read stays pending until NtCancelIoFileEx names its status block. */
    IO_STATUS_BLOCK pending, cancel_io;
    ResetEvent(ov.hEvent);
    s = pNtReadFile(ours, ov.hEvent, NULL, NULL, &pending, buf, sizeof buf, NULL, NULL);
    tap_int(s, ST_PENDING, "NtReadFile on an empty overlapped pipe is pending");
    s = pNtCancelIoFileEx(ours, &pending, &cancel_io);
    DWORD waited = WaitForSingleObject(ov.hEvent, 5000);
    tap_int(s, ST_SUCCESS, "NtCancelIoFileEx cancels that read");
    tap_int(waited, WAIT_OBJECT_0, "the read's event is signaled");
    tap_int(pending.Status, ST_CANCELLED, "the read ends with STATUS_CANCELLED");
    s = pNtCancelIoFileEx(ours, &pending, &cancel_io);
    tap_int(s, ST_NOT_FOUND, "cancelling it again finds nothing");
    /* CancelIoEx's contract (ERROR_NOT_FOUND when nothing is cancelled); Wine 8 answers success. */
    s = pNtCancelIoFileEx(ours, NULL, &cancel_io);
    tap_int(s, ST_NOT_FOUND, "nor does cancelling everything on the handle");

    CloseHandle(ov.hEvent);
    CloseHandle(theirs);
    CloseHandle(ours);
    CloseHandle(root);
}

static void test_named(void)
{
    wchar_t nt_name[96] = {0}, dos_name[96] = {0};
    _snwprintf(nt_name, 95, L"\\Device\\NamedPipe\\sill-nt-pipe-%lu", GetCurrentProcessId());
    _snwprintf(dos_name, 95, L"\\\\.\\pipe\\sill-nt-pipe-%lu", GetCurrentProcessId());
    UNICODE_STRING name;
    OBJECT_ATTRIBUTES attr;
    IO_STATUS_BLOCK io;
    HANDLE server = NULL, second = NULL;

    set_name(&name, nt_name);
    init_attr(&attr, NULL, &name);
    NTSTATUS s = create_pipe(&server, &attr, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &io);
    tap_int(s, ST_SUCCESS, "NtCreateNamedPipeFile creates \\Device\\NamedPipe\\NAME");
    s = create_pipe(&second, &attr, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &io);
    tap_ok(s != ST_SUCCESS, "a second instance past the maximum of one fails");

    HANDLE client = CreateFileW(dos_name, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    tap_ok(client != INVALID_HANDLE_VALUE, "CreateFile opens it as \\\\.\\pipe\\NAME");
    DWORD n = 0;
    char buf[8] = {0};
    BOOL ok = WriteFile(client, "ping", 4, &n, NULL);
    OVERLAPPED ov = {0};
    ov.hEvent = CreateEventA(NULL, TRUE, FALSE, NULL);
    ok = ok && (ReadFile(server, buf, sizeof buf, NULL, &ov) || GetLastError() == ERROR_IO_PENDING);
    ok = ok && GetOverlappedResult(server, &ov, &n, TRUE);
    tap_ok(ok && n == 4 && memcmp(buf, "ping", 4) == 0, "the client and the ntdll-made server talk");
    CloseHandle(ov.hEvent);
    CloseHandle(client);
    CloseHandle(server);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    pNtCreateNamedPipeFile = (NtCreateNamedPipeFile_fn)(void *)GetProcAddress(ntdll, "NtCreateNamedPipeFile");
    pNtOpenFile = (NtOpenFile_fn)(void *)GetProcAddress(ntdll, "NtOpenFile");
    pNtReadFile = (NtReadFile_fn)(void *)GetProcAddress(ntdll, "NtReadFile");
    pNtCancelIoFileEx = (NtCancelIoFileEx_fn)(void *)GetProcAddress(ntdll, "NtCancelIoFileEx");
    if (!pNtCreateNamedPipeFile || !pNtOpenFile || !pNtReadFile || !pNtCancelIoFileEx) {
        tap_ok(0, "ntdll exports NtCreateNamedPipeFile, NtOpenFile, NtReadFile, NtCancelIoFileEx");
        return tap_done();
    }
    test_anonymous();
    test_named();
    return tap_done();
}

/* Standard handles when the parent gives pipes (as the runner does): kernel32
 * sees pipes, WriteFile writes bytes untouched, msvcrt translates "\n" only in
 * text mode, and _setmode switches a stream to binary. The runner checks the
 * exact bytes, so every "\r" below is deliberate. */
#include <fcntl.h>
#include <io.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

static BOOL write_raw(HANDLE h, const char *text)
{
    DWORD written = 0;
    BOOL ok = WriteFile(h, text, (DWORD)strlen(text), &written, NULL);
    return ok && written == strlen(text);
}

int main(void)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
    tap_ok(in != NULL && in != INVALID_HANDLE_VALUE, "GetStdHandle(STD_INPUT_HANDLE) is valid");
    tap_ok(out != NULL && out != INVALID_HANDLE_VALUE, "GetStdHandle(STD_OUTPUT_HANDLE) is valid");
    tap_ok(err != NULL && err != INVALID_HANDLE_VALUE, "GetStdHandle(STD_ERROR_HANDLE) is valid");
    tap_ok(in != out && out != err, "the three handles are distinct");
    tap_int(GetFileType(out), FILE_TYPE_PIPE, "stdout is a pipe");
    tap_int(GetFileType(in), FILE_TYPE_PIPE, "stdin is a pipe");

    DWORD mode = 0;
    SetLastError(0);
    tap_ok(!GetConsoleMode(out, &mode), "GetConsoleMode fails on a pipe");
    tap_int(GetLastError(), ERROR_INVALID_HANDLE, "...with ERROR_INVALID_HANDLE");

    tap_ok(write_raw(out, "# raw WriteFile\n"), "WriteFile to stdout writes every byte");
    tap_ok(write_raw(err, "stderr via WriteFile\n"), "WriteFile to stderr succeeds");
    tap_int(_get_osfhandle(1), (intptr_t)out, "_get_osfhandle(1) is the stdout handle");

    printf("# text mode\n");
    fflush(stdout);
    tap_int(_setmode(_fileno(stdout), _O_BINARY), _O_TEXT, "_setmode returns the previous mode (text)");
    printf("# binary mode\n");
    fflush(stdout);
    tap_int(_setmode(_fileno(stdout), _O_TEXT), _O_BINARY, "_setmode back to text returns binary");

    /* Microsoft documents FALSE with ERROR_BROKEN_PIPE once the writer has
     * closed an anonymous pipe; Wine 8 returns TRUE with 0 bytes for a Unix
     * pipe. msvcrt reads both as end of file, so either is accepted. */
    char buf[8];
    DWORD got = 1;
    SetLastError(0);
    BOOL ok = ReadFile(in, buf, sizeof buf, &got, NULL);
    tap_ok(got == 0 && (ok || GetLastError() == ERROR_BROKEN_PIPE),
           "ReadFile at the end of an empty pipe reads 0 bytes (or reports ERROR_BROKEN_PIPE)");
    return tap_done();
}

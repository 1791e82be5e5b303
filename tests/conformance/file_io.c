/* msvcrt file streams in a fresh folder under GetTempPath: text mode writes
 * "\n" as "\r\n" on disk and reads it back as "\n"; binary mode keeps bytes;
 * fseek/ftell work on byte offsets; files are removed again. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "tap.h"

static char folder[MAX_PATH];

static const char *in_folder(const char *name)
{
    static char path[MAX_PATH * 2];
    snprintf(path, sizeof path, "%s\\%s", folder, name);
    return path;
}

static void text_mode(void)
{
    FILE *f = fopen(in_folder("text.txt"), "w");
    if (!tap_ok(f != NULL, "fopen(\"w\") creates a file")) return;
    tap_int(fputs("one\ntwo\n", f), 0, "fputs succeeds");
    tap_int(fclose(f), 0, "fclose succeeds");

    char buf[64] = {0};
    f = fopen(in_folder("text.txt"), "rb");
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f) fclose(f);
    tap_int((long long)n, 10, "text mode wrote 10 bytes for 8 characters");
    tap_ok(memcmp(buf, "one\r\ntwo\r\n", 10) == 0, "on disk every \\n is \\r\\n");

    memset(buf, 0, sizeof buf);
    f = fopen(in_folder("text.txt"), "r");
    n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f) fclose(f);
    tap_int((long long)n, 8, "reading in text mode gives 8 characters");
    tap_str(buf, "one\ntwo\n", "...with \\r\\n turned back into \\n");
}

static void binary_mode(void)
{
    unsigned char data[256];
    for (int i = 0; i < 256; ++i) data[i] = (unsigned char)i;
    FILE *f = fopen(in_folder("data.bin"), "wb");
    if (!tap_ok(f != NULL, "fopen(\"wb\") creates a file")) return;
    tap_int((long long)fwrite(data, 1, sizeof data, f), 256, "fwrite writes every byte");
    tap_int(ftell(f), 256, "ftell after writing");
    fclose(f);

    unsigned char back[256] = {0};
    f = fopen(in_folder("data.bin"), "rb");
    if (!tap_ok(f != NULL, "fopen(\"rb\") opens it")) return;
    tap_int((long long)fread(back, 1, sizeof back, f), 256, "fread reads every byte");
    tap_ok(memcmp(back, data, sizeof data) == 0, "binary mode keeps bytes, \\r, \\n and 0x1a included");
    tap_int(fseek(f, 100, SEEK_SET), 0, "fseek(SEEK_SET)");
    tap_int(fgetc(f), 100, "reads the byte at that offset");
    tap_int(fseek(f, -6, SEEK_END), 0, "fseek(SEEK_END)");
    tap_int(ftell(f), 250, "ftell after fseek from the end");
    tap_int(fseek(f, 2, SEEK_CUR), 0, "fseek(SEEK_CUR)");
    tap_int(fgetc(f), 252, "reads the byte at the new offset");
    tap_int(fgetc(f), 253, "and the next one");
    fseek(f, 0, SEEK_END);
    tap_int(fgetc(f), EOF, "fgetc at the end gives EOF");
    tap_ok(feof(f) != 0, "feof is set");
    fclose(f);

    f = fopen(in_folder("data.bin"), "ab");
    fputc('!', f);
    fclose(f);
    WIN32_FILE_ATTRIBUTE_DATA attr;
    tap_ok(GetFileAttributesExA(in_folder("data.bin"), GetFileExInfoStandard, &attr) &&
               attr.nFileSizeLow == 257,
           "append mode adds at the end");
}

int main(void)
{
    char temp[MAX_PATH];
    DWORD n = GetTempPathA(sizeof temp, temp);
    tap_ok(n > 0 && n < sizeof temp && temp[n - 1] == '\\', "GetTempPath ends with a backslash");
    snprintf(folder, sizeof folder, "%ssill_file_io_%lu", temp, GetCurrentProcessId());
    if (!tap_ok(CreateDirectoryA(folder, NULL), "CreateDirectory in the temp folder")) return tap_done();

    text_mode();
    binary_mode();

    tap_int(remove(in_folder("text.txt")), 0, "remove deletes a file");
    tap_int(remove(in_folder("data.bin")), 0, "remove deletes another");
    tap_ok(fopen(in_folder("text.txt"), "r") == NULL, "a removed file cannot be opened");
    tap_ok(RemoveDirectoryA(folder), "RemoveDirectory of the emptied folder");
    return tap_done();
}

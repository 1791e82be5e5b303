/* Reads the lines the runner pipes in with fgets, in msvcrt's default text
 * mode (where "\r\n" arrives as "\n"), and prints each one upper-cased and
 * numbered as a TAP comment. The runner checks the exact output bytes.
 * argv[1] is the number of lines the runner sent. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

int main(int argc, char **argv)
{
    char line[256];
    int lines = 0, saw_cr = 0, unterminated = 0;
    while (fgets(line, sizeof line, stdin)) {
        size_t len = strlen(line);
        if (strchr(line, '\r')) saw_cr = 1;
        if (len > 0 && line[len - 1] == '\n') line[--len] = 0;
        else unterminated = 1;
        for (char *p = line; *p; ++p) *p = (char)toupper((unsigned char)*p);
        printf("# %d: %s (%d)\n", ++lines, line, (int)len);
    }
    tap_int(lines, argc > 1 ? atoi(argv[1]) : -1, "every line was read");
    tap_ok(!saw_cr, "text mode turns \\r\\n into \\n");
    tap_ok(unterminated, "a last line without newline is still returned");
    tap_ok(feof(stdin) && !ferror(stdin), "the stream ends at EOF without error");
    return tap_done();
}

/* The smallest contract: msvcrt's stdout is in text mode, so "\n" reaches the
 * pipe as "\r\n", and printf returns the characters it was given (before that
 * translation). The runner compares every byte of stdout. */
#include "tap.h"

int main(void)
{
    int n = printf("Hello, World!\n");
    tap_int(n, 14, "printf returns the length before newline translation");
    return tap_done();
}

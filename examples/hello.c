/* The classic first program. Kept to portable C: bench/ also builds it for
 * Linux to compare start-up times. */
#include <stdio.h>

int main(void)
{
    printf("Hello, World!\n");
    return 0;
}

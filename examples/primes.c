/* Sieve of Eratosthenes with timing from QueryPerformanceCounter: plain
 * computation runs at native speed because the program's machine code runs
 * directly on the CPU; only the API calls go through the compatibility layer. */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

int main(int argc, char **argv)
{
    long limit = argc > 1 ? atol(argv[1]) : 10000000;
    if (limit < 2) limit = 2;
    unsigned char *composite = calloc((size_t)limit + 1, 1);
    if (!composite) {
        fprintf(stderr, "primes: out of memory\n");
        return 2;
    }

    LARGE_INTEGER freq, start, end;
    QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&start);
    long count = 0, largest = 0;
    for (long i = 2; i <= limit; ++i) {
        if (composite[i]) continue;
        ++count;
        largest = i;
        for (long long j = (long long)i * i; j <= limit; j += i) composite[j] = 1;
    }
    QueryPerformanceCounter(&end);
    free(composite);

    double ms = (double)(end.QuadPart - start.QuadPart) * 1000.0 / (double)freq.QuadPart;
    printf("%ld primes up to %ld, the largest is %ld\n", count, limit, largest);
    printf("sieve took %.1f ms\n", ms);
    return 0;
}

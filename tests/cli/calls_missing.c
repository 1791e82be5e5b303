/* Imports a kernel32 function that does not exist anywhere: loading must
 * succeed and the program run until it calls it. */
#include <stdio.h>

__declspec(dllimport) int SillNoSuchFunction(int value);

int main(int argc, char** argv) {
  printf("before the call\n");
  fflush(stdout);
  if (argc > 1) return SillNoSuchFunction(argc);
  return 0;
}

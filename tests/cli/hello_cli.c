/* A minimal program for the command-line tests: prints, then exits with argc. */
#include <stdio.h>
#include <windows.h>

int main(int argc, char** argv) {
  printf("hello from %d argument(s)\n", argc);
  SetLastError(0);
  return argc;
}

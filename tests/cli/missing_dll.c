/* Imports from a DLL that is not installed: calls into it fail by name. */
#include <stdio.h>

__declspec(dllimport) int sill_absent_function(void);

int main(void) {
  printf("started\n");
  fflush(stdout);
  return sill_absent_function();
}

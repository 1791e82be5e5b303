/* TAP reporting for programs built by clang for the MSVC target, without Windows SDK or
 * CRT headers: what they use of msvcrt.dll is declared here (the .def beside lists it). */
#pragma once

extern "C" {
int printf(const char* format, ...);
int puts(const char* s);
int fflush(void* stream);
[[noreturn]] void exit(int status);
void qsort(void* base, unsigned long long count, unsigned long long size, int (*compare)(const void*, const void*));
int strcmp(const char* a, const char* b);
}

static int tap_count;
static int tap_failed;

static inline int tap_ok(bool passed, const char* what) {
  ++tap_count;
  if (!passed) ++tap_failed;
  printf("%s %d - %s\n", passed ? "ok" : "not ok", tap_count, what);
  fflush(nullptr);
  return passed;
}

static inline int tap_int(long long got, long long want, const char* what) {
  ++tap_count;
  if (got == want) {
    printf("ok %d - %s\n", tap_count, what);
  } else {
    ++tap_failed;
    printf("not ok %d - %s (got %lld, expected %lld)\n", tap_count, what, got, want);
  }
  fflush(nullptr);
  return got == want;
}

static inline int tap_done() {
  printf("1..%d\n", tap_count);
  fflush(nullptr);
  return tap_failed ? 1 : 0;
}

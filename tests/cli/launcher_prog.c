/* The program the launcher tests drive (launcher_test.py, steam_test.py). One mode per run:
 *   exit CODE          ExitProcess(CODE), CODE in C notation (0xC0000005)
 *   env NAME...        prints NAME=value or NAME unset, one line each
 *   child-env NAME...  runs "launcher_prog env NAME..." as a child, waits, returns its exit code
 *   tree DEPTH         starts "tree DEPTH-1" (down to 0), says "ready PID" once, then sleeps for ever
 *   spawn-and-exit MS  starts "linger MS" and returns at once (a launcher stub)
 *   linger MS          sleeps MS milliseconds, then writes "lingered" to stdout and returns 0
 *   args ...           prints the command line and each argument
 *   cwd ...            prints the current directory, then each argument */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static BOOL start_self(const char* tail, PROCESS_INFORMATION* pi) {
  char self[MAX_PATH], line[2 * MAX_PATH];
  STARTUPINFOA si;
  GetModuleFileNameA(NULL, self, MAX_PATH);
  snprintf(line, sizeof line, "\"%s\" %s", self, tail);
  memset(&si, 0, sizeof si);
  si.cb = sizeof si;
  return CreateProcessA(NULL, line, NULL, NULL, TRUE, 0, NULL, NULL, &si, pi);
}

int main(int argc, char** argv) {
  PROCESS_INFORMATION pi;
  char tail[MAX_PATH];
  if (argc >= 3 && !strcmp(argv[1], "exit")) ExitProcess((UINT)strtoul(argv[2], NULL, 0));
  if (argc >= 2 && !strcmp(argv[1], "env")) {
    for (int i = 2; i < argc; ++i) {
      char value[4096];
      DWORD n = GetEnvironmentVariableA(argv[i], value, sizeof value);
      if (n == 0 || n >= sizeof value) printf("%s unset\n", argv[i]);
      else printf("%s=%s\n", argv[i], value);
    }
    return 0;
  }
  if (argc >= 2 && !strcmp(argv[1], "child-env")) {
    DWORD code = 99;
    snprintf(tail, sizeof tail, "env");
    for (int i = 2; i < argc; ++i) {
      strncat(tail, " ", sizeof tail - strlen(tail) - 1);
      strncat(tail, argv[i], sizeof tail - strlen(tail) - 1);
    }
    fflush(stdout);
    if (!start_self(tail, &pi)) return 98;
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    return (int)code;
  }
  if (argc >= 3 && !strcmp(argv[1], "tree")) {
    int depth = atoi(argv[2]);
    if (depth > 0) {
      snprintf(tail, sizeof tail, "tree %d", depth - 1);
      if (!start_self(tail, &pi)) return 98;
    } else {
      printf("ready %lu\n", GetCurrentProcessId());
      fflush(stdout);
    }
    Sleep(INFINITE);
  }
  if (argc >= 3 && !strcmp(argv[1], "spawn-and-exit")) {
    snprintf(tail, sizeof tail, "linger %s", argv[2]);
    return start_self(tail, &pi) ? 0 : 98;
  }
  if (argc >= 3 && !strcmp(argv[1], "linger")) {
    Sleep((DWORD)atoi(argv[2]));
    printf("lingered\n");
    return 0;
  }
  if (argc >= 2 && !strcmp(argv[1], "args")) {
    printf("cmdline %s\n", GetCommandLineA());
    for (int i = 2; i < argc; ++i) printf("arg %s\n", argv[i]);
    return 0;
  }
  if (argc >= 2 && !strcmp(argv[1], "cwd")) {
    char dir[MAX_PATH];
    GetCurrentDirectoryA(MAX_PATH, dir);
    printf("cwd %s\n", dir);
    for (int i = 2; i < argc; ++i) printf("arg %s\n", argv[i]);
    return 0;
  }
  fprintf(stderr, "launcher_prog: unknown mode\n");
  return 2;
}

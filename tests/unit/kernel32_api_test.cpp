// kernel32 behaviour on the host, with a test TEB/PEB behind GS so the last
// error and TLS work as they do under the loader.
#include <asm/prctl.h>
#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "ntdll/environment.h"
#include "ntdll/nt_structs.h"
#include "ntdll/path_mapping.h"
#include "win32/kernel32/kernel32.h"

using namespace sill;
using namespace sill::kernel32;

namespace {
nt::TEB* install_test_teb() {
  static thread_local nt::TEB teb;
  std::memset(&teb, 0, sizeof teb);
  teb.Tib.Self = &teb.Tib;
  syscall(SYS_arch_prctl, ARCH_SET_GS, &teb);
  return &teb;
}

class Kernel32 : public ::testing::Test {
 protected:
  void SetUp() override {
    install_test_teb();
    char tmpl[] = "/tmp/sill-k32-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    wdir_ = nt::unix_path_to_dos(dir_);
  }
  void TearDown() override {
    std::string cmd = "rm -rf '" + dir_ + "'";
    (void)std::system(cmd.c_str());
  }
  std::u16string path(std::u16string_view name) { return wdir_ + u"\\" + std::u16string(name); }
  std::string dir_;
  std::u16string wdir_;
};
}  // namespace

TEST_F(Kernel32, CreateFileDispositionsAndLastErrors) {
  std::u16string f = path(u"a.txt");
  SetLastError(1234);
  HANDLE h = CreateFileW(f.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr);
  EXPECT_EQ(h, INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 2u);
  std::u16string missing_dir = path(u"nodir\\a.txt");
  EXPECT_EQ(CreateFileW(missing_dir.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr), INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 3u);

  h = CreateFileW(f.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, nullptr);
  ASSERT_NE(h, INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 0u);
  DWORD written = 0;
  EXPECT_TRUE(WriteFile(h, "hello world", 11, &written, nullptr));
  EXPECT_EQ(written, 11u);
  EXPECT_TRUE(CloseHandle(h));
  EXPECT_FALSE(CloseHandle(h));
  EXPECT_EQ(GetLastError(), 6u);

  EXPECT_EQ(CreateFileW(f.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, 0, nullptr), INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 80u);  // ERROR_FILE_EXISTS

  h = CreateFileW(f.c_str(), GENERIC_READ, 0, nullptr, OPEN_ALWAYS, 0, nullptr);
  ASSERT_NE(h, INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 183u);  // ERROR_ALREADY_EXISTS on success
  LARGE_INTEGER size;
  EXPECT_TRUE(GetFileSizeEx(h, &size));
  EXPECT_EQ(size.QuadPart, 11);
  char buf[32] = {};
  DWORD got = 0;
  EXPECT_TRUE(ReadFile(h, buf, 5, &got, nullptr));
  EXPECT_EQ(std::string(buf, got), "hello");
  EXPECT_EQ(SetFilePointer(h, -2, nullptr, FILE_END), 9u);
  EXPECT_TRUE(ReadFile(h, buf, 32, &got, nullptr));
  EXPECT_EQ(std::string(buf, got), "ld");
  EXPECT_TRUE(ReadFile(h, buf, 32, &got, nullptr));  // end of file: success, 0 bytes
  EXPECT_EQ(got, 0u);
  OVERLAPPED ov{};
  ov.u.s.Offset = 6;
  EXPECT_TRUE(ReadFile(h, buf, 5, &got, &ov));
  EXPECT_EQ(std::string(buf, got), "world");
  ov.u.s.Offset = 100;
  EXPECT_FALSE(ReadFile(h, buf, 5, &got, &ov));
  EXPECT_EQ(GetLastError(), 38u);  // ERROR_HANDLE_EOF
  EXPECT_EQ(SetFilePointer(h, -100, nullptr, FILE_BEGIN), 0xFFFFFFFFu);
  EXPECT_EQ(GetLastError(), 131u);  // ERROR_NEGATIVE_SEEK
  EXPECT_EQ(GetFileType(h), FILE_TYPE_DISK);
  EXPECT_TRUE(CloseHandle(h));

  h = CreateFileW(f.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_ALWAYS, 0, nullptr);
  ASSERT_NE(h, INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 183u);
  EXPECT_TRUE(GetFileSizeEx(h, &size));
  EXPECT_EQ(size.QuadPart, 0);
  CloseHandle(h);

  // A directory opens only with FILE_FLAG_BACKUP_SEMANTICS.
  EXPECT_EQ(CreateFileW(wdir_.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0, nullptr), INVALID_HANDLE_VALUE);
  EXPECT_EQ(GetLastError(), 5u);
  h = CreateFileW(wdir_.c_str(), GENERIC_READ, 0, nullptr, OPEN_EXISTING, 0x02000000, nullptr);
  EXPECT_NE(h, INVALID_HANDLE_VALUE);
  CloseHandle(h);
}

TEST_F(Kernel32, DeleteOnCloseAndDirectories) {
  std::u16string f = path(u"tmp.bin");
  HANDLE h = CreateFileW(f.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, FILE_FLAG_DELETE_ON_CLOSE, nullptr);
  ASSERT_NE(h, INVALID_HANDLE_VALUE);
  EXPECT_NE(GetFileAttributesW(f.c_str()), INVALID_FILE_ATTRIBUTES);
  CloseHandle(h);
  EXPECT_EQ(GetFileAttributesW(f.c_str()), INVALID_FILE_ATTRIBUTES);
  EXPECT_EQ(GetLastError(), 2u);

  std::u16string d = path(u"sub");
  EXPECT_TRUE(CreateDirectoryW(d.c_str(), nullptr));
  EXPECT_FALSE(CreateDirectoryW(d.c_str(), nullptr));
  EXPECT_EQ(GetLastError(), 183u);
  EXPECT_EQ(GetFileAttributesW(d.c_str()) & FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_DIRECTORY);
  std::u16string inner = d + u"\\x.txt";
  HANDLE x = CreateFileW(inner.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, 0, nullptr);
  CloseHandle(x);
  EXPECT_FALSE(RemoveDirectoryW(d.c_str()));
  EXPECT_EQ(GetLastError(), 145u);
  EXPECT_FALSE(DeleteFileW(d.c_str()));
  EXPECT_EQ(GetLastError(), 5u);
  std::u16string moved = path(u"y.txt");
  EXPECT_TRUE(MoveFileExW(inner.c_str(), moved.c_str(), 0));
  EXPECT_TRUE(CopyFileW(moved.c_str(), inner.c_str(), TRUE));
  EXPECT_FALSE(CopyFileW(moved.c_str(), inner.c_str(), TRUE));
  EXPECT_EQ(GetLastError(), 80u);
  EXPECT_FALSE(MoveFileExW(moved.c_str(), inner.c_str(), 0));
  EXPECT_EQ(GetLastError(), 183u);
  EXPECT_TRUE(MoveFileExW(moved.c_str(), inner.c_str(), MOVEFILE_REPLACE_EXISTING));
  EXPECT_TRUE(DeleteFileW(inner.c_str()));
  EXPECT_FALSE(DeleteFileW(inner.c_str()));
  EXPECT_EQ(GetLastError(), 2u);
  EXPECT_TRUE(RemoveDirectoryW(d.c_str()));
}

TEST_F(Kernel32, FindFilesWithWildcards) {
  for (const char16_t* n : {u"one.txt", u"two.txt", u"three.log", u"noext"}) {
    std::u16string p = path(n);
    CloseHandle(CreateFileW(p.c_str(), GENERIC_WRITE, 0, nullptr, CREATE_NEW, 0, nullptr));
  }
  auto count = [&](std::u16string_view pattern) {
    WIN32_FIND_DATAW d;
    std::u16string p = path(pattern);
    HANDLE h = FindFirstFileW(p.c_str(), &d);
    if (h == INVALID_HANDLE_VALUE) return -static_cast<int>(GetLastError());
    int n = 1;
    while (FindNextFileW(h, &d)) ++n;
    EXPECT_EQ(GetLastError(), 18u);  // ERROR_NO_MORE_FILES
    FindClose(h);
    return n;
  };
  EXPECT_EQ(count(u"*.TXT"), 2);
  EXPECT_EQ(count(u"t*"), 2);
  EXPECT_EQ(count(u"???.txt"), 2);
  EXPECT_EQ(count(u"*"), 6);  // with . and ..
  EXPECT_EQ(count(u"*."), 3);  // noext, . and ..
  EXPECT_EQ(count(u"*.zip"), -2);
  EXPECT_EQ(count(u"nodir\\*"), -3);
}

TEST_F(Kernel32, FullPathNameAndCurrentDirectory) {
  ASSERT_TRUE(SetCurrentDirectoryW(wdir_.c_str()));
  char16_t buf[512];
  DWORD n = GetCurrentDirectoryW(512, buf);
  EXPECT_EQ(std::u16string(buf, n), wdir_);
  char16_t* part = nullptr;
  n = GetFullPathNameW(u"sub\\..\\file.txt", 512, buf, &part);
  EXPECT_EQ(std::u16string(buf, n), wdir_ + u"\\file.txt");
  ASSERT_NE(part, nullptr);
  EXPECT_EQ(std::u16string(part), u"file.txt");
  EXPECT_EQ(GetFullPathNameW(u"x", 2, buf, nullptr), wdir_.size() + 3);  // needed size with NUL
  EXPECT_FALSE(SetCurrentDirectoryW(u"Z:\\definitely\\not\\here"));
  EXPECT_EQ(GetLastError(), 2u);
}

TEST_F(Kernel32, EnvironmentVariables) {
  EXPECT_TRUE(SetEnvironmentVariableW(u"Sill_K32", u"v1"));
  char16_t buf[8];
  EXPECT_EQ(GetEnvironmentVariableW(u"SILL_K32", buf, 8), 2u);
  EXPECT_EQ(std::u16string(buf), u"v1");
  EXPECT_EQ(GetEnvironmentVariableW(u"SILL_K32", buf, 2), 3u);  // too small: size with NUL
  char a[8];
  EXPECT_EQ(GetEnvironmentVariableA("sill_k32", a, 8), 2u);
  EXPECT_STREQ(a, "v1");
  EXPECT_EQ(ExpandEnvironmentStringsW(u"[%SILL_K32%]", buf, 8), 5u);  // counts the NUL
  EXPECT_EQ(std::u16string(buf), u"[v1]");
  EXPECT_TRUE(SetEnvironmentVariableW(u"SILL_K32", nullptr));
  EXPECT_EQ(GetEnvironmentVariableW(u"SILL_K32", buf, 8), 0u);
  EXPECT_EQ(GetLastError(), 203u);
  LPWSTR block = GetEnvironmentStringsW();
  ASSERT_NE(block, nullptr);
  EXPECT_TRUE(FreeEnvironmentStringsW(block));
}

TEST_F(Kernel32, CodePageLastErrors) {
  char16_t w[4];
  EXPECT_EQ(MultiByteToWideChar(CP_UTF8, 0, "abcdef", -1, w, 4), 0);
  EXPECT_EQ(GetLastError(), 122u);
  EXPECT_EQ(MultiByteToWideChar(CP_UTF8, 0, "abc", -1, nullptr, 0), 4);
  EXPECT_EQ(GetACP(), 1252u);
  EXPECT_EQ(GetOEMCP(), 437u);
  CPINFO info;
  EXPECT_TRUE(GetCPInfo(CP_UTF8, &info));
  EXPECT_EQ(info.MaxCharSize, 4u);
  EXPECT_FALSE(IsValidCodePage(12345));
  EXPECT_EQ(CompareStringOrdinal(u"abc", -1, u"ABD", -1, TRUE), 1);
  EXPECT_EQ(CompareStringOrdinal(u"abc", -1, u"ABC", -1, TRUE), 2);
  EXPECT_EQ(lstrcmpiW(u"Hello", u"hELLO"), 0);
}

TEST_F(Kernel32, FormatMessage) {
  char16_t buf[256];
  DWORD n = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr, 2, 0, buf, 256, nullptr);
  EXPECT_EQ(std::u16string(buf, n), u"The system cannot find the file specified.\r\n");
  EXPECT_EQ(FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM, nullptr, 0xDEAD, 0, buf, 256, nullptr), 0u);
  EXPECT_EQ(GetLastError(), 317u);
  ULONG_PTR args[] = {reinterpret_cast<ULONG_PTR>(u"world"), 42, 255};
  n = FormatMessageW(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ARGUMENT_ARRAY, u"Hello %1, %2!d! %3!04x!%%%n", 0, 0,
                     buf, 256, args);
  EXPECT_EQ(std::u16string(buf, n), u"Hello world, 42 00ff%\r\n");
  char* alloc = nullptr;
  ULONG_PTR aargs[] = {reinterpret_cast<ULONG_PTR>("x.exe")};
  n = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_ARGUMENT_ARRAY,
                     nullptr, 193, 0, reinterpret_cast<LPSTR>(&alloc), 0, aargs);
  ASSERT_NE(alloc, nullptr);
  EXPECT_STREQ(alloc, "x.exe is not a valid Win32 application.\r\n");
  EXPECT_EQ(LocalFree(alloc), nullptr);
}

TEST_F(Kernel32, HeapsAndVirtualMemory) {
  HANDLE heap = HeapCreate(0, 0, 0);
  ASSERT_NE(heap, nullptr);
  auto* p = static_cast<unsigned char*>(HeapAlloc(heap, HEAP_ZERO_MEMORY, 100));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p[99], 0);
  EXPECT_EQ(HeapSize(heap, 0, p), 100u);
  p = static_cast<unsigned char*>(HeapReAlloc(heap, HEAP_ZERO_MEMORY, p, 200));
  EXPECT_EQ(p[199], 0);
  EXPECT_EQ(HeapSize(heap, 0, p), 200u);
  HeapAlloc(heap, 0, 10);  // freed by HeapDestroy
  EXPECT_TRUE(HeapDestroy(heap));
  EXPECT_TRUE(HeapFree(GetProcessHeap(), 0, nullptr));

  char* v = static_cast<char*>(VirtualAlloc(nullptr, 0x30000, MEM_RESERVE, PAGE_READWRITE));
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(v) % 0x10000, 0u);
  MEMORY_BASIC_INFORMATION mbi;
  EXPECT_EQ(VirtualQuery(v, &mbi, sizeof mbi), sizeof mbi);
  EXPECT_EQ(mbi.State, MEM_RESERVE);
  EXPECT_EQ(mbi.RegionSize, 0x30000u);
  EXPECT_EQ(VirtualAlloc(v + 0x1000, 0x2000, MEM_COMMIT, PAGE_READWRITE), v + 0x1000);
  v[0x1000] = 1;
  EXPECT_EQ(VirtualQuery(v + 0x1800, &mbi, sizeof mbi), sizeof mbi);
  EXPECT_EQ(mbi.BaseAddress, v + 0x1000);
  EXPECT_EQ(mbi.AllocationBase, v);
  EXPECT_EQ(mbi.State, MEM_COMMIT);
  EXPECT_EQ(mbi.Protect, PAGE_READWRITE);
  EXPECT_EQ(mbi.RegionSize, 0x2000u);
  DWORD old = 0;
  EXPECT_TRUE(VirtualProtect(v + 0x1000, 0x1000, PAGE_READONLY, &old));
  EXPECT_EQ(old, PAGE_READWRITE);
  EXPECT_FALSE(VirtualFree(v + 0x1000, 0, MEM_RELEASE));
  EXPECT_TRUE(VirtualFree(v, 0, MEM_RELEASE));
  EXPECT_EQ(VirtualQuery(v, &mbi, sizeof mbi), sizeof mbi);
  EXPECT_EQ(mbi.State, 0x10000u);  // MEM_FREE
}

TEST_F(Kernel32, TlsSlotsAndTime) {
  DWORD i = TlsAlloc();
  ASSERT_NE(i, TLS_OUT_OF_INDEXES);
  SetLastError(5);
  EXPECT_EQ(TlsGetValue(i), nullptr);
  EXPECT_EQ(GetLastError(), 0u);
  EXPECT_TRUE(TlsSetValue(i, reinterpret_cast<void*>(7)));
  EXPECT_EQ(TlsGetValue(i), reinterpret_cast<void*>(7));
  EXPECT_TRUE(TlsFree(i));
  EXPECT_EQ(TlsGetValue(1090), nullptr);
  EXPECT_EQ(GetLastError(), 87u);
  // Slots beyond 64 use the expansion array.
  std::vector<DWORD> many;
  for (int k = 0; k < 70; ++k) many.push_back(TlsAlloc());
  EXPECT_TRUE(TlsSetValue(many.back(), reinterpret_cast<void*>(9)));
  EXPECT_EQ(TlsGetValue(many.back()), reinterpret_cast<void*>(9));
  for (DWORD k : many) TlsFree(k);

  SYSTEMTIME st{2024, 2, 0, 29, 13, 45, 30, 250};
  FILETIME ft;
  ASSERT_TRUE(SystemTimeToFileTime(&st, &ft));
  SYSTEMTIME back;
  ASSERT_TRUE(FileTimeToSystemTime(&ft, &back));
  EXPECT_EQ(back.wYear, 2024);
  EXPECT_EQ(back.wMonth, 2);
  EXPECT_EQ(back.wDay, 29);
  EXPECT_EQ(back.wDayOfWeek, 4);  // a Thursday
  EXPECT_EQ(back.wMilliseconds, 250);
  FILETIME epoch{0, 0};
  ASSERT_TRUE(FileTimeToSystemTime(&epoch, &back));
  EXPECT_EQ(back.wYear, 1601);
  EXPECT_EQ(back.wDayOfWeek, 1);
  SYSTEMTIME bad{2023, 2, 0, 29, 0, 0, 0, 0};
  EXPECT_FALSE(SystemTimeToFileTime(&bad, &ft));
  LARGE_INTEGER f;
  EXPECT_TRUE(QueryPerformanceFrequency(&f));
  EXPECT_EQ(f.QuadPart, 10000000);
}

TEST_F(Kernel32, EventsAndWaits) {
  HANDLE e = CreateEventW(nullptr, FALSE, FALSE, nullptr);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
  EXPECT_TRUE(SetEvent(e));
  EXPECT_EQ(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
  EXPECT_EQ(WaitForSingleObject(e, 0), WAIT_TIMEOUT);
  HANDLE m = CreateMutexW(nullptr, TRUE, nullptr);
  EXPECT_TRUE(ReleaseMutex(m));
  EXPECT_FALSE(ReleaseMutex(m));
  EXPECT_EQ(GetLastError(), 288u);
  HANDLE s = CreateSemaphoreW(nullptr, 0, 1, nullptr);
  EXPECT_TRUE(ReleaseSemaphore(s, 1, nullptr));
  LONG prev = -1;
  EXPECT_FALSE(ReleaseSemaphore(s, 1, &prev));
  EXPECT_EQ(GetLastError(), 298u);
  HANDLE both[] = {e, s};
  EXPECT_EQ(WaitForMultipleObjects(2, both, FALSE, 0), WAIT_OBJECT_0 + 1);
  EXPECT_EQ(WaitForSingleObject(reinterpret_cast<HANDLE>(0x4444), 0), WAIT_FAILED);
  EXPECT_EQ(GetLastError(), 6u);
  HANDLE dup = nullptr;
  EXPECT_TRUE(DuplicateHandle(GetCurrentProcess(), e, GetCurrentProcess(), &dup, 0, FALSE, 2));
  EXPECT_TRUE(SetEvent(dup));
  EXPECT_EQ(WaitForSingleObject(e, 0), WAIT_OBJECT_0);
  EXPECT_FALSE(SetEvent(m));  // a mutex is not an event
  EXPECT_EQ(GetLastError(), 6u);
  for (HANDLE h : {e, m, s, dup}) EXPECT_TRUE(CloseHandle(h));
}

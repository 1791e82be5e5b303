// The end of the line for an exception nothing handled: the process's
// unhandled-exception filter (SetUnhandledExceptionFilter), then a report a
// person can read on stderr, with a short backtrace in module+offset form.
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/module.h"
#include "ntdll/exception.h"
#include "ntdll/exception_bridge.h"

SILL_DEFAULT_DEBUG_CHANNEL(seh);

namespace sill::nt {
namespace {

std::atomic<TOP_LEVEL_EXCEPTION_FILTER> g_filter{nullptr};

const char* describe(DWORD code) {
  switch (code) {
    case STATUS_ACCESS_VIOLATION: return "access violation";
    case STATUS_IN_PAGE_ERROR: return "in-page error";
    case STATUS_GUARD_PAGE_VIOLATION: return "guard page violation";
    case STATUS_BREAKPOINT: return "breakpoint";
    case STATUS_SINGLE_STEP: return "single step";
    case STATUS_DATATYPE_MISALIGNMENT: return "datatype misalignment";
    case STATUS_ILLEGAL_INSTRUCTION: return "illegal instruction";
    case STATUS_PRIVILEGED_INSTRUCTION: return "privileged instruction";
    case STATUS_INTEGER_DIVIDE_BY_ZERO: return "integer divide by zero";
    case STATUS_INTEGER_OVERFLOW: return "integer overflow";
    case STATUS_FLOAT_DIVIDE_BY_ZERO: return "floating-point divide by zero";
    case STATUS_FLOAT_INVALID_OPERATION: return "floating-point invalid operation";
    case STATUS_FLOAT_OVERFLOW: return "floating-point overflow";
    case STATUS_FLOAT_UNDERFLOW: return "floating-point underflow";
    case STATUS_FLOAT_INEXACT_RESULT: return "floating-point inexact result";
    case STATUS_STACK_OVERFLOW: return "stack overflow";
    case STATUS_NONCONTINUABLE_EXCEPTION: return "noncontinuable exception continued";
    case STATUS_INVALID_DISPOSITION: return "invalid disposition from an exception handler";
    case STATUS_INVALID_UNWIND_TARGET: return "invalid unwind target";
    case STATUS_BAD_STACK: return "bad stack";
    case 0x20474343: return "C++ exception (GCC)";
    case 0xE06D7363: return "C++ exception (MSVC)";
    default: return nullptr;
  }
}

// "prog.exe+0x1234", "sill!symbol+0x12" or a bare address.
std::string locate(DWORD64 pc) {
  char buf[512];
  if (const loader::Module* m = loader::module_containing(reinterpret_cast<const void*>(pc))) {
    std::snprintf(buf, sizeof buf, "%s+%#llx", utf16_to_utf8(m->base_name).c_str(),
                  static_cast<unsigned long long>(pc - reinterpret_cast<DWORD64>(m->base)));
    return buf;
  }
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(pc), &info) && info.dli_fname) {
    const char* file = std::strrchr(info.dli_fname, '/');
    file = file ? file + 1 : info.dli_fname;
    if (info.dli_sname)
      std::snprintf(buf, sizeof buf, "%s!%s+%#llx", file, info.dli_sname,
                    static_cast<unsigned long long>(pc - reinterpret_cast<DWORD64>(info.dli_saddr)));
    else
      std::snprintf(buf, sizeof buf, "%s+%#llx", file,
                    static_cast<unsigned long long>(pc - reinterpret_cast<DWORD64>(info.dli_fbase)));
    return buf;
  }
  return "?";
}

}  // namespace

TOP_LEVEL_EXCEPTION_FILTER set_unhandled_filter(TOP_LEVEL_EXCEPTION_FILTER filter) {
  return g_filter.exchange(filter);
}

void report_unhandled(const EXCEPTION_RECORD* rec, const CONTEXT* ctx) {
  std::string line;
  char buf[256];
  std::snprintf(buf, sizeof buf, "sill: unhandled exception 0x%08X", rec->ExceptionCode);
  line += buf;
  const char* what = describe(rec->ExceptionCode);
  if (rec->ExceptionCode == STATUS_ACCESS_VIOLATION && rec->NumberParameters >= 2) {
    const char* op = rec->ExceptionInformation[0] == 1   ? "writing"
                     : rec->ExceptionInformation[0] == 8 ? "executing"
                                                         : "reading";
    std::snprintf(buf, sizeof buf, " (access violation %s %#llx)", op,
                  static_cast<unsigned long long>(rec->ExceptionInformation[1]));
    line += buf;
  } else if (what) {
    line += " (";
    line += what;
    line += ")";
  }
  const auto address = reinterpret_cast<DWORD64>(rec->ExceptionAddress);
  std::snprintf(buf, sizeof buf, " at %#llx (", static_cast<unsigned long long>(address));
  line += buf;
  line += locate(address);
  line += ")\n";

  // Backtrace: the frames from the exception's context upwards (PE frames, and Sill's own between them).
  CONTEXT cur = *ctx;
  for (int i = 0; i < 16 && cur.Rip; ++i) {
    std::snprintf(buf, sizeof buf, "  #%d %#llx (", i, static_cast<unsigned long long>(cur.Rip));
    line += buf;
    line += locate(cur.Rip);
    line += ")\n";
    if (const Bridge* b = bridge_at(cur)) {
      cur = *b->resume;
      continue;
    }
    Frame f;
    if (!step_frame(0, cur, f, nullptr)) break;
  }
  // One write, so reports of two threads do not interleave line by line.
  ssize_t ignored = ::write(2, line.data(), line.size());
  (void)ignored;
}

LONG unhandled_exception(EXCEPTION_POINTERS* pointers) {
  if (TOP_LEVEL_EXCEPTION_FILTER filter = g_filter.load()) {
    LONG r = filter(pointers);
    TRACE("unhandled-exception filter %p returned %d\n", reinterpret_cast<void*>(filter), r);
    if (r == EXCEPTION_CONTINUE_EXECUTION || r == EXCEPTION_EXECUTE_HANDLER) return r;
  }
  report_unhandled(pointers->ExceptionRecord, pointers->ContextRecord);
  return EXCEPTION_EXECUTE_HANDLER;
}

}  // namespace sill::nt

using namespace sill::nt;

// RtlCaptureStackBackTrace(skip, count, frames, hash): the C++ half, with the caller's context.
extern "C" USHORT sill_seh_backtrace_entry(CONTEXT* caller, const std::uint64_t* args) {
  const auto skip = static_cast<ULONG>(args[0]);
  const auto count = static_cast<ULONG>(args[1]);
  auto* frames = reinterpret_cast<void**>(args[2]);
  auto* hash = reinterpret_cast<ULONG*>(args[3]);
  CONTEXT cur = *caller;
  ULONG seen = 0;
  USHORT stored = 0;
  ULONG sum = 0;
  while (stored < count && cur.Rip) {
    if (const Bridge* b = bridge_at(cur)) {
      cur = *b->resume;
      continue;
    }
    if (seen++ >= skip) {
      frames[stored++] = reinterpret_cast<void*>(cur.Rip);
      sum += static_cast<ULONG>(cur.Rip);
    }
    Frame f;
    if (!step_frame(0, cur, f, nullptr)) break;
  }
  if (hash) *hash = sum;
  return stored;
}

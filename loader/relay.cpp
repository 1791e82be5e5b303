// +relay: every call into a built-in is logged with its arguments and return
// value. Fixed-argument functions enter through sill_relay_entry
// (relay_thunks.S), which logs, calls the function and logs the result; variadic
// ones through an entry that logs the fixed arguments and jumps on. Both are
// assembly with call-frame information, so exceptions unwind through them.
#include <cstdio>
#include <cstring>
#include <cstddef>
#include <string>
#include <unistd.h>

#include "base/debug.h"
#include "base/unicode.h"
#include "loader/callback.h"
#include "loader/code_arena.h"
#include "loader/loader_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(relay);

extern "C" void sill_relay_variadic_entry();
extern "C" void sill_relay_entry();

namespace sill::loader {

namespace {

// Standard layout: the assembly entry reads the first two fields.
struct RelayFunction {
  const void* target;
  std::uint64_t arg_count;
  const std::string* name;  // "kernel32.CreateFileW"
  const Export* e;
};
static_assert(offsetof(RelayFunction, target) == 0 && offsetof(RelayFunction, arg_count) == 8);

struct VariadicRelay {
  const void* target;  // first: read by the assembly entry
  std::string name;
  const Export* e;
};

// One argument for the log, the way Wine's relay prints them: numbers in hex, strings quoted.
std::string format_argument(char code, const void* value) {
  char buf[64];
  switch (code) {
    case 'i': {
      std::uint32_t v;
      std::memcpy(&v, value, 4);
      std::snprintf(buf, sizeof buf, "%08x", v);
      return buf;
    }
    case 'f': {
      float v;
      std::memcpy(&v, value, 4);
      std::snprintf(buf, sizeof buf, "%g", static_cast<double>(v));
      return buf;
    }
    case 'd': {
      double v;
      std::memcpy(&v, value, 8);
      std::snprintf(buf, sizeof buf, "%g", v);
      return buf;
    }
    default: break;
  }
  std::uint64_t v;
  std::memcpy(&v, value, 8);
  // Small values are not pointers (resource ids, atoms, NULL).
  if ((code == 's' || code == 'w') && v >= 0x10000) {
    std::string text = code == 's' ? std::string(reinterpret_cast<const char*>(v), strnlen(reinterpret_cast<const char*>(v), 80))
                                   : utf16_to_utf8(std::u16string_view(reinterpret_cast<const char16_t*>(v)).substr(0, 80));
    std::string out = code == 'w' ? "L\"" : "\"";
    for (char c : text) {
      if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c == '"') out += "\\\"";
      else out += c;
    }
    return out + "\"";
  }
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

void log_line(const std::string& line) {
  std::string out = std::to_string(gettid()) + ":" + line + "\n";
  (void)!write(2, out.data(), out.size());
}

}  // namespace

extern "C" void WINAPI sill_relay_log_call(const RelayFunction* r, const std::uint64_t* slots,
                                           const std::uint64_t* xmm) {
  const char* sig = r->e->signature;
  std::string line = "Call " + *r->name + "(";
  for (std::size_t i = 0; i < r->arg_count; ++i) {
    // Win64: the first four arguments travel in rcx/rdx/r8/r9 or xmm0-3, by position.
    bool fp = sig[i + 1] == 'f' || sig[i + 1] == 'd';
    if (i) line += ",";
    line += format_argument(sig[i + 1], (fp && i < 4) ? &xmm[i] : &slots[i]);
  }
  log_line(line + ")");
}

extern "C" void WINAPI sill_relay_log_return(const RelayFunction* r, std::uint64_t rax, std::uint64_t xmm0) {
  char code = r->e->signature[0];
  std::string line = "Ret  " + *r->name + "()";
  if (code == 'f' || code == 'd') line += " retval=" + format_argument(code, &xmm0);
  else if (code != 'v') line += " retval=" + format_argument(code == 'i' ? 'i' : 'q', &rax);
  log_line(line);
}

extern "C" void WINAPI sill_relay_log_variadic(const VariadicRelay* r, const std::uint64_t* regs) {
  const char* sig = r->e->signature;
  std::string line = "Call " + r->name + "(";
  std::size_t fixed = std::strlen(sig) - 2;  // minus the return code and the '.'
  for (std::size_t i = 0; i < fixed; ++i) {
    // Arguments 0-3 are in the saved registers; then the return address, the home area, the stack.
    const std::uint64_t* slot = i < 4 ? &regs[i] : &regs[5 + i];
    line += format_argument(sig[i + 1], slot);
    line += ",";
  }
  log_line(line + "...)");
}

// Functions that read or replace their caller's registers or stack: a thunk in between would
// hand them its own frame instead of the caller's. (Wine keeps a similar exclusion list.)
constexpr std::string_view kNeverRelayed[] = {
    "RtlCaptureContext", "RtlRestoreContext", "RtlRaiseException", "RtlUnwind", "RtlUnwindEx",
    "RtlCaptureStackBackTrace", "RtlVirtualUnwind", "RaiseException", "__C_specific_handler",
    "_setjmp", "_setjmpex", "setjmp", "longjmp", "_longjmpex", "NtContinue", "ExitThread",
};

static bool never_relayed(std::string_view name) {
  for (auto n : kNeverRelayed)
    if (n == name) return true;
  return false;
}

const void* relay_target(const BuiltinDll& dll, const Export& e) {
  if (!sill_debug_channel_.on(::sill::debug::Trace) || !e.signature || !e.address || never_relayed(e.name))
    return e.address;
  std::string dll_name(dll.name.substr(0, dll.name.rfind('.')));
  std::string name = dll_name + "." + std::string(e.name);
  std::size_t len = std::strlen(e.signature);
  if (len >= 2 && e.signature[len - 1] == '.') {
    auto* v = new VariadicRelay{e.address, name, &e};
    LoadAndJump stub(0x49, 0xBB, v, reinterpret_cast<const void*>(&sill_relay_variadic_entry));  // r11 = v
    if (void* code = allocate_code(stub.bytes)) return code;
    return e.address;
  }
  auto* r = new RelayFunction{e.address, len - 1, new std::string(name), &e};
  LoadAndJump stub(0x49, 0xBB, r, reinterpret_cast<const void*>(&sill_relay_entry));  // r11 = r
  if (void* code = allocate_code(stub.bytes)) return code;
  return e.address;
}

}  // namespace sill::loader

namespace sill::loader {

bool relay_callbacks_on() { return sill_debug_channel_.on(::sill::debug::Trace); }

void log_callback_call(const char* what, const void* fn) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "Call PE %s %p", what, fn);
  log_line(buf);
}

void log_callback_return(const char* what, const void* fn, std::uint64_t value) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "Ret  PE %s %p retval=%016llx", what, fn, static_cast<unsigned long long>(value));
  log_line(buf);
}

}  // namespace sill::loader

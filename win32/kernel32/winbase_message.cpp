// FormatMessageA/W: message texts for common system errors (Windows' English
// wording), inserts %1..%99 with optional !printf! specifiers, and escapes.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

#include "base/debug.h"
#include "ntdll/codepage.h"
#include "ntdll/heap.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(message);

namespace sill::kernel32 {

namespace {
struct SystemMessage {
  DWORD id;
  const char16_t* text;
};
constexpr SystemMessage kMessages[] = {
    {0, u"The operation completed successfully.\r\n"},
    {1, u"Incorrect function.\r\n"},
    {2, u"The system cannot find the file specified.\r\n"},
    {3, u"The system cannot find the path specified.\r\n"},
    {4, u"The system cannot open the file.\r\n"},
    {5, u"Access is denied.\r\n"},
    {6, u"The handle is invalid.\r\n"},
    {8, u"Not enough memory resources are available to process this command.\r\n"},
    {13, u"The data is invalid.\r\n"},
    {14, u"Not enough memory resources are available to complete this operation.\r\n"},
    {15, u"The system cannot find the drive specified.\r\n"},
    {16, u"The directory cannot be removed.\r\n"},
    {17, u"The system cannot move the file to a different disk drive.\r\n"},
    {18, u"There are no more files.\r\n"},
    {19, u"The media is write protected.\r\n"},
    {21, u"The device is not ready.\r\n"},
    {24, u"The program issued a command but the command length is incorrect.\r\n"},
    {31, u"A device attached to the system is not functioning.\r\n"},
    {32, u"The process cannot access the file because it is being used by another process.\r\n"},
    {33, u"The process cannot access the file because another process has locked a portion of the file.\r\n"},
    {38, u"Reached the end of the file.\r\n"},
    {39, u"The disk is full.\r\n"},
    {50, u"The request is not supported.\r\n"},
    {53, u"The network path was not found.\r\n"},
    {80, u"The file exists.\r\n"},
    {87, u"The parameter is incorrect.\r\n"},
    {109, u"The pipe has been ended.\r\n"},
    {110, u"The system cannot open the device or file specified.\r\n"},
    {111, u"The file name is too long.\r\n"},
    {112, u"There is not enough space on the disk.\r\n"},
    {120, u"This function is not supported on this system.\r\n"},
    {122, u"The data area passed to a system call is too small.\r\n"},
    {123, u"The filename, directory name, or volume label syntax is incorrect.\r\n"},
    {126, u"The specified module could not be found.\r\n"},
    {127, u"The specified procedure could not be found.\r\n"},
    {131, u"An attempt was made to move the file pointer before the beginning of the file.\r\n"},
    {145, u"The directory is not empty.\r\n"},
    {161, u"The specified path is invalid.\r\n"},
    {182, u"The operating system cannot run %1.\r\n"},
    {183, u"Cannot create a file when that file already exists.\r\n"},
    {193, u"%1 is not a valid Win32 application.\r\n"},
    {203, u"The system could not find the environment option that was entered.\r\n"},
    {206, u"The filename or extension is too long.\r\n"},
    {234, u"More data is available.\r\n"},
    {258, u"The wait operation timed out.\r\n"},
    {259, u"No more data is available.\r\n"},
    {267, u"The directory name is invalid.\r\n"},
    {288, u"Attempt to release mutex not owned by caller.\r\n"},
    {298, u"Too many posts were made to a semaphore.\r\n"},
    {317, u"The system cannot find message text for message number 0x%1 in the message file for %2.\r\n"},
    {433, u"A device which does not exist was specified.\r\n"},
    {487, u"Attempt to access invalid address.\r\n"},
    {995, u"The I/O operation has been aborted because of either a thread exit or an application request.\r\n"},
    {997, u"Overlapped I/O operation is in progress.\r\n"},
    {998, u"Invalid access to memory location.\r\n"},
    {1004, u"Invalid flags.\r\n"},
    {1113, u"No mapping for the Unicode character exists in the target multi-byte code page.\r\n"},
    {1117, u"The request could not be performed because of an I/O device error.\r\n"},
    {1168, u"Element not found.\r\n"},
    {1314, u"A required privilege is not held by the client.\r\n"},
    {1450, u"Insufficient system resources exist to complete the requested service.\r\n"},
    {1460, u"This operation returned because the timeout period expired.\r\n"},
};

const char16_t* system_message(DWORD id) {
  // An HRESULT wrapping a Win32 error (FACILITY_WIN32, 0x8007xxxx) has that error's text.
  if ((id & 0xFFFF0000u) == 0x80070000u) id &= 0xFFFFu;
  for (const SystemMessage& m : kMessages)
    if (m.id == id) return m.text;
  return nullptr;
}

// The argument slots: a va_list on Win64 is a pointer to consecutive 8-byte slots,
// exactly like the DWORD_PTR array of FORMAT_MESSAGE_ARGUMENT_ARRAY.
const ULONG_PTR* slots_of(DWORD flags, void* args) {
  if (!args) return nullptr;
  if (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) return static_cast<const ULONG_PTR*>(args);
  return *static_cast<const ULONG_PTR* const*>(args);
}

// Formats one insert with a printf-like spec (without '%'), Windows sizes:
// 'l' is 32-bit, I64/ll 64-bit, 'w'/'l' before s means wide, 'S' the other width.
std::u16string format_insert(std::u16string_view spec, ULONG_PTR value, bool wide_api) {
  std::string s = nt::from_utf16(nt::CP_ACP, spec);
  char conv = s.empty() ? 's' : s.back();
  std::string body = s.substr(0, s.empty() ? 0 : s.size() - 1);
  bool wide_str = wide_api;
  std::string flags;  // flags, width, precision without length modifiers
  bool is64 = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body.compare(i, 3, "I64") == 0) {
      is64 = true;
      i += 2;
    } else if (body[i] == 'I') {
      is64 = true;
    } else if (body[i] == 'l') {
      if (i + 1 < body.size() && body[i + 1] == 'l') { is64 = true; ++i; }
      else wide_str = true;
    } else if (body[i] == 'w') {
      wide_str = true;
    } else if (body[i] == 'h') {
      wide_str = false;
    } else {
      flags += body[i];
    }
  }
  if (conv == 's' || conv == 'S') {
    if (conv == 'S') wide_str = !wide_api;
    std::u16string str;
    if (!value) str = u"(null)";
    else if (wide_str) str = reinterpret_cast<const char16_t*>(value);
    else str = nt::ansi_to_utf16(reinterpret_cast<const char*>(value));
    if (flags.empty()) return str;
    std::string u8 = nt::from_utf16(nt::CP_UTF8, str);
    char buf[4096];
    std::snprintf(buf, sizeof buf, ("%" + flags + "s").c_str(), u8.c_str());
    return nt::to_utf16(nt::CP_UTF8, buf);
  }
  if (conv == 'c' || conv == 'C') return std::u16string(1, static_cast<char16_t>(value));
  char buf[128];
  if (conv == 'd' || conv == 'i') {
    long long v = is64 ? static_cast<long long>(value) : static_cast<long long>(static_cast<std::int32_t>(value));
    std::snprintf(buf, sizeof buf, ("%" + flags + "lld").c_str(), v);
  } else if (conv == 'u' || conv == 'x' || conv == 'X' || conv == 'o') {
    unsigned long long v = is64 ? value : static_cast<std::uint32_t>(value);
    std::snprintf(buf, sizeof buf, ("%" + flags + "ll" + conv).c_str(), v);
  } else if (conv == 'p') {
    std::snprintf(buf, sizeof buf, "%016llX", static_cast<unsigned long long>(value));
  } else {
    FIXME_ONCE("insert format '%s' is not supported", s.c_str());
    return nt::to_utf16(nt::CP_ACP, "%" + s);
  }
  return nt::to_utf16(nt::CP_ACP, buf);
}

// Expands a message. Returns false (with the last error set) on failure.
bool expand(std::u16string_view text, DWORD flags, void* args, bool wide_api, std::u16string* out) {
  const ULONG_PTR* slots = slots_of(flags, args);
  bool ignore = flags & FORMAT_MESSAGE_IGNORE_INSERTS;
  if ((flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) && (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) != FORMAT_MESSAGE_MAX_WIDTH_MASK)
    FIXME_ONCE("line wrapping at a width is not done");
  for (std::size_t i = 0; i < text.size(); ++i) {
    char16_t c = text[i];
    if (c != u'%' || i + 1 >= text.size()) {
      // With MAX_WIDTH_MASK, the message's own line breaks become spaces.
      if ((flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) == FORMAT_MESSAGE_MAX_WIDTH_MASK && (c == u'\r' || c == u'\n')) {
        if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') ++i;
        *out += u' ';
        continue;
      }
      *out += c;
      continue;
    }
    char16_t n = text[++i];
    if (n >= u'1' && n <= u'9') {
      std::size_t start = i - 1;
      unsigned num = n - u'0';
      if (i + 1 < text.size() && text[i + 1] >= u'0' && text[i + 1] <= u'9') num = num * 10 + (text[++i] - u'0');
      std::u16string_view spec = u"s";
      if (i + 1 < text.size() && text[i + 1] == u'!') {
        std::size_t end = text.find(u'!', i + 2);
        if (end != std::u16string_view::npos) {
          spec = text.substr(i + 2, end - i - 2);
          i = end;
        }
      }
      if (ignore) {
        out->append(text.substr(start, i - start + 1));
        continue;
      }
      if (!slots) {
        nt::set_last_error(win::ERROR_INVALID_PARAMETER);
        return false;
      }
      *out += format_insert(spec, slots[num - 1], wide_api);
      continue;
    }
    switch (n) {
      case u'0': return true;  // end of message, no newline
      case u'n': *out += u"\r\n"; break;
      case u'r': *out += u'\r'; break;
      case u't': *out += u'\t'; break;
      case u'b': *out += u' '; break;
      default: *out += n; break;  // %% %. %! %space: the character itself
    }
  }
  return true;
}

// Shared body of the A and W forms: the expanded message, or nullopt on failure.
std::optional<std::u16string> format_message(DWORD flags, const void* source, DWORD id, bool wide_api, void* args) {
  std::u16string text;
  if (flags & FORMAT_MESSAGE_FROM_STRING) {
    if (!source) return fail_error(win::ERROR_INVALID_PARAMETER, std::optional<std::u16string>{});
    text = wide_api ? std::u16string(static_cast<const char16_t*>(source))
                    : nt::ansi_to_utf16(static_cast<const char*>(source));
  } else if (flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE)) {
    const char16_t* m = nullptr;
    if ((flags & FORMAT_MESSAGE_FROM_HMODULE) && source) FIXME("message tables in modules are not read yet");
    if (flags & FORMAT_MESSAGE_FROM_SYSTEM) m = system_message(id);
    if (!m) {
      if (flags & FORMAT_MESSAGE_FROM_SYSTEM) WARN("no text for system message %u", id);
      return fail_error(win::ERROR_MR_MID_NOT_FOUND, std::optional<std::u16string>{});
    }
    text = m;
  } else {
    return fail_error(win::ERROR_INVALID_PARAMETER, std::optional<std::u16string>{});
  }
  std::u16string out;
  if (!expand(text, flags, args, wide_api, &out)) return std::nullopt;
  return out;
}

template <class C>
DWORD deliver(std::basic_string_view<C> s, DWORD flags, C* buffer, DWORD size) {
  if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
    std::size_t n = std::max<std::size_t>(s.size() + 1, size);
    auto* p = static_cast<C*>(nt::heap_alloc(nt::process_heap(), 0, n * sizeof(C)));
    if (!p) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
    std::memcpy(p, s.data(), s.size() * sizeof(C));
    p[s.size()] = 0;
    *reinterpret_cast<C**>(buffer) = p;
    return static_cast<DWORD>(s.size());
  }
  if (!buffer || s.size() + 1 > size) return fail_error(win::ERROR_INSUFFICIENT_BUFFER, 0u);
  std::memcpy(buffer, s.data(), s.size() * sizeof(C));
  buffer[s.size()] = 0;
  return static_cast<DWORD>(s.size());
}
}  // namespace

DWORD WINAPI FormatMessageW(DWORD flags, const void* source, DWORD id, DWORD lang, LPWSTR buffer, DWORD size,
                            void* args) noexcept {
  try {
    if (lang != 0 && (lang & 0x3FF) != 0x09) FIXME_ONCE("language %#x: English text is given", lang);
    auto s = format_message(flags, source, id, true, args);
    if (!s) return 0;
    return deliver<char16_t>(*s, flags, buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

DWORD WINAPI FormatMessageA(DWORD flags, const void* source, DWORD id, DWORD lang, LPSTR buffer, DWORD size,
                            void* args) noexcept {
  try {
    auto s = format_message(flags, source, id, false, args);
    if (!s) return 0;
    return deliver<char>(nt::utf16_to_ansi(*s), flags, buffer, size);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, 0u);
  }
}

}  // namespace sill::kernel32

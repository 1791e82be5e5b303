// Console functions on ttys: a console handle is a File whose fd is a tty.
// Text crosses as UTF-8 to the terminal; Windows programs see their code pages.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "base/debug.h"
#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "ntdll/handle_table.h"
#include "win32/kernel32/console.h"
#include "win32/kernel32/kernel32.h"
#include "win32/kernel32/kernel32_internal.h"

SILL_DEFAULT_DEBUG_CHANNEL(console);

namespace sill::kernel32 {

namespace {
std::atomic<UINT> g_input_cp{0}, g_output_cp{0};  // 0: the OEM code page
std::mutex g_handlers_lock;
PHANDLER_ROUTINE g_handlers[64];
unsigned g_handler_count = 0;
bool g_ignore_ctrl_c = false;

// The tty File behind a console handle, or the Win32 error to report.
Expected<nt::Ref<nt::File>, DWORD> console_file(HANDLE h) {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f || !(*f)->is_tty()) return Unexpected{win::ERROR_INVALID_HANDLE};
  return std::move(*f);
}

// Reads one line (or what is available) from the tty into the pending buffer.
NTSTATUS fill_pending(nt::File& f) {
  char buf[4096];
  ssize_t n;
  do {
    n = read(f.fd(), buf, sizeof buf);
  } while (n < 0 && errno == EINTR);
  if (n < 0) return nt::status_from_errno(errno);
  std::u16string text = utf8_to_utf16(std::string_view(buf, static_cast<std::size_t>(n)));
  // Line input mode hands out Windows line ends.
  for (char16_t c : text) {
    if (c == u'\n' && (f.console_mode & 2)) f.pending_input += u'\r';
    f.pending_input += c;
  }
  return nt::STATUS_SUCCESS;
}
}  // namespace

UINT console_input_cp() {
  UINT cp = g_input_cp;
  return cp ? cp : nt::oem_code_page();
}
UINT console_output_cp() {
  UINT cp = g_output_cp;
  return cp ? cp : nt::oem_code_page();
}

NTSTATUS console_write_bytes(nt::File& f, const char* data, std::size_t len, std::size_t* done) {
  UINT cp = console_output_cp();
  bool ascii = true;
  for (std::size_t i = 0; i < len && ascii; ++i) ascii = static_cast<unsigned char>(data[i]) < 0x80;
  if (ascii || cp == nt::CP_UTF8) return nt::write_file(f, data, len, std::nullopt, done);
  std::string utf8 = utf16_to_utf8(nt::to_utf16(cp, std::string_view(data, len)));
  std::size_t written;
  NTSTATUS s = nt::write_file(f, utf8.data(), utf8.size(), std::nullopt, &written);
  *done = nt::nt_success(s) ? len : 0;
  return s;
}

NTSTATUS console_read_bytes(nt::File& f, char* buf, std::size_t len, std::size_t* done) {
  std::lock_guard g(f.input_lock);
  *done = 0;
  if (f.pending_input.empty()) {
    NTSTATUS s = fill_pending(f);
    if (!nt::nt_success(s)) return s;
  }
  UINT cp = console_input_cp();
  // Hand out whole characters that fit.
  std::size_t used = 0;
  std::string out;
  while (used < f.pending_input.size()) {
    std::size_t n = (f.pending_input[used] >= 0xD800 && f.pending_input[used] <= 0xDBFF) ? 2 : 1;
    std::string piece = nt::from_utf16(cp, std::u16string_view(f.pending_input).substr(used, n));
    if (out.size() + piece.size() > len) break;
    out += piece;
    used += n;
  }
  f.pending_input.erase(0, used);
  std::memcpy(buf, out.data(), out.size());
  *done = out.size();
  return nt::STATUS_SUCCESS;
}

BOOL WINAPI GetConsoleMode(HANDLE h, DWORD* mode) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  if (mode) *mode = (*f)->console_mode;
  return TRUE;
}

BOOL WINAPI SetConsoleMode(HANDLE h, DWORD mode) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  constexpr DWORD ENABLE_VIRTUAL_TERMINAL_PROCESSING = 4, ENABLE_ECHO_INPUT = 4, ENABLE_LINE_INPUT = 2;
  (void)ENABLE_VIRTUAL_TERMINAL_PROCESSING;
  DWORD old = (*f)->console_mode.exchange(mode);
  if ((old ^ mode) & (ENABLE_LINE_INPUT | ENABLE_ECHO_INPUT))
    FIXME("console input modes are recorded, the tty is not switched (mode %#x)", mode);
  return TRUE;
}

BOOL WINAPI WriteConsoleW(HANDLE h, const void* buffer, DWORD chars, DWORD* written, void* reserved) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  try {
    std::string utf8 = utf16_to_utf8(std::u16string_view(static_cast<const char16_t*>(buffer), chars));
    std::size_t done;
    NTSTATUS s = nt::write_file(**f, utf8.data(), utf8.size(), std::nullopt, &done);
    if (!nt::nt_success(s)) return fail_status(s, FALSE);
    if (written) *written = chars;
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI WriteConsoleA(HANDLE h, const void* buffer, DWORD chars, DWORD* written, void* reserved) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  try {
    std::size_t done;
    NTSTATUS s = console_write_bytes(**f, static_cast<const char*>(buffer), chars, &done);
    if (!nt::nt_success(s)) return fail_status(s, FALSE);
    if (written) *written = static_cast<DWORD>(done);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI ReadConsoleW(HANDLE h, void* buffer, DWORD chars, DWORD* read_count, void* control) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  if (control) FIXME_ONCE("CONSOLE_READCONSOLE_CONTROL is ignored");
  try {
    nt::File& file = **f;
    std::lock_guard g(file.input_lock);
    if (file.pending_input.empty()) {
      NTSTATUS s = fill_pending(file);
      if (!nt::nt_success(s)) return fail_status(s, FALSE);
    }
    std::size_t n = std::min<std::size_t>(chars, file.pending_input.size());
    std::memcpy(buffer, file.pending_input.data(), n * 2);
    file.pending_input.erase(0, n);
    if (read_count) *read_count = static_cast<DWORD>(n);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI ReadConsoleA(HANDLE h, void* buffer, DWORD chars, DWORD* read_count, void* control) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  try {
    std::size_t done;
    NTSTATUS s = console_read_bytes(**f, static_cast<char*>(buffer), chars, &done);
    if (!nt::nt_success(s)) return fail_status(s, FALSE);
    if (read_count) *read_count = static_cast<DWORD>(done);
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

UINT WINAPI GetConsoleCP() noexcept { return console_input_cp(); }
UINT WINAPI GetConsoleOutputCP() noexcept { return console_output_cp(); }
BOOL WINAPI SetConsoleCP(UINT cp) noexcept {
  if (!nt::is_supported_code_page(cp) || cp < 3) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  g_input_cp = cp;
  return TRUE;
}
BOOL WINAPI SetConsoleOutputCP(UINT cp) noexcept {
  if (!nt::is_supported_code_page(cp) || cp < 3) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  g_output_cp = cp;
  return TRUE;
}

BOOL WINAPI SetConsoleCtrlHandler(PHANDLER_ROUTINE handler, BOOL add) noexcept {
  std::lock_guard g(g_handlers_lock);
  FIXME_ONCE("control handlers are recorded but Ctrl-C is not delivered to them");
  if (!handler) {
    g_ignore_ctrl_c = add;
    return TRUE;
  }
  if (add) {
    if (g_handler_count == 64) return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
    g_handlers[g_handler_count++] = handler;
    return TRUE;
  }
  for (unsigned i = g_handler_count; i-- > 0;) {
    if (g_handlers[i] == handler) {
      std::memmove(&g_handlers[i], &g_handlers[i + 1], (g_handler_count - i - 1) * sizeof handler);
      --g_handler_count;
      return TRUE;
    }
  }
  return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
}

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO* info) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  FIXME_ONCE("the cursor position and attributes are not tracked");
  winsize ws{};
  if (ioctl((*f)->fd(), TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) {
    ws.ws_col = 80;
    ws.ws_row = 25;
  }
  std::memset(info, 0, sizeof *info);
  info->dwSize = {static_cast<SHORT>(ws.ws_col), static_cast<SHORT>(ws.ws_row)};
  info->wAttributes = 0x07;  // light grey on black
  info->srWindow = {0, 0, static_cast<SHORT>(ws.ws_col - 1), static_cast<SHORT>(ws.ws_row - 1)};
  info->dwMaximumWindowSize = info->dwSize;
  return TRUE;
}

}  // namespace sill::kernel32

// Console functions on ttys: a console handle is a File whose fd is a tty.
// Text crosses as UTF-8 to the terminal; Windows programs see their code pages.
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

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
// The screen buffer state Sill keeps for the terminal: it cannot read it back.
constexpr WORD kDefaultAttributes = 0x07;  // light grey on black
std::atomic<WORD> g_attributes{kDefaultAttributes};
std::atomic<int> g_cursor_x{0}, g_cursor_y{0};  // as last set by SetConsoleCursorPosition
std::atomic<DWORD> g_cursor_size{25};
std::atomic<bool> g_cursor_visible{true};

NTSTATUS write_escape(nt::File& f, const std::string& s) {
  std::size_t done;
  return nt::write_file(f, s.data(), s.size(), std::nullopt, &done);
}

// The tty File behind a console handle, or the Win32 error to report.
Expected<nt::Ref<nt::File>, DWORD> console_file(HANDLE h) {
  auto f = nt::handle_table().get<nt::File>(h);
  if (!f || !(*f)->is_tty()) return Unexpected{win::ERROR_INVALID_HANDLE};
  return std::move(*f);
}

// The terminal's size, 80x25 when it does not say.
winsize window_size(nt::File& f) {
  winsize ws{};
  if (ioctl(f.fd(), TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0 || ws.ws_row == 0) {
    ws.ws_col = 80;
    ws.ws_row = 25;
  }
  return ws;
}

// Console attributes as an SGR escape. Windows' colour bits are blue 1, green 2, red 4, which
// ANSI numbers red 1, green 2, blue 4; INTENSITY picks the bright range (90-97, 100-107).
std::string sgr_sequence(WORD attr) {
  if (attr == kDefaultAttributes) return "\x1b[0m";
  auto ansi = [](WORD bits) { return ((bits & 4) ? 1 : 0) | (bits & 2) | ((bits & 1) ? 4 : 0); };
  int fg = ansi(attr & 7) + ((attr & 0x08) ? 90 : 30);
  int bg = ansi((attr >> 4) & 7) + ((attr & 0x80) ? 100 : 40);
  std::string s = "\x1b[0;" + std::to_string(fg) + ";" + std::to_string(bg);
  if (attr & 0x4000) s += ";7";  // COMMON_LVB_REVERSE_VIDEO
  if (attr & 0x8000) s += ";4";  // COMMON_LVB_UNDERSCORE
  return s + "m";
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
  // Output modes (ENABLE_VIRTUAL_TERMINAL_PROCESSING included) need nothing: escapes reach the tty as written.
  constexpr DWORD ENABLE_ECHO_INPUT = 4, ENABLE_LINE_INPUT = 2;
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

// SetConsoleCtrlHandler and GenerateConsoleCtrlEvent: consoleapi_ctrl.cpp.

BOOL WINAPI GetConsoleScreenBufferInfo(HANDLE h, CONSOLE_SCREEN_BUFFER_INFO* info) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  FIXME_ONCE("the cursor position is the last one set, text written since is not followed");
  winsize ws = window_size(**f);
  std::memset(info, 0, sizeof *info);
  info->dwSize = {static_cast<SHORT>(ws.ws_col), static_cast<SHORT>(ws.ws_row)};
  info->dwCursorPosition = {static_cast<SHORT>(std::min<int>(g_cursor_x, ws.ws_col - 1)),
                            static_cast<SHORT>(std::min<int>(g_cursor_y, ws.ws_row - 1))};
  info->wAttributes = g_attributes;
  info->srWindow = {0, 0, static_cast<SHORT>(ws.ws_col - 1), static_cast<SHORT>(ws.ws_row - 1)};
  info->dwMaximumWindowSize = info->dwSize;
  return TRUE;
}

BOOL WINAPI SetConsoleTextAttribute(HANDLE h, WORD attributes) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  std::string sgr = sgr_sequence(attributes);
  std::size_t done;
  NTSTATUS s = nt::write_file(**f, sgr.data(), sgr.size(), std::nullopt, &done);
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  g_attributes = attributes;
  return TRUE;
}

BOOL WINAPI SetConsoleCursorPosition(HANDLE h, COORD pos) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  winsize ws = window_size(**f);
  if (pos.X < 0 || pos.Y < 0 || pos.X >= ws.ws_col || pos.Y >= ws.ws_row)
    return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  char cup[32];
  int n = std::snprintf(cup, sizeof cup, "\x1b[%d;%dH", pos.Y + 1, pos.X + 1);
  std::size_t done;
  NTSTATUS s = nt::write_file(**f, cup, static_cast<std::size_t>(n), std::nullopt, &done);
  if (!nt::nt_success(s)) return fail_status(s, FALSE);
  g_cursor_x = pos.X;
  g_cursor_y = pos.Y;
  return TRUE;
}

BOOL WINAPI GetConsoleCursorInfo(HANDLE h, CONSOLE_CURSOR_INFO* info) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  if (!info) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  info->dwSize = g_cursor_size;
  info->bVisible = g_cursor_visible ? TRUE : FALSE;
  return TRUE;
}

BOOL WINAPI SetConsoleCursorInfo(HANDLE h, const CONSOLE_CURSOR_INFO* info) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  if (!info || info->dwSize < 1 || info->dwSize > 100) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  // DECTCEM shows or hides the cursor; its size (percent of the cell) has no portable escape.
  if (info->dwSize != g_cursor_size) FIXME_ONCE("the cursor size (%u%%) is recorded, not shown", info->dwSize);
  try {
    NTSTATUS s = write_escape(**f, info->bVisible ? "\x1b[?25h" : "\x1b[?25l");
    if (!nt::nt_success(s)) return fail_status(s, FALSE);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  g_cursor_size = info->dwSize;
  g_cursor_visible = info->bVisible != FALSE;
  return TRUE;
}

namespace {
// Cells from `at` to the end of the screen buffer that a fill of `length` covers, or -1 when
// `at` lies outside it.
long long fill_cells(nt::File& f, COORD at, DWORD length) {
  winsize ws = window_size(f);
  if (at.X < 0 || at.Y < 0 || at.X >= ws.ws_col || at.Y >= ws.ws_row) return -1;
  long long left = static_cast<long long>(ws.ws_col) * ws.ws_row - (static_cast<long long>(at.Y) * ws.ws_col + at.X);
  return std::min<long long>(length, left);
}

std::string move_to(COORD at) {
  return "\x1b[" + std::to_string(at.Y + 1) + ";" + std::to_string(at.X + 1) + "H";
}
}  // namespace

BOOL WINAPI FillConsoleOutputCharacterW(HANDLE h, WCHAR c, DWORD length, COORD at, DWORD* written) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  long long cells = fill_cells(**f, at, length);
  if (cells < 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  // Written at the position with the cursor saved and restored (DECSC/DECRC); the terminal's
  // auto-wrap continues on the next lines.
  FIXME_ONCE("the characters take the current attributes, not those of the cells they replace");
  try {
    std::string one = utf16_to_utf8(std::u16string_view(reinterpret_cast<const char16_t*>(&c), 1));
    std::string out = "\0337" + move_to(at);
    out.reserve(out.size() + one.size() * static_cast<std::size_t>(cells) + 2);
    for (long long i = 0; i < cells; ++i) out += one;
    out += "\0338";
    NTSTATUS s = write_escape(**f, out);
    if (!nt::nt_success(s)) return fail_status(s, FALSE);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
  if (written) *written = static_cast<DWORD>(cells);
  return TRUE;
}

BOOL WINAPI FillConsoleOutputCharacterA(HANDLE h, CHAR c, DWORD length, COORD at, DWORD* written) noexcept {
  try {
    std::u16string w = nt::to_utf16(console_output_cp(), std::string_view(&c, 1));
    return FillConsoleOutputCharacterW(h, w.empty() ? u'?' : w[0], length, at, written);
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI FillConsoleOutputAttribute(HANDLE h, WORD attributes, DWORD length, COORD at, DWORD* written) noexcept {
  auto f = console_file(h);
  if (!f) return fail_error(f.error(), FALSE);
  long long cells = fill_cells(**f, at, length);
  if (cells < 0) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  // A terminal cannot recolour cells in place. The common use, clearing the screen (fill with
  // spaces, then attributes, to the end), is rendered by erasing to the end of the screen (ED)
  // in the attributes' colours; shorter fills are not shown.
  winsize ws = window_size(**f);
  long long to_end = static_cast<long long>(ws.ws_col) * ws.ws_row - (static_cast<long long>(at.Y) * ws.ws_col + at.X);
  if (cells < to_end) {
    FIXME_ONCE("attribute fills that stop before the end of the screen are not shown");
  } else {
    try {
      NTSTATUS s = write_escape(**f, "\0337" + move_to(at) + sgr_sequence(attributes) + "\x1b[J" +
                                         sgr_sequence(g_attributes) + "\0338");
      if (!nt::nt_success(s)) return fail_status(s, FALSE);
    } catch (...) {
      return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
    }
  }
  if (written) *written = static_cast<DWORD>(cells);
  return TRUE;
}

BOOL WINAPI SetConsoleTitleW(LPCWSTR title) noexcept {
  if (!title) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    // OSC 0 sets the terminal's icon name and title; control characters would end it early.
    std::string text = utf16_to_utf8(std::u16string_view(title));
    std::erase_if(text, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    std::string osc = "\x1b]0;" + text + "\x07";
    for (DWORD which : {STD_OUTPUT_HANDLE, STD_ERROR_HANDLE}) {
      auto f = console_file(GetStdHandle(which));
      if (!f) continue;
      std::size_t done;
      NTSTATUS s = nt::write_file(**f, osc.data(), osc.size(), std::nullopt, &done);
      if (!nt::nt_success(s)) return fail_status(s, FALSE);
      return TRUE;
    }
    FIXME_ONCE("no terminal to show the console title on");
    return TRUE;
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

BOOL WINAPI SetConsoleTitleA(LPCSTR title) noexcept {
  if (!title) return fail_error(win::ERROR_INVALID_PARAMETER, FALSE);
  try {
    std::u16string w = nt::to_utf16(console_output_cp(), std::string_view(title));
    return SetConsoleTitleW(w.c_str());
  } catch (...) {
    return fail_error(win::ERROR_NOT_ENOUGH_MEMORY, FALSE);
  }
}

}  // namespace sill::kernel32

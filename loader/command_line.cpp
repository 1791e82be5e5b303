#include "loader/command_line.h"

namespace sill::loader {

std::u16string quote_windows_argument(std::u16string_view arg) {
  bool needs_quotes = arg.empty() || arg.find_first_of(u" \t\n\v\"") != std::u16string_view::npos;
  if (!needs_quotes) return std::u16string(arg);
  std::u16string out(1, u'"');
  std::size_t backslashes = 0;
  for (char16_t c : arg) {
    if (c == u'\\') {
      ++backslashes;
      continue;
    }
    if (c == u'"') {
      // 2n backslashes + \" give n backslashes and a literal quote.
      out.append(backslashes * 2 + 1, u'\\');
      out += u'"';
    } else {
      out.append(backslashes, u'\\');
      out += c;
    }
    backslashes = 0;
  }
  // Backslashes before the closing quote must be doubled or they would escape it.
  out.append(backslashes * 2, u'\\');
  out.push_back(u'"');
  return out;
}

std::u16string build_windows_command_line(std::u16string_view program,
                                          const std::vector<std::u16string>& args) {
  std::u16string line;
  bool quote = program.find_first_of(u" \t") != std::u16string_view::npos;
  if (quote) line.push_back(u'"');
  line.append(program.data(), program.size());
  if (quote) line.push_back(u'"');
  for (const auto& a : args) {
    std::u16string quoted = quote_windows_argument(a);
    line.push_back(u' ');
    line.append(quoted.data(), quoted.size());
  }
  return line;
}

}  // namespace sill::loader

// Splitting a Windows command line into argv with the C runtime's rules, for the
// narrow and wide start-up alike:
// - argv[0] is the program name: a quoted part runs to the next quote, with no escapes;
//   otherwise it ends at the first space or tab;
// - other arguments are separated by spaces and tabs outside quotes;
// - 2n backslashes before a quote give n backslashes and the quote toggles quoting;
//   2n+1 backslashes before a quote give n backslashes and a literal quote;
// - other backslashes are literal;
// - inside quotes, "" gives a literal quote and ends the quoted part (msvcrt.dll).
#pragma once
#include <string>
#include <vector>

namespace sill::msvcrt {

template <class C>
std::vector<std::basic_string<C>> split_command_line(const C* p) {
  std::vector<std::basic_string<C>> args;
  if (!p) return args;
  auto blank = [](C c) { return c == C(' ') || c == C('\t'); };

  std::basic_string<C> arg;
  bool quoted = false;
  for (; *p; ++p) {
    if (*p == C('"')) {
      quoted = !quoted;
      continue;
    }
    if (!quoted && blank(*p)) break;
    arg.push_back(*p);
  }
  args.push_back(arg);

  for (;;) {
    while (*p && blank(*p)) ++p;
    if (!*p) break;
    arg.clear();
    quoted = false;
    while (*p) {
      if (!quoted && blank(*p)) break;
      if (*p == C('\\')) {
        std::size_t n = 0;
        while (*p == C('\\')) {
          ++n;
          ++p;
        }
        if (*p == C('"')) {
          arg.append(n / 2, C('\\'));
          if (n % 2) {
            arg.push_back(C('"'));
            ++p;
          }
          // an even count leaves the quote for the next round
        } else {
          arg.append(n, C('\\'));
        }
        continue;
      }
      if (*p == C('"')) {
        if (quoted && p[1] == C('"')) {
          arg.push_back(C('"'));
          p += 2;
          quoted = false;
          continue;
        }
        quoted = !quoted;
        ++p;
        continue;
      }
      arg.push_back(*p++);
    }
    args.push_back(arg);
  }
  return args;
}

}  // namespace sill::msvcrt

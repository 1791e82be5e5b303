// Reading and writing .reg files (reg_file.h).
//
// Layout written, as regedit does: the header line, a blank line, then per key
// "[path]", its values in order, and a blank line. Strings that are well formed
// (even size, one NUL at the end, no NUL or line break inside) are written
// "quoted" with \ and " escaped; everything else is hex. hex data wraps so that
// no line passes 80 characters: after "xx," when the next byte would not fit,
// a "\" ends the line and the next starts with two spaces.
#include "registry/reg_file.h"

#include <cstdio>

#include "base/unicode.h"
#include "ntdll/codepage.h"
#include "registry/store.h"

namespace sill::registry {

namespace {

constexpr std::u16string_view kHeader5 = u"Windows Registry Editor Version 5.00";
constexpr std::u16string_view kHeader4 = u"REGEDIT4";
constexpr std::size_t kLineLimit = 80;

std::u16string decode(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xFE) {
    std::u16string out((bytes.size() - 2) / 2, u'\0');
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = static_cast<char16_t>(static_cast<unsigned char>(bytes[2 + 2 * i]) |
                                     (static_cast<unsigned char>(bytes[3 + 2 * i]) << 8));
    return out;
  }
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return utf8_to_utf16(bytes.substr(3));
  return nt::ansi_to_utf16(bytes);
}

// Logical lines: CRLF/LF split, "\"-continued hex lines joined (leading blanks of the next dropped).
std::vector<std::pair<std::size_t, std::u16string>> logical_lines(std::u16string_view text) {
  std::vector<std::pair<std::size_t, std::u16string>> out;
  std::size_t number = 0;
  std::u16string pending;
  std::size_t pending_line = 0;
  bool continuing = false;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find(u'\n', pos);
    if (end == std::u16string_view::npos) end = text.size();
    std::u16string line(text.substr(pos, end - pos));
    pos = end + 1;
    ++number;
    if (!line.empty() && line.back() == u'\r') line.pop_back();
    if (continuing) {
      std::size_t first = line.find_first_not_of(u" \t");
      line = first == std::u16string::npos ? u"" : line.substr(first);
      pending += line;
    } else {
      pending = line;
      pending_line = number;
    }
    // A continuation is a trailing backslash after hex data (not inside a quoted string).
    continuing = !pending.empty() && pending.back() == u'\\' && pending.find(u"=hex") != std::u16string::npos;
    if (continuing) {
      pending.pop_back();
      if (pos > text.size()) out.emplace_back(pending_line, pending);
      continue;
    }
    out.emplace_back(pending_line, pending);
    if (end == text.size()) break;
  }
  return out;
}

std::string line_error(std::size_t line, const std::string& what) {
  return "line " + std::to_string(line) + ": " + what;
}

// A quoted string at s[i] (s[i] == '"'): its unescaped text; i moves past the closing quote.
bool read_quoted(std::u16string_view s, std::size_t& i, std::u16string& out) {
  ++i;
  while (i < s.size()) {
    char16_t c = s[i++];
    if (c == u'"') return true;
    if (c == u'\\' && i < s.size()) {
      char16_t e = s[i++];
      if (e == u'n') out.push_back(u'\n');
      else if (e == u'r') out.push_back(u'\r');
      else if (e == u'0') out.push_back(u'\0');
      else out.push_back(e);  // \\ and \" (and any other escaped character) stand for themselves
      continue;
    }
    out.push_back(c);
  }
  return false;
}

int hex_digit(char16_t c) {
  if (c >= u'0' && c <= u'9') return c - u'0';
  if (c >= u'a' && c <= u'f') return c - u'a' + 10;
  if (c >= u'A' && c <= u'F') return c - u'A' + 10;
  return -1;
}

bool parse_hex_bytes(std::u16string_view s, std::vector<std::uint8_t>& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == u' ' || s[i] == u'\t' || s[i] == u',')) ++i;
    if (i >= s.size()) break;
    int hi = hex_digit(s[i]);
    int lo = i + 1 < s.size() ? hex_digit(s[i + 1]) : -1;
    if (hi < 0) return false;
    if (lo < 0) {  // a single digit
      out.push_back(static_cast<std::uint8_t>(hi));
      ++i;
    } else {
      out.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
      i += 2;
    }
    while (i < s.size() && (s[i] == u' ' || s[i] == u'\t')) ++i;
    if (i < s.size() && s[i] != u',') return false;
  }
  return true;
}

std::vector<std::uint8_t> utf16_bytes(std::u16string_view s, bool terminate) {
  std::vector<std::uint8_t> out;
  out.reserve(s.size() * 2 + 2);
  for (char16_t c : s) {
    out.push_back(static_cast<std::uint8_t>(c & 0xFF));
    out.push_back(static_cast<std::uint8_t>(c >> 8));
  }
  if (terminate) out.insert(out.end(), {0, 0});
  return out;
}

// Parses `=...` data at s[i].
Expected<RegValueEntry> parse_data(std::u16string_view s, RegVersion version, std::size_t line) {
  RegValueEntry v;
  if (s == u"-") {
    v.remove = true;
    return v;
  }
  if (!s.empty() && s[0] == u'"') {
    std::size_t i = 0;
    std::u16string text;
    if (!read_quoted(s, i, text)) return fail(line_error(line, "unterminated string"));
    v.type = REG_SZ;
    v.data = utf16_bytes(text, true);
    return v;
  }
  if (s.substr(0, 6) == u"dword:") {
    std::u16string_view digits = s.substr(6);
    if (digits.empty() || digits.size() > 8) return fail(line_error(line, "dword needs 1 to 8 hex digits"));
    std::uint32_t value = 0;
    for (char16_t c : digits) {
      int d = hex_digit(c);
      if (d < 0) return fail(line_error(line, "bad dword digit"));
      value = value * 16 + static_cast<std::uint32_t>(d);
    }
    v.type = REG_DWORD;
    v.data = {static_cast<std::uint8_t>(value), static_cast<std::uint8_t>(value >> 8),
              static_cast<std::uint8_t>(value >> 16), static_cast<std::uint8_t>(value >> 24)};
    return v;
  }
  if (s.substr(0, 3) == u"hex") {
    std::size_t colon = s.find(u':');
    if (colon == std::u16string_view::npos) return fail(line_error(line, "hex data needs ':'"));
    std::u16string_view kind = s.substr(3, colon - 3);
    v.type = REG_BINARY;
    if (!kind.empty()) {
      if (kind.size() < 3 || kind.front() != u'(' || kind.back() != u')') return fail(line_error(line, "bad hex(type)"));
      std::uint32_t t = 0;
      for (char16_t c : kind.substr(1, kind.size() - 2)) {
        int d = hex_digit(c);
        if (d < 0) return fail(line_error(line, "bad hex(type)"));
        t = t * 16 + static_cast<std::uint32_t>(d);
      }
      v.type = t;
    }
    if (!parse_hex_bytes(s.substr(colon + 1), v.data)) return fail(line_error(line, "bad hex bytes"));
    // REGEDIT4 writes string types' hex in the ANSI code page: bring them to UTF-16.
    if (version == RegVersion::Regedit4 && (v.type == REG_EXPAND_SZ || v.type == REG_MULTI_SZ)) {
      std::string ansi(v.data.begin(), v.data.end());
      v.data = utf16_bytes(nt::ansi_to_utf16(ansi), false);
    }
    return v;
  }
  return fail(line_error(line, "unknown value data"));
}

}  // namespace

Expected<RegFile> parse_reg_file(std::string_view bytes) {
  std::u16string text = decode(bytes);
  auto lines = logical_lines(text);
  RegFile file;
  std::size_t i = 0;
  while (i < lines.size() && lines[i].second.empty()) ++i;
  if (i == lines.size()) return fail("empty file");
  if (lines[i].second == kHeader5) file.version = RegVersion::Regedit5;
  else if (lines[i].second == kHeader4) file.version = RegVersion::Regedit4;
  else return fail(line_error(lines[i].first, "not a .reg file (expected \"Windows Registry Editor Version 5.00\" or \"REGEDIT4\")"));
  for (++i; i < lines.size(); ++i) {
    auto [number, line] = lines[i];
    std::size_t first = line.find_first_not_of(u" \t");
    if (first == std::u16string::npos || line[first] == u';') continue;
    std::u16string_view l(line);
    l.remove_prefix(first);
    if (l[0] == u'[') {
      std::size_t close = l.rfind(u']');
      if (close == std::u16string_view::npos) return fail(line_error(number, "key without ']'"));
      RegKeyEntry k;
      std::u16string_view path = l.substr(1, close - 1);
      if (!path.empty() && path[0] == u'-') {
        k.remove = true;
        path.remove_prefix(1);
      }
      if (path.empty()) return fail(line_error(number, "empty key name"));
      k.path = path;
      file.keys.push_back(std::move(k));
      continue;
    }
    if (file.keys.empty()) return fail(line_error(number, "a value before any [key]"));
    RegValueEntry v;
    std::u16string name;
    std::size_t at = 0;
    if (l[0] == u'@') {
      at = 1;
    } else if (l[0] == u'"') {
      if (!read_quoted(l, at, name)) return fail(line_error(number, "unterminated value name"));
    } else {
      return fail(line_error(number, "expected [key], \"name\"= or @="));
    }
    while (at < l.size() && (l[at] == u' ' || l[at] == u'\t')) ++at;
    if (at >= l.size() || l[at] != u'=') return fail(line_error(number, "expected '=' after the value name"));
    ++at;
    while (at < l.size() && (l[at] == u' ' || l[at] == u'\t')) ++at;
    std::u16string_view data = l.substr(at);
    while (!data.empty() && (data.back() == u' ' || data.back() == u'\t')) data.remove_suffix(1);
    auto parsed = parse_data(data, file.version, number);
    if (!parsed) return Unexpected{parsed.error()};
    parsed->name = std::move(name);
    file.keys.back().values.push_back(std::move(*parsed));
  }
  return file;
}

namespace {

std::u16string escape(std::u16string_view s) {
  std::u16string out;
  for (char16_t c : s) {
    if (c == u'\\' || c == u'"') out.push_back(u'\\');
    out.push_back(c);
  }
  return out;
}

// A REG_SZ that reads back as the same bytes from "quoted" form.
bool is_plain_string(const RegValueEntry& v) {
  const auto& d = v.data;
  if (v.type != REG_SZ || d.size() < 2 || (d.size() & 1)) return false;
  if (d[d.size() - 1] != 0 || d[d.size() - 2] != 0) return false;
  for (std::size_t i = 0; i + 2 < d.size(); i += 2) {
    char16_t c = static_cast<char16_t>(d[i] | (d[i + 1] << 8));
    if (c == 0 || c == u'\r' || c == u'\n') return false;
  }
  return true;
}

std::u16string hex_value(std::u16string prefix, const std::vector<std::uint8_t>& bytes) {
  std::u16string out = prefix;
  std::size_t line_len = prefix.size();
  char buf[4];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    bool last = i + 1 == bytes.size();
    std::snprintf(buf, sizeof buf, "%02x", bytes[i]);
    std::u16string item{static_cast<char16_t>(buf[0]), static_cast<char16_t>(buf[1])};
    if (!last) item.push_back(u',');
    // Room for the item and a possible trailing "\" within the limit.
    if (line_len + item.size() + 1 > kLineLimit) {
      out += u"\\\r\n  ";
      line_len = 2;
    }
    out += item;
    line_len += item.size();
  }
  return out;
}

}  // namespace

std::string write_reg_file(const RegFile& file) {
  bool v5 = file.version == RegVersion::Regedit5;
  std::u16string text(v5 ? kHeader5 : kHeader4);
  text += u"\r\n\r\n";
  for (const RegKeyEntry& k : file.keys) {
    text += k.remove ? u"[-" : u"[";
    text += k.path + u"]\r\n";
    for (const RegValueEntry& v : k.values) {
      std::u16string lhs = v.name.empty() ? u"@=" : u"\"" + escape(v.name) + u"\"=";
      if (v.remove) {
        text += lhs + u"-\r\n";
      } else if (is_plain_string(v)) {
        std::u16string s((v.data.size() - 2) / 2, u'\0');
        for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char16_t>(v.data[2 * i] | (v.data[2 * i + 1] << 8));
        text += lhs + u"\"" + escape(s) + u"\"\r\n";
      } else if (v.type == REG_DWORD && v.data.size() == 4) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%08x",
                      static_cast<unsigned>(v.data[0] | (v.data[1] << 8) | (v.data[2] << 16) | (v.data[3] << 24)));
        text += lhs + u"dword:" + utf8_to_utf16(buf) + u"\r\n";
      } else {
        std::vector<std::uint8_t> bytes = v.data;
        if (!v5 && (v.type == REG_EXPAND_SZ || v.type == REG_MULTI_SZ)) {
          std::u16string w(bytes.size() / 2, u'\0');
          for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<char16_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
          std::string a = nt::utf16_to_ansi(w);
          bytes.assign(a.begin(), a.end());
        }
        char buf[16];
        if (v.type == REG_BINARY) buf[0] = 0;
        else std::snprintf(buf, sizeof buf, "(%x)", v.type);
        text += hex_value(lhs + u"hex" + utf8_to_utf16(buf) + u":", bytes) + u"\r\n";
      }
    }
    text += u"\r\n";
  }
  if (v5) {
    std::string out = "\xFF\xFE";
    out.reserve(2 + text.size() * 2);
    for (char16_t c : text) {
      out.push_back(static_cast<char>(c & 0xFF));
      out.push_back(static_cast<char>(c >> 8));
    }
    return out;
  }
  return nt::utf16_to_ansi(text);
}

}  // namespace sill::registry

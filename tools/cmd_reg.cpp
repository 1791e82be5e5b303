// sill reg: the prefix's registry from the shell, with reg.exe's commands and options:
//   sill reg query KEY [/v NAME | /ve] [/s]
//   sill reg add KEY [/v NAME | /ve] [/t TYPE] [/d DATA] [/s SEPARATOR] [/f]
//   sill reg delete KEY [/v NAME | /ve | /va] [/f]
//   sill reg import FILE
//   sill reg export KEY FILE [/y] [/reg4]     (/reg4: REGEDIT4 instead of version 5)
//   sill reg check                            (the store's integrity)
// KEY is ROOT\path with ROOT one of HKLM, HKCU, HKCR, HKU, HKCC or their long names.
// Options may be written /x or -x. Exit status: 0 done, 1 failed, 2 usage error.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "base/unicode.h"
#include "ntdll/registry_key.h"
#include "ntdll/status.h"
#include "registry/reg_io.h"
#include "registry/roots.h"
#include "registry/tree.h"
#include "tools/commands.h"

namespace sill::tools {

namespace {

using registry::Store;

int usage(const std::string& message) {
  std::fprintf(stderr, "sill: reg: %s\nTry 'sill --help' for more information.\n", message.c_str());
  return 2;
}

int failure(const std::string& message) {
  std::fprintf(stderr, "sill: reg: %s\n", message.c_str());
  return 1;
}

std::string status_message(win::NTSTATUS s) {
  if (s == nt::STATUS_OBJECT_NAME_NOT_FOUND) return "the system was unable to find the specified registry key or value";
  if (s == nt::STATUS_CANNOT_DELETE || s == nt::STATUS_ACCESS_DENIED) return "access is denied";
  char buf[48];
  std::snprintf(buf, sizeof buf, "failed (status 0x%08X)", static_cast<unsigned>(s));
  return buf;
}

struct Options {
  std::vector<std::string> words;  // positional
  std::optional<std::string> v, t, d, s;
  bool ve = false, va = false, f = false, recurse = false, y = false, reg4 = false;
};

std::optional<Options> parse(const std::vector<std::string>& args, std::string& error) {
  Options o;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    // "/v" or "-v"; "/tmp/x.reg" is a path (a second '/', a '\\' or a '.' says so).
    bool option = a.size() >= 2 && (a[0] == '/' || a[0] == '-') &&
                  a.find_first_of("/\\.", 1) == std::string::npos;
    if (!option) {
      o.words.push_back(a);
      continue;
    }
    std::string name = a.substr(1);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto value = [&](std::optional<std::string>& slot) {
      if (i + 1 >= args.size()) {
        error = a + " needs a value";
        return false;
      }
      slot = args[++i];
      return true;
    };
    if (name == "v") {
      if (!value(o.v)) return std::nullopt;
    } else if (name == "t") {
      if (!value(o.t)) return std::nullopt;
    } else if (name == "d") {
      if (!value(o.d)) return std::nullopt;
    } else if (name == "s") {
      // /s is "recurse" for query and "separator" (with a value) for add.
      if (i + 1 < args.size() && args[i + 1].size() == 1 && args[i + 1][0] != '/') o.s = args[++i];
      else o.recurse = true;
    } else if (name == "ve") {
      o.ve = true;
    } else if (name == "va") {
      o.va = true;
    } else if (name == "f") {
      o.f = true;
    } else if (name == "y") {
      o.y = true;
    } else if (name == "reg4") {
      o.reg4 = true;
    } else {
      error = "unknown option " + a;
      return std::nullopt;
    }
  }
  return o;
}

Store* open_store() {
  Store* s = nt::registry_store();  // prints why when it cannot
  return s;
}

const struct {
  const char* name;
  std::uint32_t type;
} kTypes[] = {
    {"REG_NONE", registry::REG_NONE},         {"REG_SZ", registry::REG_SZ},
    {"REG_EXPAND_SZ", registry::REG_EXPAND_SZ}, {"REG_BINARY", registry::REG_BINARY},
    {"REG_DWORD", registry::REG_DWORD},       {"REG_DWORD_BIG_ENDIAN", registry::REG_DWORD_BIG_ENDIAN},
    {"REG_LINK", registry::REG_LINK},         {"REG_MULTI_SZ", registry::REG_MULTI_SZ},
    {"REG_QWORD", registry::REG_QWORD},
};

std::string type_name(std::uint32_t t) {
  for (const auto& k : kTypes)
    if (k.type == t) return k.name;
  return "REG_0x" + std::to_string(t);
}

std::u16string utf16_text(const std::vector<std::uint8_t>& d) {
  std::u16string s(d.size() / 2, u'\0');
  if (!s.empty()) std::memcpy(s.data(), d.data(), s.size() * 2);
  return s;
}

std::string format_data(const registry::Value& v) {
  char buf[32];
  switch (v.type) {
    case registry::REG_SZ:
    case registry::REG_EXPAND_SZ: {
      std::u16string s = utf16_text(v.data);
      while (!s.empty() && s.back() == 0) s.pop_back();
      return utf16_to_utf8(s);
    }
    case registry::REG_MULTI_SZ: {
      std::u16string s = utf16_text(v.data);
      while (!s.empty() && s.back() == 0) s.pop_back();
      std::string out;
      for (char16_t c : s) out += c == 0 ? std::string("\\0") : utf16_to_utf8(std::u16string(1, c));
      return out;
    }
    case registry::REG_DWORD:
      if (v.data.size() == 4) {
        std::uint32_t x;
        std::memcpy(&x, v.data.data(), 4);
        std::snprintf(buf, sizeof buf, "0x%x", x);
        return buf;
      }
      break;
    case registry::REG_QWORD:
      if (v.data.size() == 8) {
        std::uint64_t x;
        std::memcpy(&x, v.data.data(), 8);
        std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(x));
        return buf;
      }
      break;
  }
  std::string out;
  for (std::uint8_t b : v.data) {
    std::snprintf(buf, sizeof buf, "%02X", b);
    out += buf;
  }
  return out;
}

void print_value(const registry::Value& v) {
  std::printf("    %s    %s    %s\n", v.name.empty() ? "(Default)" : utf16_to_utf8(v.name).c_str(),
              type_name(v.type).c_str(), format_data(v).c_str());
}

int query_key(Store& store, registry::KeyId key, const std::string& path, const Options& o) {
  std::printf("\n%s\n", path.c_str());
  for (std::uint32_t i = 0;; ++i) {
    auto v = store.enum_value(key, i);
    if (!v) break;
    print_value(*v);
  }
  std::vector<registry::KeyInfo> children;
  for (std::uint32_t i = 0;; ++i) {
    auto k = store.enum_key(key, i);
    if (!k) break;
    children.push_back(std::move(*k));
  }
  if (!o.recurse) {
    if (!children.empty()) std::printf("\n");
    for (const auto& k : children) std::printf("%s\\%s\n", path.c_str(), utf16_to_utf8(k.name).c_str());
    return 0;
  }
  for (const auto& k : children) query_key(store, k.id, path + "\\" + utf16_to_utf8(k.name), o);
  return 0;
}

Expected<std::vector<std::uint8_t>, std::string> encode_data(std::uint32_t type, const std::string& text,
                                                             char separator) {
  std::vector<std::uint8_t> out;
  auto put16 = [&](std::u16string_view s) {
    for (char16_t c : s) {
      out.push_back(static_cast<std::uint8_t>(c & 0xFF));
      out.push_back(static_cast<std::uint8_t>(c >> 8));
    }
  };
  switch (type) {
    case registry::REG_SZ:
    case registry::REG_EXPAND_SZ:
      put16(utf8_to_utf16(text));
      put16(std::u16string(1, u'\0'));
      return out;
    case registry::REG_MULTI_SZ: {
      std::string item;
      for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == separator) {
          if (!item.empty()) {
            put16(utf8_to_utf16(item));
            put16(std::u16string(1, u'\0'));
          }
          item.clear();
        } else {
          item += text[i];
        }
      }
      put16(std::u16string(1, u'\0'));
      return out;
    }
    case registry::REG_DWORD:
    case registry::REG_DWORD_BIG_ENDIAN:
    case registry::REG_QWORD: {
      char* end = nullptr;
      errno = 0;
      unsigned long long v = std::strtoull(text.c_str(), &end, 0);
      std::size_t size = type == registry::REG_QWORD ? 8 : 4;
      if (text.empty() || *end || errno || (size == 4 && v > 0xFFFFFFFFull))
        return Unexpected{std::string("invalid number: ") + text};
      for (std::size_t i = 0; i < size; ++i) {
        std::size_t shift = type == registry::REG_DWORD_BIG_ENDIAN ? (size - 1 - i) * 8 : i * 8;
        out.push_back(static_cast<std::uint8_t>(v >> shift));
      }
      return out;
    }
    default:
      if (text.size() % 2) return Unexpected{std::string("hex data needs an even number of digits")};
      for (std::size_t i = 0; i < text.size(); i += 2) {
        char pair[3] = {text[i], text[i + 1], 0};
        char* end = nullptr;
        long b = std::strtol(pair, &end, 16);
        if (*end) return Unexpected{std::string("invalid hex data: ") + text};
        out.push_back(static_cast<std::uint8_t>(b));
      }
      return out;
  }
}

std::optional<registry::RootedPath> key_argument(const Options& o, std::string& error) {
  if (o.words.empty()) {
    error = "no key given";
    return std::nullopt;
  }
  auto p = registry::split_rooted_path(utf8_to_utf16(o.words[0]));
  if (!p) error = "invalid key name: " + o.words[0];
  return p;
}

int cmd_query(Store& store, const Options& o) {
  std::string error;
  auto path = key_argument(o, error);
  if (!path) return usage(error);
  auto key = registry::open_rooted(store, *path, false);
  if (!key) return failure(status_message(key.error()));
  if (o.v || o.ve) {
    auto v = store.get_value(*key, o.v ? utf8_to_utf16(*o.v) : u"");
    if (!v) return failure(status_message(v.error()));
    std::printf("\n%s\n", o.words[0].c_str());
    print_value(*v);
    std::printf("\n");
    return 0;
  }
  query_key(store, *key, o.words[0], o);
  return 0;
}

int cmd_add(Store& store, const Options& o) {
  std::string error;
  auto path = key_argument(o, error);
  if (!path) return usage(error);
  std::uint32_t type = registry::REG_SZ;
  if (o.t) {
    bool known = false;
    for (const auto& k : kTypes)
      if (strcasecmp(k.name, o.t->c_str()) == 0) {
        type = k.type;
        known = true;
      }
    if (!known) return usage("unknown type " + *o.t);
  }
  auto data = encode_data(type, o.d.value_or(""), o.s && !o.s->empty() ? (*o.s)[0] : '\0');
  if (!data) return usage(data.error());
  auto key = registry::open_rooted(store, *path, true);
  if (!key) return failure(status_message(key.error()));
  if (o.v || o.ve) {
    auto r = store.set_value(*key, o.v ? utf8_to_utf16(*o.v) : u"", type, data->data(), data->size());
    if (!r) return failure(status_message(r.error()));
  }
  std::printf("The operation completed successfully.\n");
  return 0;
}

int cmd_delete(Store& store, const Options& o) {
  std::string error;
  auto path = key_argument(o, error);
  if (!path) return usage(error);
  auto key = registry::open_rooted(store, *path, false);
  if (!key) return failure(status_message(key.error()));
  registry::Result<void> r;
  if (o.v || o.ve) {
    r = store.delete_value(*key, o.v ? utf8_to_utf16(*o.v) : u"");
  } else if (o.va) {
    r = registry::delete_values(store, *key);
  } else {
    if (path->rest.empty()) return failure("a root key cannot be deleted");
    r = registry::delete_tree(store, *key, true);
  }
  if (!r) return failure(status_message(r.error()));
  std::printf("The operation completed successfully.\n");
  return 0;
}

int cmd_import(Store& store, const Options& o) {
  if (o.words.size() != 1) return usage("import takes one file");
  std::ifstream in(o.words[0], std::ios::binary);
  if (!in) return failure("cannot read " + o.words[0] + ": " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto file = registry::parse_reg_file(bytes);
  if (!file) return failure(o.words[0] + ": " + file.error().message);
  auto r = registry::import_reg(store, *file);
  if (!r) return failure(r.error().message);
  std::printf("The operation completed successfully.\n");
  return 0;
}

int cmd_export(Store& store, const Options& o) {
  if (o.words.size() != 2) return usage("export takes a key and a file");
  auto file = registry::export_reg(store, utf8_to_utf16(o.words[0]),
                                   o.reg4 ? registry::RegVersion::Regedit4 : registry::RegVersion::Regedit5);
  if (!file) return failure(file.error().message);
  std::ifstream exists(o.words[1]);
  if (exists && !o.y) return failure(o.words[1] + " exists; add /y to overwrite it");
  std::string bytes = registry::write_reg_file(*file);
  std::string tmp = o.words[1] + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return failure("cannot write " + o.words[1] + ": " + std::strerror(errno));
  }
  if (std::rename(tmp.c_str(), o.words[1].c_str()) != 0)
    return failure("cannot write " + o.words[1] + ": " + std::strerror(errno));
  std::printf("The operation completed successfully.\n");
  return 0;
}

int cmd_check(Store& store) {
  auto problems = store.check();
  for (const auto& p : problems) std::printf("%s: %s\n", store.path().c_str(), p.c_str());
  if (!problems.empty()) return 1;
  std::printf("%s: ok\n", store.path().c_str());
  return 0;
}

}  // namespace

int command_reg(const std::vector<std::string>& args) {
  if (args.empty()) return usage("'reg' needs query, add, delete, import, export or check");
  std::string error;
  auto o = parse({args.begin() + 1, args.end()}, error);
  if (!o) return usage(error);
  const std::string& verb = args[0];
  if (verb != "query" && verb != "add" && verb != "delete" && verb != "import" && verb != "export" && verb != "check")
    return usage("unknown reg command '" + verb + "'");
  Store* store = open_store();
  if (!store) return 1;
  if (verb == "query") return cmd_query(*store, *o);
  if (verb == "add") return cmd_add(*store, *o);
  if (verb == "delete") return cmd_delete(*store, *o);
  if (verb == "import") return cmd_import(*store, *o);
  if (verb == "export") return cmd_export(*store, *o);
  return cmd_check(*store);
}

}  // namespace sill::tools

#include "desktop/class_registry.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "base/unicode.h"
#include "desktop/text.h"
#include "registry/roots.h"

namespace sill::desktop {

namespace {

using registry::KeyId;
using registry::Store;

// HKCU's Classes first: its keys win over HKLM's, as in HKEY_CLASSES_ROOT.
std::vector<KeyId> classes_keys(Store& store) {
  std::vector<KeyId> keys;
  for (auto root : {registry::Root::CurrentUser, registry::Root::LocalMachine}) {
    auto k = store.open_key(registry::kRootKey, registry::root_path(root) + u"\\Software\\Classes");
    if (k) keys.push_back(*k);
  }
  return keys;
}

std::optional<std::string> string_value(Store& store, KeyId key, std::u16string_view name) {
  auto v = store.get_value(key, name);
  if (!v || (v->type != registry::REG_SZ && v->type != registry::REG_EXPAND_SZ)) return std::nullopt;
  std::u16string s(v->data.size() / 2, u'\0');
  for (std::size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<char16_t>(v->data[2 * i] | (v->data[2 * i + 1] << 8));
  s.resize(std::find(s.begin(), s.end(), u'\0') - s.begin());
  return utf16_to_utf8(s);
}

// The first Classes key (user's, then machine's) that has `path`.
std::optional<KeyId> open_class(Store& store, const std::vector<KeyId>& classes, const std::string& path) {
  for (KeyId c : classes)
    if (auto k = store.open_key(c, utf8_to_utf16(path))) return *k;
  return std::nullopt;
}

std::optional<std::string> command_of(Store& store, const std::vector<KeyId>& classes, const std::string& prog_id) {
  auto shell = open_class(store, classes, prog_id + "\\shell");
  if (!shell) return std::nullopt;
  // The shell key's default value names the default verb; "open" otherwise.
  std::string verb = string_value(store, *shell, u"").value_or("");
  if (verb.empty()) verb = "open";
  auto command = open_class(store, classes, prog_id + "\\shell\\" + verb + "\\command");
  if (!command) return std::nullopt;
  auto line = string_value(store, *command, u"");
  if (!line || line->empty()) return std::nullopt;
  return line;
}

}  // namespace

std::vector<FileAssociation> read_file_associations(Store& store) {
  std::vector<KeyId> classes = classes_keys(store);
  std::map<std::string, FileAssociation> found;
  // Machine first, then the user's: later ones replace earlier ones.
  for (auto it = classes.rbegin(); it != classes.rend(); ++it) {
    for (std::uint32_t i = 0;; ++i) {
      auto info = store.enum_key(*it, i);
      if (!info) break;
      std::string name = utf16_to_utf8(info->name);
      if (name.size() < 2 || name[0] != '.') continue;
      auto prog_id = string_value(store, info->id, u"");
      if (!prog_id || prog_id->empty()) continue;
      auto command = command_of(store, classes, *prog_id);
      if (!command) continue;
      FileAssociation a;
      a.extension = ascii_lower(name.substr(1));
      a.prog_id = *prog_id;
      a.content_type = string_value(store, info->id, u"Content Type").value_or("");
      a.command = *command;
      auto prog_key = open_class(store, classes, *prog_id);
      a.friendly_name = prog_key ? string_value(store, *prog_key, u"").value_or("") : "";
      if (a.friendly_name.empty()) a.friendly_name = *prog_id;
      found[a.extension] = a;
    }
  }
  std::vector<FileAssociation> out;
  for (auto& [ext, a] : found) out.push_back(std::move(a));
  return out;
}

std::optional<std::string> prog_id_command(Store& store, const std::string& prog_id) {
  return command_of(store, classes_keys(store), prog_id);
}

std::int64_t classes_change_stamp(Store& store) {
  std::int64_t stamp = 0;
  for (KeyId k : classes_keys(store))
    if (auto s = store.change_stamp(k, true, true, true)) stamp = std::max(stamp, *s);
  return stamp;
}

}  // namespace sill::desktop

#include "desktop/association_sync.h"

#include <cctype>
#include <map>
#include <set>

#include "base/debug.h"
#include "base/unicode.h"
#include "desktop/class_registry.h"
#include "desktop/cleanup.h"
#include "desktop/desktop_entry.h"
#include "desktop/files.h"
#include "desktop/manifest.h"
#include "desktop/mime_database.h"
#include "desktop/mime_defaults.h"
#include "desktop/prefix_identity.h"
#include "desktop/shortcut_entry.h"
#include "desktop/text.h"
#include "ntdll/path_mapping.h"
#include "ntdll/registry_key.h"
#include "win32/msvcrt/command_line.h"

SILL_DEFAULT_DEBUG_CHANNEL(desktop);

namespace sill::desktop {

namespace {

std::string owner_of(const std::string& prefix_id) { return "assoc:" + prefix_id; }
std::string stamp_file(const std::string& prefix_dir) { return prefix_dir + "/desktop-associations.stamp"; }

// Whether the command runs a program an installer put in the prefix (or anywhere
// outside C:\windows), rather than the document itself or a stock system program.
bool runs_own_program(const std::string& command) {
  std::u16string line = utf8_to_utf16(command);
  auto words = msvcrt::split_command_line(line.c_str());
  if (words.empty() || words[0].empty() || words[0][0] == u'%') return false;
  std::string program = ascii_lower(utf16_to_utf8(words[0]));
  for (char& c : program)
    if (c == '/') c = '\\';
  return program.rfind("c:\\windows\\", 0) != 0 && program.find('\\') != std::string::npos;
}

// Extensions become part of a MIME type name: keep what a type name may hold.
std::string type_safe(const std::string& ext) {
  std::string out;
  for (char c : ext) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') ? c : '_';
  return out;
}

bool valid_type_name(const std::string& t) {
  std::size_t slash = t.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == t.size() || t.find('/', slash + 1) != std::string::npos)
    return false;
  for (char c : t)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '-' || c == '+' || c == '.' || c == '_'))
      return false;
  return true;
}

}  // namespace

Expected<SyncReport> remove_associations(const std::string& prefix_dir) {
  auto removed = remove_all_of(owner_of(prefix_id(prefix_dir)));
  if (!removed) return Unexpected{removed.error()};
  return SyncReport{{}, *removed, {}};
}

Expected<SyncReport> sync_associations(const std::string& prefix_dir) {
  if (disabled_for_prefix(prefix_dir)) return remove_associations(prefix_dir);
  registry::Store* store = nt::registry_store();
  if (!store) return fail("the prefix's registry cannot be opened");
  std::int64_t stamp = classes_change_stamp(*store);
  std::string pid = prefix_id(prefix_dir), owner = owner_of(pid), sill = current_sill_binary();

  // ProgID -> its entry's types; the types Sill must define.
  std::map<std::string, std::vector<std::string>> types_of;
  std::map<std::string, std::string> names_of;
  std::vector<MimeDefinition> defined;
  for (const FileAssociation& a : read_file_associations(*store)) {
    if (!runs_own_program(a.command)) continue;
    std::string type;
    if (valid_type_name(a.content_type)) {
      type = ascii_lower(a.content_type);
      if (!mime_type_known(type)) defined.push_back({type, a.friendly_name, {"*." + a.extension}, ""});
    } else if (auto known = mime_type_for_extension(a.extension)) {
      type = *known;
    } else {
      type = "application/x-sill-" + type_safe(a.extension);
      defined.push_back({type, a.friendly_name, {"*." + a.extension}, ""});
    }
    types_of[a.prog_id].push_back(type);
    names_of[a.prog_id] = a.friendly_name;
  }

  auto manifest = Manifest::open();
  if (!manifest) return Unexpected{manifest.error()};
  SyncReport report;
  std::vector<std::string> before = manifest->files_of(owner);
  std::set<std::string> keep_files, keep_defaults, own_types;
  if (!defined.empty()) {
    std::string package = mime_package_path(pid);
    std::string text = render_mime_package(defined);
    if (read_file(package) != text) {
      if (auto w = write_file(package, text); !w) return Unexpected{w.error()};
      manifest->add_file(owner, package);
      report.written.push_back(package);
      update_user_mime_database();
    }
    keep_files.insert(package);
    for (const MimeDefinition& d : defined) own_types.insert(d.type);
  }
  for (const auto& [prog_id, types] : types_of) {
    DesktopEntry entry;
    entry.name = names_of[prog_id];
    entry.comment = "Opens documents with the Windows program registered as " + prog_id;
    entry.exec = {"env", "SILL_PREFIX=" + prefix_dir, sill, "desktop", "open", prog_id, "%f"};
    entry.mime_types = types;
    entry.no_display = true;
    // Directly in applications/, not below sill/<prefix id>/ as menu entries are: xdg-mime
    // resolves a default's desktop id only to a file at most one folder down.
    std::string desktop_id = "sill-" + pid + "-assoc-" + stable_hash(ascii_lower(prog_id)) + ".desktop";
    std::string file = data_home() + "/applications/" + desktop_id;
    std::string text = render_desktop_entry(entry);
    if (read_file(file) != text) {
      if (auto w = write_regenerable_file(file, text); !w) return Unexpected{w.error()};
      report.written.push_back(file);
    }
    manifest->add_file(owner, file);
    keep_files.insert(file);
    for (const std::string& t : types) {
      if (!own_types.count(t)) continue;
      std::string current = user_default_for(t);
      if (current.empty()) {
        if (auto s = set_user_default(t, desktop_id); !s) return Unexpected{s.error()};
        manifest->add_default(owner, t, desktop_id, "");
      }
      if (current.empty() || current == desktop_id) keep_defaults.insert(t + "\t" + desktop_id);
    }
  }
  if (auto r = remove_owned(*manifest, owner, keep_files, keep_defaults); !r) return Unexpected{r.error()};
  for (const std::string& p : before)
    if (!manifest->has_file(p)) report.removed.push_back(p);
  (void)write_regenerable_file(stamp_file(prefix_dir), std::to_string(stamp) + "\n");
  return report;
}

void associations_check_at_exit() {
  // Processes that wrote nothing (and saw no one write) pay one memory load here.
  if (!nt::registry_changed_since_open() || !disabled_by_environment().empty()) return;
  registry::Store* store = nt::registry_store_if_open();
  std::string prefix_dir = nt::prefix_path();
  if (disabled_for_prefix(prefix_dir)) return;
  std::int64_t stamp = classes_change_stamp(*store);
  auto recorded = read_file(stamp_file(prefix_dir));
  if (recorded && std::atoll(recorded->c_str()) == stamp) return;
  auto r = sync_associations(prefix_dir);
  if (!r) WARN("cannot update the file associations of %s: %s\n", prefix_dir.c_str(), r.error().message.c_str());
}

}  // namespace sill::desktop

#include "desktop/shortcut_entry.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>

#include "base/debug.h"
#include "base/unicode.h"
#include "desktop/desktop_entry.h"
#include "desktop/files.h"
#include "desktop/icon_export.h"
#include "desktop/prefix_identity.h"
#include "desktop/shell_link.h"
#include "desktop/text.h"
#include "ntdll/path_mapping.h"
#include "win32/msvcrt/command_line.h"

SILL_DEFAULT_DEBUG_CHANNEL(desktop);

namespace sill::desktop {

namespace {

// The Unix path, through the real folders when it exists (C: maps through dosdevices/c:,
// which reads worse in a menu entry than the drive_c folder it links to).
std::string to_unix(const std::string& windows_path) {
  if (windows_path.empty()) return {};
  auto u = nt::dos_path_to_unix(utf8_to_utf16(windows_path));
  if (!u) return {};
  if (char* real = realpath(u->c_str(), nullptr)) {
    std::string r = real;
    std::free(real);
    return r;
  }
  return *u;
}

// The arguments string of a shortcut as the program's CRT will split it.
std::vector<std::string> split_arguments(const std::string& arguments) {
  std::u16string line = u"x " + utf8_to_utf16(arguments);  // the splitter treats the first word as the program
  auto words = msvcrt::split_command_line(line.c_str());
  std::vector<std::string> out;
  for (std::size_t i = 1; i < words.size(); ++i) out.push_back(utf16_to_utf8(words[i]));
  return out;
}

// Writes the icon's PNGs; their paths (none when the file has no icon we can read).
std::vector<std::string> write_icons(const std::string& source, int index, const std::string& icon_name) {
  std::vector<std::string> written;
  auto icons = hicolor_icons_from_file(source, index);  // mapped: an installer of 100s of MB costs its icon pages
  if (!icons) {
    TRACE("no icon in %s: %s\n", source.c_str(), icons.error().message.c_str());
    return written;
  }
  for (const HicolorIcon& icon : *icons) {
    std::string size = std::to_string(icon.size);
    std::string path = data_home() + "/icons/hicolor/" + size + "x" + size + "/apps/" + icon_name + ".png";
    if (write_regenerable_file(path, std::string(icon.png.begin(), icon.png.end()))) written.push_back(path);
  }
  return written;
}

}  // namespace

std::string current_sill_binary() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("sill");
}

ShortcutEntry shortcut_entry_location(const ShortcutContext& ctx, const std::string& relative) {
  // The prefix's path is in the id: two prefixes never share an entry, and the same
  // shortcut always gets the same one whatever case a program spelled its path in.
  std::string id = stable_hash(ctx.prefix_dir + "\n" + ascii_lower(relative));
  ShortcutEntry e;
  e.desktop_file = data_home() + "/applications/sill/" + ctx.prefix_id + "/" + id + ".desktop";
  e.desktop_id = "sill-" + ctx.prefix_id + "-" + id + ".desktop";
  return e;
}

Expected<ShortcutEntry> write_shortcut_entry(const ShortcutContext& ctx, const std::string& relative) {
  std::string lnk = ctx.prefix_dir + "/" + relative;
  auto bytes = read_file(lnk);
  if (!bytes) return fail("cannot read " + lnk);
  auto link = parse_shell_link(std::span(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size()));
  if (!link) return fail(lnk + ": " + link.error().message);
  std::string target = to_unix(link->target_path);
  if (target.empty()) return fail(lnk + ": the shortcut has no target Sill can run");
  std::string base = ascii_lower(target.substr(target.find_last_of('/') + 1));
  if (!base.ends_with(".exe") && !base.ends_with(".com"))
    FIXME("%s: the target %s is not a program; its entry runs it as one (documents need their association)\n",
          lnk.c_str(), target.c_str());

  ShortcutEntry e = shortcut_entry_location(ctx, relative);
  std::string icon_name = e.desktop_id.substr(0, e.desktop_id.size() - 8);  // without ".desktop"
  std::string icon_source = link->icon_location.empty() ? target : to_unix(link->icon_location);
  e.icons = write_icons(icon_source, link->icon_location.empty() ? 0 : link->icon_index, icon_name);

  DesktopEntry entry;
  std::string file_name = relative.substr(relative.find_last_of('/') + 1);
  entry.name = file_name.substr(0, file_name.size() - 4);  // the shortcut's name, as Explorer shows it
  entry.comment = link->description;
  entry.exec = {"env", "SILL_PREFIX=" + ctx.prefix_dir, ctx.sill_binary, target};
  for (std::string& a : split_arguments(link->arguments)) entry.exec.push_back(std::move(a));
  entry.path = to_unix(link->working_dir);
  if (!e.icons.empty()) entry.icon = icon_name;
  // The menu merge file places the entry; the category keeps it out of other menus' catch-alls.
  entry.categories = {"X-Sill"};
  // FIXME: StartupWMClass once Sill's windows carry a WM_CLASS (none is set yet, so a guess would mislead docks).
  if (auto w = write_regenerable_file(e.desktop_file, render_desktop_entry(entry)); !w) return Unexpected{w.error()};
  return e;
}

}  // namespace sill::desktop

#include "desktop/cleanup.h"

#include "desktop/files.h"
#include "desktop/mime_database.h"
#include "desktop/mime_defaults.h"

namespace sill::desktop {

bool remove_recorded_file(Manifest& manifest, const std::string& path) {
  remove_file(path);
  manifest.forget_file(path);
  // Never climb above the XDG folders themselves.
  std::string data = data_home(), config = config_home();
  std::string dir = parent_dir(path);
  if (dir.rfind(data + "/", 0) == 0) remove_empty_dirs(dir, data);
  else if (dir.rfind(config + "/", 0) == 0) remove_empty_dirs(dir, config);
  return path.rfind(data + "/mime/packages/", 0) == 0;
}

void restore_defaults(Manifest& manifest, const std::string& owner, const std::set<std::string>& keep) {
  for (const ManifestRecord& r : manifest.defaults_of(owner)) {
    if (keep.count(r.a + "\t" + r.b)) continue;
    if (user_default_for(r.a) == r.b) (void)set_user_default(r.a, r.c);
    manifest.forget_default(r.a, r.b);
  }
}

Expected<void> remove_owned(Manifest& manifest, const std::string& owner, const std::set<std::string>& keep_files,
                            const std::set<std::string>& keep_defaults) {
  restore_defaults(manifest, owner, keep_defaults);
  bool package_removed = false;
  for (const std::string& path : manifest.files_of(owner))
    if (!keep_files.count(path)) package_removed |= remove_recorded_file(manifest, path);
  if (package_removed) update_user_mime_database();
  return manifest.save();
}

Expected<std::vector<std::string>> remove_all_of(const std::string& owner) {
  auto manifest = Manifest::open();
  if (!manifest) return Unexpected{manifest.error()};
  std::vector<std::string> removed = manifest->files_of(owner);
  if (auto r = remove_owned(*manifest, owner); !r) return Unexpected{r.error()};
  return removed;
}

}  // namespace sill::desktop

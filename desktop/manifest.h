// The record of everything Sill's desktop integration created for this user: each file
// it wrote and each MIME default it set (with the default it replaced). Uninstall and
// sync remove exactly what is recorded here, and `sill desktop list` shows it.
//
// The file is $XDG_DATA_HOME/sill/desktop-manifest, one record a line, fields separated
// by tabs (a tab, newline or backslash inside a field is written \t, \n, \\):
//   file    OWNER  PATH
//   default OWNER  MIME-TYPE  DESKTOP-ID  PREVIOUS-DESKTOP-ID-OR-EMPTY
// OWNER is "handler" (sill desktop install) or a prefix id (menu entries and associations).
// A process holds an exclusive lock (flock on its folder) from open() to its end,
// so `sill desktop sync` and a program saving a shortcut never interleave their updates.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "base/expected.h"

namespace sill::desktop {

inline constexpr char kHandlerOwner[] = "handler";

struct ManifestRecord {
  std::string kind;   // "file" or "default"
  std::string owner;
  std::string a, b, c;  // file: a = path; default: a = MIME type, b = desktop id, c = previous
};

class Manifest {
 public:
  // Locks and reads the manifest (an absent one reads as empty).
  static Expected<Manifest> open();
  Manifest(Manifest&&) noexcept;
  Manifest& operator=(Manifest&&) noexcept;
  ~Manifest();

  const std::vector<ManifestRecord>& records() const { return records_; }
  // Adds a file record unless the same path is recorded already.
  void add_file(const std::string& owner, const std::string& path);
  void forget_file(const std::string& path);
  bool has_file(const std::string& path) const;
  std::vector<std::string> files_of(const std::string& owner) const;
  void add_default(const std::string& owner, const std::string& mime, const std::string& desktop_id,
                   const std::string& previous);
  void forget_default(const std::string& mime, const std::string& desktop_id);
  std::vector<ManifestRecord> defaults_of(const std::string& owner) const;
  // Writes it back (crash-safe); an empty manifest removes the file.
  Expected<void> save();

 private:
  Manifest() = default;
  int lock_fd_ = -1;
  std::vector<ManifestRecord> records_;
};

std::string manifest_path();

}  // namespace sill::desktop

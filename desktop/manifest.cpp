#include "desktop/manifest.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "desktop/files.h"

namespace sill::desktop {

namespace {

std::string escape_field(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\\') out += "\\\\";
    else out += c;
  }
  return out;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c == '\\' && i + 1 < line.size()) {
      char n = line[++i];
      fields.back() += n == 't' ? '\t' : n == 'n' ? '\n' : n;
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

}  // namespace

std::string manifest_path() { return data_home() + "/sill/desktop-manifest"; }

Expected<Manifest> Manifest::open() {
  std::string path = manifest_path();
  if (auto made = make_dirs(parent_dir(path)); !made) return Unexpected{made.error()};
  Manifest m;
  // The lock is on the folder itself: a lock file would be one more file left behind.
  std::string lock = parent_dir(path);
  m.lock_fd_ = ::open(lock.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (m.lock_fd_ < 0) return fail(lock + ": " + std::strerror(errno));
  while (flock(m.lock_fd_, LOCK_EX) != 0)
    if (errno != EINTR) return fail(lock + ": " + std::strerror(errno));
  if (auto text = read_file(path)) {
    std::size_t start = 0;
    while (start < text->size()) {
      std::size_t end = text->find('\n', start);
      if (end == std::string::npos) end = text->size();
      auto f = split_fields(text->substr(start, end - start));
      start = end + 1;
      if (f.size() >= 3 && (f[0] == "file" || f[0] == "default")) {
        f.resize(5);
        m.records_.push_back({f[0], f[1], f[2], f[3], f[4]});
      }
    }
  }
  return m;
}

Manifest::Manifest(Manifest&& o) noexcept : lock_fd_(std::exchange(o.lock_fd_, -1)), records_(std::move(o.records_)) {}

Manifest& Manifest::operator=(Manifest&& o) noexcept {
  std::swap(lock_fd_, o.lock_fd_);
  std::swap(records_, o.records_);
  return *this;
}

Manifest::~Manifest() {
  if (lock_fd_ >= 0) close(lock_fd_);  // releases the flock
}

void Manifest::add_file(const std::string& owner, const std::string& path) {
  if (!has_file(path)) records_.push_back({"file", owner, path, "", ""});
}

void Manifest::forget_file(const std::string& path) {
  std::erase_if(records_, [&](const ManifestRecord& r) { return r.kind == "file" && r.a == path; });
}

bool Manifest::has_file(const std::string& path) const {
  for (const auto& r : records_)
    if (r.kind == "file" && r.a == path) return true;
  return false;
}

std::vector<std::string> Manifest::files_of(const std::string& owner) const {
  std::vector<std::string> out;
  for (const auto& r : records_)
    if (r.kind == "file" && r.owner == owner) out.push_back(r.a);
  return out;
}

void Manifest::add_default(const std::string& owner, const std::string& mime, const std::string& desktop_id,
                           const std::string& previous) {
  for (const auto& r : records_)
    if (r.kind == "default" && r.a == mime && r.b == desktop_id) return;
  records_.push_back({"default", owner, mime, desktop_id, previous});
}

void Manifest::forget_default(const std::string& mime, const std::string& desktop_id) {
  std::erase_if(records_,
                [&](const ManifestRecord& r) { return r.kind == "default" && r.a == mime && r.b == desktop_id; });
}

std::vector<ManifestRecord> Manifest::defaults_of(const std::string& owner) const {
  std::vector<ManifestRecord> out;
  for (const auto& r : records_)
    if (r.kind == "default" && r.owner == owner) out.push_back(r);
  return out;
}

Expected<void> Manifest::save() {
  std::string path = manifest_path();
  if (records_.empty()) {
    remove_file(path);
    rmdir(parent_dir(path).c_str());  // only when empty: it may hold the default prefix
    return {};
  }
  std::string text = "# Files and MIME defaults Sill's desktop integration created (sill desktop list).\n";
  for (const auto& r : records_) {
    text += r.kind + "\t" + escape_field(r.owner) + "\t" + escape_field(r.a);
    if (r.kind == "default") text += "\t" + escape_field(r.b) + "\t" + escape_field(r.c);
    text += "\n";
  }
  return write_file(path, text);
}

}  // namespace sill::desktop

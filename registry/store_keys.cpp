// Keys: path walking (with symbolic links), creation, deletion, renaming,
// information and enumeration.
#include <cstring>

#include "ntdll/status.h"
#include "registry/case_fold.h"
#include "registry/store_impl.h"

namespace sill::registry {

namespace {

constexpr int kMaxLinkHops = 16;
constexpr std::size_t kMaxKeyNameLength = 255;
constexpr char16_t kLinkValueName[] = u"SymbolicLinkValue";

// Splits "a\b\c" into its names. Repeated and trailing separators are skipped (two
// backslashes between names count as one), as Wine does too.
Result<std::vector<std::u16string_view>> split_path(std::u16string_view path) {
  std::vector<std::u16string_view> names;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t sep = path.find(u'\\', start);
    if (sep == std::u16string_view::npos) sep = path.size();
    if (sep > start) names.push_back(path.substr(start, sep - start));
    start = sep + 1;
  }
  return names;
}

bool starts_with_folded(std::u16string_view s, std::u16string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (fold_unit(s[i]) != fold_unit(prefix[i])) return false;
  return true;
}

}  // namespace

Result<std::optional<Store::Impl::KeyRow>> Store::Impl::child(KeyId parent, std::u16string_view name) {
  Stmt q = stmt("SELECT id, flags FROM keys WHERE parent = ? AND folded = ?");
  q.bind(1, parent).bind_folded(2, fold_name(name));
  int rc = q.step();
  if (rc == SQLITE_ROW) return std::optional<KeyRow>(KeyRow{q.int64(0), static_cast<std::uint32_t>(q.int64(1))});
  if (rc == SQLITE_DONE) return std::optional<KeyRow>();
  return Unexpected{status_of(rc)};
}

Result<bool> Store::Impl::exists(KeyId key) {
  Stmt q = stmt("SELECT 1 FROM keys WHERE id = ?");
  q.bind(1, key);
  int rc = q.step();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Unexpected{status_of(rc)};
}

Result<void> Store::Impl::touch(KeyId key, bool names, bool values) {
  Stmt u = stmt(
      "UPDATE keys SET last_write = ?, name_stamp = CASE WHEN ? THEN ? ELSE name_stamp END,"
      " value_stamp = CASE WHEN ? THEN ? ELSE value_stamp END WHERE id = ?");
  u.bind(1, filetime_now()).bind(2, names).bind(3, change_seq).bind(4, values).bind(5, change_seq).bind(6, key);
  int rc = u.step();
  if (rc != SQLITE_DONE) return Unexpected{status_of(rc)};
  if (sqlite3_changes(db) == 0) return Unexpected{nt::STATUS_KEY_DELETED};
  return {};
}

Result<KeyId> Store::Impl::parent(KeyId key) {
  Stmt q = stmt("SELECT parent FROM keys WHERE id = ?");
  q.bind(1, key);
  int rc = q.step();
  if (rc == SQLITE_DONE) return Unexpected{nt::STATUS_KEY_DELETED};
  if (rc != SQLITE_ROW) return Unexpected{status_of(rc)};
  return q.int64(0);
}

Result<KeyId> Store::Impl::resolve(KeyId from, std::u16string_view path, bool open_link, int hops) {
  auto names = split_path(path);
  if (!names) return Unexpected{names.error()};
  KeyId cur = from;
  if (names->empty()) {
    auto e = exists(cur);
    if (!e) return Unexpected{e.error()};
    if (!*e) return Unexpected{nt::STATUS_KEY_DELETED};
    return cur;
  }
  for (std::size_t i = 0; i < names->size(); ++i) {
    auto c = child(cur, (*names)[i]);
    if (!c) return Unexpected{c.error()};
    if (!*c) {
      if (i == 0) {  // the starting key itself may be gone
        auto e = exists(cur);
        if (e && !*e) return Unexpected{nt::STATUS_KEY_DELETED};
      }
      return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
    }
    bool last = i + 1 == names->size();
    if (((*c)->flags & kKeySymbolicLink) && !(last && open_link)) {
      if (hops >= kMaxLinkHops) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
      Stmt q = stmt("SELECT data FROM vals WHERE key = ? AND folded = ?");
      q.bind(1, (*c)->id).bind_folded(2, fold_name(kLinkValueName));
      if (q.step() != SQLITE_ROW) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
      std::u16string target = q.name(0);
      while (!target.empty() && target.back() == u'\0') target.pop_back();
      // Targets are absolute NT paths: \REGISTRY\...
      if (!starts_with_folded(target, u"\\REGISTRY")) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
      target.erase(0, 9);
      if (!target.empty() && target[0] == u'\\') target.erase(0, 1);
      auto t = resolve(kRootKey, target, false, hops + 1);
      if (!t) return t;
      cur = *t;
    } else {
      cur = (*c)->id;
    }
  }
  return cur;
}

Result<KeyId> Store::open_key(KeyId from, std::u16string_view path, bool open_link) {
  std::lock_guard guard(impl_->lock);
  return impl_->resolve(from, path, open_link, 0);
}

Result<Created> Store::create_key(KeyId parent, std::u16string_view name, std::u16string_view class_name,
                                  std::uint32_t flags) {
  if (name.empty() || name.find(u'\\') != std::u16string_view::npos) return Unexpected{nt::STATUS_OBJECT_NAME_INVALID};
  if (name.size() > kMaxKeyNameLength) return Unexpected{nt::STATUS_INVALID_PARAMETER};
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  Created out;
  auto r = s.write([&]() -> Result<void> {
    Stmt p = s.stmt("SELECT flags FROM keys WHERE id = ?");
    p.bind(1, parent);
    int rc = p.step();
    if (rc == SQLITE_DONE) return Unexpected{nt::STATUS_KEY_DELETED};
    if (rc != SQLITE_ROW) return Unexpected{s.status_of(rc)};
    bool parent_volatile = (p.int64(0) & kKeyVolatile) != 0;
    auto existing = s.child(parent, name);
    if (!existing) return Unexpected{existing.error()};
    if (*existing) {
      out = {(*existing)->id, false};
      return {};
    }
    if (parent_volatile && !(flags & kKeyVolatile)) return Unexpected{nt::STATUS_CHILD_MUST_BE_VOLATILE};
    Stmt ins = s.stmt(
        "INSERT INTO keys(parent, name, folded, class, flags, last_write, name_stamp, value_stamp)"
        " VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, parent).bind_name(2, name).bind_folded(3, fold_name(name)).bind_name(4, class_name);
    ins.bind(5, flags).bind(6, filetime_now()).bind(7, s.change_seq).bind(8, s.change_seq);
    rc = ins.step();
    if (rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    out = {sqlite3_last_insert_rowid(s.db), true};
    return s.touch(parent, true, false);
  });
  if (!r) return Unexpected{r.error()};
  return out;
}

Result<void> Store::delete_key(KeyId key) {
  if (key == kRootKey) return Unexpected{nt::STATUS_CANNOT_DELETE};
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  return s.write([&]() -> Result<void> {
    auto found = s.parent(key);
    if (!found) return Unexpected{found.error()};
    KeyId parent = *found;
    if (parent == kRootKey) return Unexpected{nt::STATUS_CANNOT_DELETE};  // \REGISTRY\MACHINE, \REGISTRY\USER
    Stmt kids = s.stmt("SELECT 1 FROM keys WHERE parent = ? LIMIT 1");
    kids.bind(1, key);
    int rc = kids.step();
    if (rc == SQLITE_ROW) return Unexpected{nt::STATUS_CANNOT_DELETE};
    if (rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    Stmt dv = s.stmt("DELETE FROM vals WHERE key = ?");
    dv.bind(1, key);
    if ((rc = dv.step()) != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    Stmt dk = s.stmt("DELETE FROM keys WHERE id = ?");
    dk.bind(1, key);
    if ((rc = dk.step()) != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    return s.touch(parent, true, false);
  });
}

Result<void> Store::rename_key(KeyId key, std::u16string_view new_name) {
  if (new_name.empty() || new_name.find(u'\\') != std::u16string_view::npos)
    return Unexpected{nt::STATUS_OBJECT_NAME_INVALID};
  if (new_name.size() > kMaxKeyNameLength) return Unexpected{nt::STATUS_INVALID_PARAMETER};
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  return s.write([&]() -> Result<void> {
    auto found = s.parent(key);
    if (!found) return Unexpected{found.error()};
    KeyId parent = *found;
    if (parent == kRootKey || key == kRootKey) return Unexpected{nt::STATUS_ACCESS_DENIED};
    auto other = s.child(parent, new_name);
    if (!other) return Unexpected{other.error()};
    if (*other && (*other)->id != key) return Unexpected{nt::STATUS_OBJECT_NAME_COLLISION};
    Stmt u = s.stmt("UPDATE keys SET name = ?, folded = ? WHERE id = ?");
    u.bind_name(1, new_name).bind_folded(2, fold_name(new_name)).bind(3, key);
    if (int rc = u.step(); rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    if (auto t = s.touch(key, true, false); !t) return t;
    return s.touch(parent, true, false);
  });
}

Result<KeyInfo> Store::key_info(KeyId key) {
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  KeyInfo info;
  Stmt k = s.stmt("SELECT name, class, last_write, flags FROM keys WHERE id = ?");
  k.bind(1, key);
  int rc = k.step();
  if (rc == SQLITE_DONE) return Unexpected{nt::STATUS_KEY_DELETED};
  if (rc != SQLITE_ROW) return Unexpected{s.status_of(rc)};
  info.id = key;
  info.name = k.name(0);
  info.class_name = k.name(1);
  info.last_write = k.int64(2);
  info.flags = static_cast<std::uint32_t>(k.int64(3));
  Stmt sub = s.stmt("SELECT count(*), coalesce(max(length(name)), 0), coalesce(max(length(class)), 0)"
                    " FROM keys WHERE parent = ?");
  sub.bind(1, key);
  if ((rc = sub.step()) != SQLITE_ROW) return Unexpected{s.status_of(rc)};
  info.subkeys = static_cast<std::uint32_t>(sub.int64(0));
  info.max_subkey_name = static_cast<std::uint32_t>(sub.int64(1) / 2);
  info.max_class = static_cast<std::uint32_t>(sub.int64(2) / 2);
  Stmt val = s.stmt("SELECT count(*), coalesce(max(length(name)), 0), coalesce(max(length(data)), 0)"
                    " FROM vals WHERE key = ?");
  val.bind(1, key);
  if ((rc = val.step()) != SQLITE_ROW) return Unexpected{s.status_of(rc)};
  info.values = static_cast<std::uint32_t>(val.int64(0));
  info.max_value_name = static_cast<std::uint32_t>(val.int64(1) / 2);
  info.max_value_data = static_cast<std::uint32_t>(val.int64(2));
  return info;
}

Result<KeyInfo> Store::enum_key(KeyId key, std::uint32_t index) {
  KeyId child = 0;
  {
    std::lock_guard guard(impl_->lock);
    Impl& s = *impl_;
    auto& c = s.key_cursor;
    bool seek = s.cursor_follows(c, key, index);
    Stmt q = seek ? s.stmt("SELECT id, folded FROM keys WHERE parent = ? AND folded > ? ORDER BY folded LIMIT 1")
                  : s.stmt("SELECT id, folded FROM keys WHERE parent = ? ORDER BY folded LIMIT 1 OFFSET ?");
    q.bind(1, key);
    if (seek) q.bind_blob(2, c.folded.data(), c.folded.size());
    else q.bind(2, index);
    std::uint64_t gen = s.generation.load();
    int rc = q.step();
    if (rc == SQLITE_ROW) c = {key, index, gen, s.local_writes, 0, q.blob(1), true};
    else c.valid = false;
    if (rc == SQLITE_DONE) {
      auto e = s.exists(key);
      if (e && !*e) return Unexpected{nt::STATUS_KEY_DELETED};
      return Unexpected{nt::STATUS_NO_MORE_ENTRIES};
    }
    if (rc != SQLITE_ROW) return Unexpected{s.status_of(rc)};
    child = q.int64(0);
  }
  return key_info(child);
}

Result<KeyId> Store::parent_of(KeyId key) {
  std::lock_guard guard(impl_->lock);
  return impl_->parent(key);
}

Result<std::u16string> Store::key_path(KeyId key) {
  std::lock_guard guard(impl_->lock);
  std::u16string path;
  for (KeyId cur = key; cur != 0;) {
    Stmt q = impl_->stmt("SELECT parent, name FROM keys WHERE id = ?");
    q.bind(1, cur);
    int rc = q.step();
    if (rc == SQLITE_DONE) return Unexpected{nt::STATUS_KEY_DELETED};
    if (rc != SQLITE_ROW) return Unexpected{impl_->status_of(rc)};
    path = u"\\" + q.name(1) + path;
    cur = q.int64(0);
  }
  return path;
}

Result<bool> Store::key_exists(KeyId key) {
  std::lock_guard guard(impl_->lock);
  return impl_->exists(key);
}

Result<std::int64_t> Store::change_stamp(KeyId key, bool subtree, bool names, bool values) {
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  const char* sql = subtree ? "WITH RECURSIVE t(id) AS (SELECT ? UNION ALL SELECT k.id FROM keys k JOIN t ON k.parent = t.id)"
                              " SELECT max(CASE WHEN ? THEN name_stamp ELSE 0 END, CASE WHEN ? THEN value_stamp ELSE 0 END)"
                              " FROM keys WHERE id IN t ORDER BY 1 DESC LIMIT 1"
                            : "SELECT max(CASE WHEN ?2 THEN name_stamp ELSE 0 END, CASE WHEN ?3 THEN value_stamp ELSE 0 END)"
                              " FROM keys WHERE id = ?1";
  Stmt q = s.stmt(sql);
  q.bind(1, key).bind(2, names).bind(3, values);
  int rc = q.step();
  if (rc == SQLITE_DONE) return Unexpected{nt::STATUS_KEY_DELETED};
  if (rc != SQLITE_ROW) return Unexpected{s.status_of(rc)};
  return q.int64(0);
}

}  // namespace sill::registry

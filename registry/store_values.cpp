// Values: set, delete, enumerate, and reads through the per-process cache.
//
// The cache answers repeated queries of the same value with one load of the
// shared generation word and a hash lookup (no SQL). It is filled only from
// reads made while no write was under way anywhere and during which none
// finished (generation.h), and emptied whenever the generation moves, so it
// never shows a value another process has since changed.
#include "ntdll/status.h"
#include "registry/case_fold.h"
#include "registry/store_impl.h"

namespace sill::registry {

namespace {
thread_local std::u16string t_folded;  // reused: a cached query allocates nothing
}

Result<void> Store::set_value(KeyId key, std::u16string_view name, std::uint32_t type, const void* data,
                              std::size_t size) {
  if (size > 0xFFFFFFFFu) return Unexpected{nt::STATUS_INVALID_PARAMETER};
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  std::u16string folded = fold_name(name);
  return s.write([&]() -> Result<void> {
    // Touching the key first also tells whether it still exists.
    if (auto t = s.touch(key, false, true); !t) return t;
    // A value that exists keeps its place in the enumeration order and its name's case.
    Stmt up = s.stmt(
        "INSERT INTO vals(key, folded, name, type, data, seq) VALUES(?1, ?2, ?3, ?4, ?5,"
        " (SELECT coalesce(max(seq), 0) + 1 FROM vals WHERE key = ?1))"
        " ON CONFLICT(key, folded) DO UPDATE SET type = excluded.type, data = excluded.data");
    up.bind(1, key).bind_folded(2, folded).bind_name(3, name).bind(4, type).bind_blob(5, data, size);
    int rc = up.step();
    if (rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    return {};
  });
}

Result<void> Store::delete_value(KeyId key, std::u16string_view name) {
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  std::u16string folded = fold_name(name);
  return s.write([&]() -> Result<void> {
    auto e = s.exists(key);
    if (!e) return Unexpected{e.error()};
    if (!*e) return Unexpected{nt::STATUS_KEY_DELETED};
    Stmt d = s.stmt("DELETE FROM vals WHERE key = ? AND folded = ?");
    d.bind(1, key).bind_folded(2, folded);
    int rc = d.step();
    if (rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
    if (sqlite3_changes(s.db) == 0) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
    return s.touch(key, false, true);
  });
}

Result<void> Store::visit_value(KeyId key, std::u16string_view name, ValueVisitor visit, void* context) {
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  fold_name_into(name, t_folded);
  std::uint64_t gen = s.generation.load();
  bool cacheable = s.write_depth == 0 && Generation::is_stable(gen);
  if (cacheable) {
    if (gen != s.cache_generation) {
      s.cache.clear();
      s.cache_generation = gen;
    } else if (auto k = s.cache.find(key); k != s.cache.end()) {
      if (auto v = k->second.find(t_folded); v != k->second.end()) {
        if (!v->second) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
        visit(*v->second, context);
        return {};
      }
    }
  }
  std::optional<Value> found;
  {
    Stmt q = s.stmt("SELECT name, type, data FROM vals WHERE key = ? AND folded = ?");
    q.bind(1, key).bind_folded(2, t_folded);
    int rc = q.step();
    if (rc == SQLITE_ROW) found = Value{q.name(0), static_cast<std::uint32_t>(q.int64(1)), q.blob(2)};
    else if (rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
  }
  if (!found) {
    auto e = s.exists(key);
    if (!e) return Unexpected{e.error()};
    if (!*e) return Unexpected{nt::STATUS_KEY_DELETED};
  }
  if (cacheable && s.generation.load() == gen) {
    auto& slot = s.cache[key][t_folded];
    slot = std::move(found);
    if (!slot) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
    visit(*slot, context);
    return {};
  }
  if (!found) return Unexpected{nt::STATUS_OBJECT_NAME_NOT_FOUND};
  visit(*found, context);
  return {};
}

Result<Value> Store::get_value(KeyId key, std::u16string_view name) {
  Value out;
  auto r = visit_value(
      key, name, [](const Value& v, void* ctx) { *static_cast<Value*>(ctx) = v; }, &out);
  if (!r) return Unexpected{r.error()};
  return out;
}

Result<Value> Store::enum_value(KeyId key, std::uint32_t index) {
  std::lock_guard guard(impl_->lock);
  Impl& s = *impl_;
  auto& c = s.value_cursor;
  bool seek = s.cursor_follows(c, key, index);
  Stmt q = seek ? s.stmt("SELECT name, type, data, seq FROM vals WHERE key = ? AND seq > ? ORDER BY seq LIMIT 1")
                : s.stmt("SELECT name, type, data, seq FROM vals WHERE key = ? ORDER BY seq LIMIT 1 OFFSET ?");
  q.bind(1, key).bind(2, seek ? c.seq : std::int64_t{index});
  std::uint64_t gen = s.generation.load();
  int rc = q.step();
  if (rc == SQLITE_ROW) {
    c = {key, index, gen, s.local_writes, q.int64(3), {}, true};
    return Value{q.name(0), static_cast<std::uint32_t>(q.int64(1)), q.blob(2)};
  }
  c.valid = false;
  if (rc != SQLITE_DONE) return Unexpected{s.status_of(rc)};
  auto e = s.exists(key);
  if (e && !*e) return Unexpected{nt::STATUS_KEY_DELETED};
  return Unexpected{nt::STATUS_NO_MORE_ENTRIES};
}

}  // namespace sill::registry

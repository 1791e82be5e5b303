// Inside the store (store*.cpp only): the SQLite connection, prepared
// statements, the write-transaction protocol and the value cache.
#pragma once
#include <sqlite3.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "registry/generation.h"
#include "registry/store.h"

namespace sill::registry {

// A prepared statement borrowed from the cache: bound on use, reset when it goes out of scope.
class Stmt {
 public:
  explicit Stmt(sqlite3_stmt* s) : s_(s) {}
  ~Stmt() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  // Bytes; an empty span binds a zero-length blob, never NULL.
  Stmt& bind_blob(int i, const void* p, std::size_t n) {
    if (n == 0) sqlite3_bind_zeroblob(s_, i, 0);
    else sqlite3_bind_blob64(s_, i, p, n, SQLITE_TRANSIENT);
    return *this;
  }
  // A name as stored: UTF-16 in native order.
  Stmt& bind_name(int i, std::u16string_view s) { return bind_blob(i, s.data(), s.size() * 2); }
  // A folded name: UTF-16 big-endian, so that byte order is code-unit order.
  Stmt& bind_folded(int i, std::u16string_view folded);

  int step() { return sqlite3_step(s_); }
  std::int64_t int64(int col) const { return sqlite3_column_int64(s_, col); }
  std::u16string name(int col) const;
  std::vector<std::uint8_t> blob(int col) const;
  sqlite3_stmt* raw() const { return s_; }

 private:
  sqlite3_stmt* s_;
};

struct Store::Impl {
  std::string path;
  sqlite3* db = nullptr;
  Generation generation;
  std::recursive_mutex lock;
  int write_depth = 0;           // > 0 inside a write transaction
  std::int64_t change_seq = 0;   // this transaction's stamp
  std::map<std::string, sqlite3_stmt*> statements;
  bool reported_corrupt = false;

  // Enumeration cursors: asking for index i+1 right after index i, with nothing written
  // meanwhile (same generation, same local write count), seeks past the last row instead
  // of counting from the first, so enumerating n entries costs O(n), not O(n^2).
  std::uint64_t local_writes = 0;
  struct Cursor {
    KeyId key = 0;
    std::uint32_t index = 0;
    std::uint64_t generation = 0, local = 0;
    std::int64_t seq = 0;          // values: the last row's seq
    std::vector<std::uint8_t> folded;  // subkeys: the last row's folded name (big-endian bytes)
    bool valid = false;
  };
  Cursor value_cursor, key_cursor;
  bool cursor_follows(const Cursor& c, KeyId key, std::uint32_t index) const {
    return c.valid && c.key == key && index == c.index + 1 && c.generation == generation.load() &&
           c.local == local_writes;
  }

  // The value cache: per key, folded name -> value (nullopt: known absent).
  std::uint64_t cache_generation = 0;
  std::unordered_map<KeyId, std::unordered_map<std::u16string, std::optional<Value>>> cache;

  ~Impl();
  Stmt stmt(const char* sql);
  // An SQLite result code as NTSTATUS; reports a damaged store once, naming the file.
  win::NTSTATUS status_of(int rc);
  Result<void> exec(const char* sql);
  // Runs fn inside a write transaction (joining the current one). Lock held by the caller.
  Result<void> write(const std::function<Result<void>()>& fn);

  // Key rows.
  struct KeyRow {
    KeyId id = 0;
    std::uint32_t flags = 0;
  };
  Result<std::optional<KeyRow>> child(KeyId parent, std::u16string_view name);
  Result<bool> exists(KeyId key);
  Result<KeyId> parent(KeyId key);  // STATUS_KEY_DELETED when the key is gone
  // Last write time and change stamps; STATUS_KEY_DELETED when the key is gone.
  Result<void> touch(KeyId key, bool names, bool values);
  Result<KeyId> resolve(KeyId from, std::u16string_view path, bool open_link, int hops);
  void drop_cache() { cache.clear(); }
};

// How an open failure of the store reads: the file, the reason, how to recover.
std::string damaged_store_message(const std::string& path, const std::string& reason);

}  // namespace sill::registry

// Opening the store, its schema, and the transaction protocol (store.h, generation.h).
//
// Schema (format 1):
//   meta(key TEXT PRIMARY KEY, value)           'format' = 1, 'change_seq' = stamp of the last write
//   keys(id, parent, name, folded, class, flags, last_write, name_stamp, value_stamp)
//        UNIQUE(parent, folded); subkeys enumerate in folded order, as on Windows
//   vals(key, folded, name, type, data, seq)    PRIMARY KEY(key, folded); values enumerate by seq
// Names are BLOBs of UTF-16 (native order; folded ones big-endian so that byte
// order is Windows' code-unit order), so any name, lone surrogates included, round-trips.
#include "registry/store_impl.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "base/debug.h"
#include "ntdll/status.h"

SILL_DEFAULT_DEBUG_CHANNEL(reg);

namespace sill::registry {

namespace {

constexpr int kFormat = 1;
constexpr int kBusyTimeoutMs = 30000;

const char* const kSchema[] = {
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value)",
    "CREATE TABLE keys(id INTEGER PRIMARY KEY, parent INTEGER NOT NULL, name BLOB NOT NULL,"
    " folded BLOB NOT NULL, class BLOB, flags INTEGER NOT NULL DEFAULT 0, last_write INTEGER NOT NULL,"
    " name_stamp INTEGER NOT NULL DEFAULT 0, value_stamp INTEGER NOT NULL DEFAULT 0, UNIQUE(parent, folded))",
    "CREATE TABLE vals(key INTEGER NOT NULL, folded BLOB NOT NULL, name BLOB NOT NULL,"
    " type INTEGER NOT NULL, data BLOB NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(key, folded)) WITHOUT ROWID",
    "CREATE INDEX vals_by_seq ON vals(key, seq)",
};

bool file_exists(const std::string& p) {
  struct stat st;
  return stat(p.c_str(), &st) == 0;
}

}  // namespace

std::int64_t filetime_now() {
  using namespace std::chrono;
  auto since_unix = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count() / 100;
  return since_unix + 116444736000000000LL;
}

std::string damaged_store_message(const std::string& path, const std::string& reason) {
  return "the registry store " + path + " cannot be used (" + reason +
         "). Sill will not replace it with an empty registry. To recover: keep a copy of the file, try "
         "`sqlite3 " + path + " .recover | sqlite3 fixed.db` and move fixed.db into its place, or move it "
         "aside and run `sill prefix init` for a fresh default registry (then `sill reg import` a backup).";
}

Stmt& Stmt::bind_folded(int i, std::u16string_view folded) {
  std::string be(folded.size() * 2, '\0');
  for (std::size_t k = 0; k < folded.size(); ++k) {
    be[2 * k] = static_cast<char>(folded[k] >> 8);
    be[2 * k + 1] = static_cast<char>(folded[k] & 0xFF);
  }
  return bind_blob(i, be.data(), be.size());
}

std::u16string Stmt::name(int col) const {
  const void* p = sqlite3_column_blob(s_, col);
  int n = sqlite3_column_bytes(s_, col);
  std::u16string out(static_cast<std::size_t>(n) / 2, u'\0');
  if (p && n) std::memcpy(out.data(), p, out.size() * 2);
  return out;
}

std::vector<std::uint8_t> Stmt::blob(int col) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(s_, col));
  int n = sqlite3_column_bytes(s_, col);
  return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>{};
}

Store::Impl::~Impl() {
  for (auto& [sql, s] : statements) sqlite3_finalize(s);
  if (db) sqlite3_close(db);
}

Stmt Store::Impl::stmt(const char* sql) {
  auto it = statements.find(sql);
  if (it != statements.end()) return Stmt(it->second);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
    // Every statement is a constant of this program: failing to prepare one is a damaged schema.
    ERR("registry: cannot prepare \"%s\": %s\n", sql, sqlite3_errmsg(db));
    sqlite3_prepare_v3(db, "SELECT raise(ABORT, 'registry schema damaged')", -1, 0, &s, nullptr);
    return Stmt(s);
  }
  statements.emplace(sql, s);
  return Stmt(s);
}

win::NTSTATUS Store::Impl::status_of(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_OK: case SQLITE_ROW: case SQLITE_DONE: return nt::STATUS_SUCCESS;
    case SQLITE_NOMEM: return nt::STATUS_NO_MEMORY;
    case SQLITE_FULL: return nt::STATUS_DISK_FULL;
    case SQLITE_READONLY: case SQLITE_PERM: case SQLITE_AUTH: return nt::STATUS_ACCESS_DENIED;
    case SQLITE_CORRUPT: case SQLITE_NOTADB: case SQLITE_ERROR:
      if (!reported_corrupt) {
        reported_corrupt = true;
        std::fprintf(stderr, "sill: %s\n", damaged_store_message(path, sqlite3_errstr(rc)).c_str());
      }
      return nt::STATUS_REGISTRY_CORRUPT;
    default:
      ERR("registry: %s: %s\n", path.c_str(), sqlite3_errstr(rc));
      return nt::STATUS_REGISTRY_IO_FAILED;
  }
}

Result<void> Store::Impl::exec(const char* sql) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return Unexpected{status_of(rc)};
  return {};
}

Result<void> Store::Impl::write(const std::function<Result<void>()>& fn) {
  ++local_writes;
  if (write_depth > 0) return fn();
  generation.begin_write();
  Result<void> r = exec("BEGIN IMMEDIATE");
  if (r) {
    Stmt next = stmt("UPDATE meta SET value = value + 1 WHERE key = 'change_seq' RETURNING value");
    int rc = next.step();
    if (rc == SQLITE_ROW) change_seq = next.int64(0);
    else r = Unexpected{status_of(rc == SQLITE_DONE ? SQLITE_CORRUPT : rc)};
  }
  if (r) {
    ++write_depth;
    try {
      r = fn();
    } catch (const std::bad_alloc&) {
      r = Unexpected{nt::STATUS_NO_MEMORY};
    }
    --write_depth;
  }
  if (r) {
    r = exec("COMMIT");
    if (!r) exec("ROLLBACK");
  } else if (!sqlite3_get_autocommit(db)) {
    exec("ROLLBACK");
  }
  generation.end_write();
  drop_cache();
  return r;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
const std::string& Store::path() const { return impl_->path; }

Expected<std::unique_ptr<Store>> Store::open(const std::string& path,
                                             const std::function<Result<void>(Store&)>& populate) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  bool existed = file_exists(path);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (existed ? 0 : SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
  if (rc != SQLITE_OK)
    return fail("cannot open the registry store " + path + ": " +
                (impl->db ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc)));
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, kBusyTimeoutMs);
  sqlite3* db = impl->db;  // `impl` moves into the Store below; the connection stays
  auto setup = [db](const char* sql) -> std::string {
    char* err = nullptr;
    int r = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    std::string msg = r == SQLITE_OK ? "" : (err ? err : sqlite3_errstr(r));
    sqlite3_free(err);
    return msg;
  };
  // WAL: readers never wait for writers and a commit is one append to the log.
  // synchronous=NORMAL: a commit survives any process's death (it is in the kernel's
  // page cache); flush() adds the fsyncs that make it survive a power loss.
  // A checkpoint fsyncs twice; every 8000 pages (~32 MiB of log) keeps that off most writes,
  // and the log is cut back to 4 MiB after each.
  // Small pages: a registry change touches a few rows on four or five pages, and each page
  // goes whole into the log; 1 KiB pages write a quarter of what the default 4 KiB would.
  // (Only a new file takes it; an existing store keeps its page size.)
  for (const char* sql : {"PRAGMA page_size=1024", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA wal_autocheckpoint=8000",
                          "PRAGMA journal_size_limit=4194304"})
    if (auto e = setup(sql); !e.empty()) return fail(damaged_store_message(path, e));

  std::unique_ptr<Store> store(new Store(std::move(impl)));
  Impl& s = *store->impl_;
  if (auto g = s.generation.open(path + "-gen"); !g) return fail(g.error().message);

  // Format check, and the schema for a new (or never finished) store.
  auto format = [&]() -> std::string {
    sqlite3_stmt* q = nullptr;
    std::string v;
    if (sqlite3_prepare_v2(s.db, "SELECT value FROM meta WHERE key = 'format'", -1, &q, nullptr) == SQLITE_OK) {
      if (sqlite3_step(q) == SQLITE_ROW) v = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
      sqlite3_finalize(q);
    }
    return v;
  };
  auto table_count = [&]() -> int {
    sqlite3_stmt* q = nullptr;
    int n = -1;
    if (sqlite3_prepare_v2(s.db, "SELECT count(*) FROM sqlite_schema", -1, &q, nullptr) == SQLITE_OK) {
      if (sqlite3_step(q) == SQLITE_ROW) n = sqlite3_column_int(q, 0);
      sqlite3_finalize(q);
    }
    return n;
  };
  std::string f = format();
  if (f.empty()) {
    std::lock_guard guard(s.lock);
    if (auto e = setup("BEGIN IMMEDIATE"); !e.empty()) return fail(damaged_store_message(path, e));
    int tables = table_count();
    if (!format().empty()) {
      setup("ROLLBACK");  // another process created it meanwhile
    } else if (tables != 0) {
      setup("ROLLBACK");
      return fail(damaged_store_message(path, tables < 0 ? "unreadable" : "not a Sill registry store"));
    } else {
      for (const char* sql : kSchema)
        if (auto e = setup(sql); !e.empty()) {
          setup("ROLLBACK");
          return fail("cannot create the registry store " + path + ": " + e);
        }
      setup(("INSERT INTO meta VALUES('format', " + std::to_string(kFormat) + "), ('change_seq', 1)").c_str());
      std::int64_t now = filetime_now();
      {
        Stmt root = s.stmt("INSERT INTO keys(id, parent, name, folded, last_write) VALUES(1, 0, ?, ?, ?)");
        root.bind_name(1, u"REGISTRY").bind_folded(2, u"REGISTRY").bind(3, now).step();
      }
      s.change_seq = 1;
      s.write_depth = 1;
      Result<void> filled = [&]() -> Result<void> {
        for (const char16_t* top : {u"MACHINE", u"USER"}) {
          auto k = store->create_key(kRootKey, top, u"", 0);
          if (!k) return Unexpected{k.error()};
        }
        return populate ? populate(*store) : Result<void>{};
      }();
      s.write_depth = 0;
      if (!filled) {
        setup("ROLLBACK");
        return fail("cannot fill the new registry store " + path + " (status 0x" +
                    [](std::uint32_t v) { char b[16]; std::snprintf(b, sizeof b, "%08X", v); return std::string(b); }(
                        static_cast<std::uint32_t>(filled.error())) + ")");
      }
      if (auto e = setup("COMMIT"); !e.empty()) return fail("cannot create the registry store " + path + ": " + e);
      TRACE("created the registry store %s\n", path.c_str());
    }
    f = format();
  }
  if (f != std::to_string(kFormat)) {
    int tables = table_count();
    return fail(damaged_store_message(path, tables < 0 ? "file is not a database"
                                          : f.empty()  ? "not a Sill registry store"
                                                       : "unknown format " + f));
  }
  return store;
}

Result<void> Store::batch(const std::function<Result<void>()>& fn) {
  std::lock_guard guard(impl_->lock);
  return impl_->write(fn);
}

std::uint64_t Store::generation() const { return impl_->generation.load(); }
std::uint32_t Store::finished_writes() const { return impl_->generation.finished(); }
void Store::wait_for_change(std::uint32_t seen, int timeout_ms) const { impl_->generation.wait_change(seen, timeout_ms); }

Result<void> Store::flush() {
  std::lock_guard guard(impl_->lock);
  if (impl_->write_depth > 0) return {};  // the enclosing transaction's commit will carry it
  // A full checkpoint with synchronous=NORMAL fsyncs the log and then the database.
  int rc = sqlite3_wal_checkpoint_v2(impl_->db, nullptr, SQLITE_CHECKPOINT_FULL, nullptr, nullptr);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return Unexpected{impl_->status_of(rc)};
  if (rc == SQLITE_BUSY) {
    // Readers keep part of the log alive: make the log itself durable instead.
    if (auto r = impl_->exec("PRAGMA synchronous=FULL; BEGIN IMMEDIATE; UPDATE meta SET value = value "
                             "WHERE key = 'format'; COMMIT; PRAGMA synchronous=NORMAL");
        !r)
      return r;
  }
  return {};
}

std::vector<std::string> Store::check() {
  std::lock_guard guard(impl_->lock);
  std::vector<std::string> problems;
  auto collect = [&](const char* sql, const char* what) {
    sqlite3_stmt* q = nullptr;
    int rc = sqlite3_prepare_v2(impl_->db, sql, -1, &q, nullptr);
    if (rc != SQLITE_OK) {
      problems.push_back(std::string(what) + ": " + sqlite3_errmsg(impl_->db));
      return;
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      const char* t = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
      std::string line = t ? t : "";
      if (line != "ok") problems.push_back(std::string(what) + ": " + line);
    }
    if (rc != SQLITE_DONE) problems.push_back(std::string(what) + ": " + sqlite3_errmsg(impl_->db));
    sqlite3_finalize(q);
  };
  collect("PRAGMA integrity_check", "SQLite integrity check");
  collect("SELECT 'key ' || id || ' has no parent ' || parent FROM keys WHERE id != 1 AND parent NOT IN "
          "(SELECT id FROM keys)",
          "tree");
  collect("SELECT 'value of missing key ' || key FROM vals WHERE key NOT IN (SELECT id FROM keys)", "values");
  collect("SELECT 'root key missing' WHERE NOT EXISTS (SELECT 1 FROM keys WHERE id = 1)", "tree");
  return problems;
}

}  // namespace sill::registry

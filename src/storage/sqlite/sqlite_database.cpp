#include "storage/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <chrono>
#include <cstring>
#include <exception>
#include <filesystem>
#include <utility>

#include "common/log.h"
#include "storage/sqlite/fts_indexer.h"
#include "storage/sqlite/ngram_tokenizer.h"
#include "storage/sqlite/wal_write_vfs.h"

namespace storage::sqlite {

using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

namespace {

int Bind(sqlite3_stmt* stmt, int index, const SqlValue& v) {
  if (auto* i = std::get_if<int64_t>(&v)) return sqlite3_bind_int64(stmt, index, *i);
  if (auto* d = std::get_if<double>(&v)) return sqlite3_bind_double(stmt, index, *d);
  // SQLITE_STATIC: the parameters outlive the statement's use, which ends by clearing its
  // bindings (StatementReset); a copy per text was ~2% of a 100-record POST.
  if (auto* s = std::get_if<std::string>(&v)) {
    return sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_STATIC);
  }
  return sqlite3_bind_null(stmt, index);
}

Row ReadRow(sqlite3_stmt* stmt) {
  int n = sqlite3_column_count(stmt);
  std::vector<SqlValue> values;
  values.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, i)));
        break;
      case SQLITE_FLOAT:
        values.emplace_back(sqlite3_column_double(stmt, i));
        break;
      case SQLITE_NULL:
        values.emplace_back(common::SqlNull{});
        break;
      default: {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
        int len = sqlite3_column_bytes(stmt, i);
        values.emplace_back(std::string(p ? p : "", static_cast<size_t>(len)));
      }
    }
  }
  return Row(std::move(values));
}

// Resets a cached statement on every exit path so it never holds a read snapshot open.
struct StatementReset {
  sqlite3_stmt* stmt;
  ~StatementReset() {
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  }
};

// SQLite keeps allocation statistics (sqlite3_memory_used, soft heap limits) by default, which
// takes a process-wide mutex around every sqlite3_malloc/free; nothing here reads them, and
// FTS5 allocates per token. Must run before SQLite initialises (the first open); afterwards it
// is refused (SQLITE_MISUSE) and changes nothing.
void DisableMemoryStatistics() {
  static const int once = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)once;
}

// "file:/srv/tsumiki/tsumiki.db?mode=ro": `path` as a URI that opens it read-only (ATTACH takes
// the connection's own flags otherwise). '%', '?' and '#' would end or change the name.
std::string ReadOnlyUri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  return uri + "?mode=ro";
}

// tsumiki.db -> tsumiki-search.db, in the same directory.
std::string SearchPathBeside(const std::string& path) {
  std::string base = path;
  if (base.size() > 3 && base.ends_with(".db")) base.resize(base.size() - 3);
  return base + "-search.db";
}

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path,
                                                                 bool read_only) {
  DisableMemoryStatistics();
  TK_RETURN_IF_ERROR(RegisterWalWriteVfs());
  sqlite3* db = nullptr;
  // URI names: ATTACH opens the other file read-only through one ("file:...?mode=ro").
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
              (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Error::Internal("cannot open database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 10000);
  if (Status registered = RegisterNgramTokenizer(db); !registered.ok()) {
    sqlite3_close(db);
    return std::move(registered).error();
  }
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(db));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void SqliteConnection::NoteDamage() const {
  const int primary = sqlite3_errcode(db_) & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) saw_damage_ = true;
}

Error SqliteConnection::SqlError(std::string_view sql) const {
  NoteDamage();
  int code = sqlite3_extended_errcode(db_);
  std::string detail = std::string(sqlite3_errmsg(db_)) + " in: " + std::string(sql.substr(0, 300));
  int primary = code & 0xff;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error(ErrorCode::kDatabaseLocked).WithDetail(detail);
  }
  if (code == SQLITE_CONSTRAINT_UNIQUE)
    return Error(ErrorCode::kUniqueConstraint).WithDetail(detail);
  return Error::Internal(detail);
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql, Params params) {
  sqlite3_stmt* stmt = nullptr;
  auto it = statements_.find(sql);
  if (it != statements_.end()) {
    stmt = it->second;
  } else {
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return SqlError(sql);
    if (statements_.size() > 2000) {  // bound the cache: dynamic queries vary without end
      for (auto& [s, st] : statements_) sqlite3_finalize(st);
      statements_.clear();
    }
    statements_.emplace(std::string(sql), stmt);
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (Bind(stmt, static_cast<int>(i + 1), params[i]) != SQLITE_OK) {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
      return SqlError(sql);
    }
  }
  return stmt;
}

Status SqliteConnection::Execute(std::string_view sql, Params params) {
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  StatementReset reset{stmt};
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) return SqlError(sql);
  return Status::Ok();
}

Result<std::vector<Row>> SqliteConnection::Query(std::string_view sql, Params params) {
  std::vector<Row> rows;
  TK_RETURN_IF_ERROR(QueryEach(sql, params, [&](Row& r) {
    rows.push_back(std::move(r));
    return true;
  }));
  return rows;
}

Status SqliteConnection::QueryEach(std::string_view sql, Params params,
                                   const std::function<bool(Row&)>& on_row) {
  TK_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  StatementReset reset{stmt};
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    Row row = ReadRow(stmt);
    if (!on_row(row)) return Status::Ok();
  }
  if (rc != SQLITE_DONE) return SqlError(sql);
  return Status::Ok();
}

Status SqliteConnection::ExecuteScript(std::string_view sql) {
  std::string text(sql);
  char* err = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    NoteDamage();
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Error::Internal("script failed: " + msg);
  }
  return Status::Ok();
}

int64_t SqliteConnection::LastInsertId() { return sqlite3_last_insert_rowid(db_); }
int64_t SqliteConnection::Changes() { return sqlite3_changes64(db_); }

Status SqliteConnection::PrepareSearch(int64_t app, const std::vector<int64_t>& fields) {
  return search_preparer_ ? search_preparer_(app, fields) : Status::Ok();
}

// One queued Write: its work and, once `done` (under queue_mutex_), its result.
struct SqliteDatabase::PendingWrite {
  const std::function<Status(Connection&)>* work;
  Status result;
  bool done = false;
};

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(SqliteOptions options) {
  if (options.search_path.empty()) options.search_path = SearchPathBeside(options.path);
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase(std::move(options)));
  TK_ASSIGN_OR_RETURN(db->writer_, db->OpenConnection(false));
  Status opened = db->OpenSearch();
  // Its schema read now: a damaged one would fail every statement of every connection later.
  if (opened.ok()) opened = db->search_->ExecuteScript("SELECT count(*) FROM main.sqlite_master");
  if (!opened.ok()) {
    // Not a database (a partial copy, another file under its name) or damaged: it is derived
    // data, rebuilt from the records once FtsIndexer::Prepare finds it empty.
    if (!db->TakeSearchDamage()) return std::move(opened).error();
    common::LogWarn("search index " + db->options_.search_path + " is damaged (" +
                    opened.error().detail() + "): replaced by a new one, rebuilt from the records");
    TK_RETURN_IF_ERROR(db->ResetSearchFile());
  }
  TK_RETURN_IF_ERROR(db->AttachSearch(*db->writer_));
  if (db->options_.checkpoint_pages > 0) TK_RETURN_IF_ERROR(db->StartCheckpointer());
  if (db->options_.count_columns_bytes > 0) {
    db->count_index_ = std::make_unique<CountIndex>(*db, db->options_.count_columns_bytes,
                                                    db->options_.count_columns_list);
    sqlite3_update_hook(db->writer_->handle(), &SqliteDatabase::OnRowChange, db.get());
    sqlite3_rollback_hook(db->writer_->handle(), &SqliteDatabase::OnRollback, db.get());
    sqlite3_commit_hook(db->writer_->handle(), &SqliteDatabase::OnCommit, db.get());
    db->count_index_->LoadListed();
  }
  return db;
}

// Every row the writer inserts, updates or deletes (triggers' included): the record tables'
// rows and the apps rows feed the count columns' change capture.
void SqliteDatabase::OnRowChange(void* self, int, const char*, const char* table,
                                 long long rowid) {  // NOLINT(runtime/int)
  auto* db = static_cast<SqliteDatabase*>(self);
  if (table[0] == 'r' && table[1] != '\0') {
    int64_t app = 0;
    for (const char* p = table + 1; *p; ++p) {
      if (*p < '0' || *p > '9') return;  // r{A}_history, r{A}_t{K}, …
      app = app * 10 + (*p - '0');
    }
    db->count_index_->RowChanged(app, rowid);
  } else if (std::strcmp(table, "apps") == 0) {
    db->count_index_->AppChanged(rowid);
  }
}

void SqliteDatabase::OnRollback(void* self) {
  static_cast<SqliteDatabase*>(self)->count_index_->RolledBack();
}

// A commit that did not come through Commit() (a statement in autocommit mode): its rows were
// never read, so the count columns of the apps it touched are dropped instead.
int SqliteDatabase::OnCommit(void* self) {
  auto* db = static_cast<SqliteDatabase*>(self);
  if (!db->in_commit_) db->count_index_->CommittedUnread();
  return 0;
}

Status SqliteDatabase::Commit(SqliteConnection& c) {
  CountIndex* index = &c == writer_.get() ? count_index_.get() : nullptr;
  if (!index) return c.Execute("COMMIT", Params{});
  index->BeforeCommit(c);
  in_commit_ = true;
  Status commit = c.Execute("COMMIT", Params{});
  in_commit_ = false;
  if (commit.ok()) {
    index->AfterCommit();
  } else {
    index->RolledBack();
  }
  return commit;
}

SqliteDatabase::~SqliteDatabase() {
  StopCheckpointer();
  // The last connection to close a file checkpoints its WAL into it and removes the WAL: the
  // writer for the database (this one reads it too, read-only, and would otherwise close last),
  // this one for the search file (declared first, closed last).
  if (search_) (void)search_->ExecuteScript("DETACH DATABASE data");
}

// The search file gets its own connection, writing it and reading the database; every other
// connection attaches it as `search` to read it (the writer read-only too: its BEGIN IMMEDIATE
// would otherwise take the search file's write lock and wait for the indexer). FULL sync: an
// indexed batch must be on disk before the database forgets that it was queued
// (fts_indexer.h); the indexer commits a few times a second, off the request path.
Status SqliteDatabase::OpenSearch() {
  TK_ASSIGN_OR_RETURN(search_, SqliteConnection::Open(options_.search_path, false));
  TK_RETURN_IF_ERROR(search_->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA temp_store=MEMORY; "
      "PRAGMA cache_size=-" +
      std::to_string(options_.reader_cache_kib) + ";"));
  TK_RETURN_IF_ERROR(search_->Execute("ATTACH DATABASE ? AS data", {ReadOnlyUri(options_.path)}));
  writer_->set_search_preparer([this](int64_t app, const std::vector<int64_t>& fields) {
    return SearchWrite([&](Connection& c) { return PrepareSearchTables(c, app, fields); });
  });
  return Status::Ok();
}

// Outside a transaction only (ATTACH and DETACH cannot run inside one): readers before theirs,
// the writer's group leader before its group.
Status SqliteDatabase::AttachSearch(SqliteConnection& c) {
  if (c.attached_search() == search_generation_.load()) return Status::Ok();
  // Not while ResetSearchFile swaps the file: for a moment there is none to attach.
  std::shared_lock swap(search_swap_);
  const int64_t current = search_generation_.load();
  if (c.attached_search() >= 0) TK_RETURN_IF_ERROR(c.ExecuteScript("DETACH DATABASE search"));
  c.set_attached_search(-1);
  TK_RETURN_IF_ERROR(c.Execute("ATTACH DATABASE ? AS search", {ReadOnlyUri(options_.search_path)}));
  c.set_attached_search(current);
  return Status::Ok();
}

Status SqliteDatabase::ResetSearchFile() {
  std::lock_guard lock(search_mutex_);
  std::unique_lock swap(search_swap_);
  search_.reset();
  // Removed, not emptied with DROP TABLE: Debian's SQLite overwrites dropped pages (SECURE_DELETE),
  // hundreds of MB written for a million records, and a damaged file may not even drop.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;  // already gone is fine; a file that stays makes the open below fail
    std::filesystem::remove(options_.search_path + suffix, ignored);
  }
  TK_RETURN_IF_ERROR(OpenSearch());
  search_generation_.fetch_add(1);  // the new file exists: others may attach it
  return Status::Ok();
}

bool SqliteDatabase::TakeSearchDamage() {
  const bool reported = search_damage_reported_.exchange(false);
  std::lock_guard lock(search_mutex_);
  return (search_ && search_->TakeDamage()) || reported;
}

// BEGIN, not BEGIN IMMEDIATE: that would also begin a read of every attached file, the database
// included, held to the COMMIT; a transaction here reads the database only in the statements that
// name `data`. Only this connection writes the search file, so its deferred write never meets
// another writer's newer snapshot.
Status SqliteDatabase::SearchWrite(const std::function<Status(Connection&)>& work) {
  std::lock_guard lock(search_mutex_);
  // None after a ResetSearchFile whose new file would not open (its error was returned then).
  if (!search_) return Error::Internal("the search index file is not open");
  return RunInTransaction(*search_, "BEGIN", work);
}

// Checkpoints run on their own thread and connection instead of inside the commit of whichever
// write crosses the threshold: the copy into the database file and its fsync were ~18% of a
// 100-record POST's CPU, and all of it inside the writer's critical section (docs/benchmarks.md).
Status SqliteDatabase::StartCheckpointer() {
  TK_ASSIGN_OR_RETURN(checkpointer_conn_, SqliteConnection::Open(options_.path, false));
  // A TRUNCATE checkpoint holds the write lock while it waits for readers: wait briefly and
  // retry later rather than stall the writer.
  sqlite3_busy_timeout(checkpointer_conn_->handle(), 20);
  // A connection that has never read the database has not opened the WAL, and a checkpoint on
  // it silently does nothing (SQLite 3.40): read once so that it has.
  TK_RETURN_IF_ERROR(checkpointer_conn_->ExecuteScript("SELECT count(*) FROM sqlite_master"));
  TK_RETURN_IF_ERROR(writer_->ExecuteScript("PRAGMA wal_autocheckpoint=0"));
  sqlite3_wal_hook(writer_->handle(), &SqliteDatabase::OnWalCommit, this);
  checkpointer_ = std::thread([this] { Checkpointer(); });
  return Status::Ok();
}

void SqliteDatabase::StopCheckpointer() {
  {
    std::lock_guard lock(checkpoint_mutex_);
    stopping_ = true;
  }
  checkpoint_wake_.notify_all();
  if (checkpointer_.joinable()) checkpointer_.join();
  checkpointer_conn_.reset();
}

// Runs on the writer's thread after each commit, with the WAL's size in pages.
int SqliteDatabase::OnWalCommit(void* self, sqlite3*, const char*, int pages) {
  auto* db = static_cast<SqliteDatabase*>(self);
  db->commits_.fetch_add(1, std::memory_order_relaxed);
  // Past the threshold, a checkpoint only once a quarter of it has been written since the last
  // one. Requested at every commit, the checkpointer copied the pages every group rewrites (the
  // ends of the indexes, the search queue, history) once per group: ~13% of the server's CPU
  // during loads, nearly all of it copying in the kernel.
  const int copied = db->checkpointed_frames_.load(std::memory_order_relaxed);
  const int backlog = pages >= copied ? pages - copied : pages;  // smaller: the WAL restarted
  if (pages >= db->options_.checkpoint_pages && backlog >= db->options_.checkpoint_pages / 4) {
    std::lock_guard lock(db->checkpoint_mutex_);
    if (!db->checkpoint_requested_) {
      db->checkpoint_requested_ = true;
      db->checkpoint_wake_.notify_one();
    }
  }
  return SQLITE_OK;
}

void SqliteDatabase::Checkpointer() {
  using Clock = std::chrono::steady_clock;
  sqlite3* db = checkpointer_conn_->handle();
  const auto idle = std::chrono::milliseconds(options_.checkpoint_idle_ms);
  int64_t seen = commits_.load();
  int64_t truncated_at = -1;  // commits_ when the WAL was last truncated
  auto last_commit = Clock::now();
  std::unique_lock lock(checkpoint_mutex_);
  for (;;) {
    checkpoint_wake_.wait_for(lock, std::chrono::milliseconds(250),
                              [this] { return stopping_ || checkpoint_requested_; });
    if (stopping_) return;
    bool requested = std::exchange(checkpoint_requested_, false);
    lock.unlock();
    int64_t commits = commits_.load();
    if (commits != seen) {
      seen = commits;
      last_commit = Clock::now();
    }
    int log = 0, copied = 0;
    if (requested) {
      // PASSIVE copies what no reader still needs and never waits; the writer starts the WAL
      // over at its next transaction once everything is copied.
      int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
      if (rc == SQLITE_OK) checkpointed_frames_.store(copied, std::memory_order_relaxed);
      if (rc == SQLITE_OK && log >= 2 * options_.checkpoint_pages) {
        // Catch up before the restart below, which stops the writer while it copies what is
        // left: each PASSIVE copies what was written during the previous one, several times less
        // under a steady load (copying a frame is much cheaper than writing it), so that little
        // is left. Copying ~10,000 frames there made each restart pause writes ~80 ms.
        constexpr int kRestartBacklog = 500;
        for (int i = 0; i < 4 && rc == SQLITE_OK && log - copied > kRestartBacklog; ++i) {
          rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
        }
        // Under steady writes there is never a moment with every frame copied, so the WAL
        // would grow without end: copy the few frames written since and make the next writer
        // start the WAL over. RESTART needs the writer free, and a busy writer is free only
        // between groups, which its polls almost never hit: new groups wait (at most 250 ms)
        // while it runs, the group in progress finishes first.
        constexpr auto kPause = std::chrono::milliseconds(250);
        {
          // Wait here for the group in progress rather than in SQLite's busy handler, whose
          // sleeps (1, 2, 5, 10, 15, 20, 25 ms …) overshot its end by ~10-25 ms, all of it
          // with the writer idle.
          std::unique_lock queue(queue_mutex_);
          restart_until_ = Clock::now() + kPause;
          group_done_.wait_until(queue, restart_until_, [this] { return !leader_active_; });
        }
        sqlite3_busy_timeout(db, static_cast<int>(kPause.count()));
        rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, &log, &copied);
        sqlite3_busy_timeout(db, 20);
        // Done: the next writer starts the WAL over, from frame 0.
        checkpointed_frames_.store(rc == SQLITE_OK ? 0 : copied, std::memory_order_relaxed);
        {
          std::lock_guard queue(queue_mutex_);
          restart_until_ = {};
        }
        group_done_.notify_all();
      }
      if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY) {
        common::LogWarn(std::string("checkpoint: ") + sqlite3_errmsg(db));
      }
    } else if (truncated_at != seen && Clock::now() - last_commit >= idle) {
      // Idle: copy everything and shrink the WAL file to nothing. Busy (a reader on an old
      // snapshot, or a writer arrived): try again at the next tick.
      int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &copied);
      if (rc == SQLITE_OK) {
        truncated_at = seen;
      } else if ((rc & 0xff) != SQLITE_BUSY) {
        common::LogWarn(std::string("checkpoint: ") + sqlite3_errmsg(db));
        truncated_at = seen;
      }
    }
    lock.lock();
  }
}

Result<std::unique_ptr<SqliteConnection>> SqliteDatabase::OpenConnection(bool read_only) {
  TK_ASSIGN_OR_RETURN(auto conn, SqliteConnection::Open(options_.path, read_only));
  std::string pragmas =
      std::string("PRAGMA foreign_keys=ON; PRAGMA temp_store=") +
      // Readers sort in files beyond their cache: a GROUP BY over a million records kept its
      // whole sorter in the heap (+50-80 MB per aggregate, 290 MB after four; 116 MB in files,
      // which the kernel caches and which are as fast).
      (read_only ? "FILE" : "MEMORY") + "; PRAGMA cache_size=-" +
      std::to_string(read_only ? options_.reader_cache_kib : options_.writer_cache_kib) + ";";
  if (!read_only) {
    pragmas +=
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=4000; "
        "PRAGMA analysis_limit=1000;";
  }
  TK_RETURN_IF_ERROR(conn->ExecuteScript(pragmas));
  if (read_only) {
    TK_RETURN_IF_ERROR(AttachSearch(*conn));
    conn->set_count_index(count_index_.get());
  }
  return conn;
}

// BEGIN, COMMIT and ROLLBACK go through the statement cache (Execute), not sqlite3_exec: parsing
// them anew twice per request was ~10% of the CPU of a one-record read (docs/benchmarks.md).
Status SqliteDatabase::RunInTransaction(SqliteConnection& c, std::string_view begin,
                                        const std::function<Status(Connection&)>& work) {
  TK_RETURN_IF_ERROR(c.Execute(begin, Params{}));
  Status result;
  try {
    result = work(c);
  } catch (const std::exception& e) {
    result = Error::Internal(std::string("exception in transaction: ") + e.what());
  }
  if (result.ok()) {
    Status commit = Commit(c);
    if (commit.ok()) return result;
    result = std::move(commit);
  }
  Status rollback = c.Execute("ROLLBACK", Params{});
  if (!rollback.ok()) common::LogError("rollback failed: " + rollback.error().ToString());
  return result;
}

Status SqliteDatabase::WriteNested(const std::function<Status(Connection&)>& work) {
  std::string name = "nested" + std::to_string(++write_depth_);
  Status result = writer_->ExecuteScript("SAVEPOINT " + name);
  if (result.ok()) {
    try {
      result = work(*writer_);
    } catch (const std::exception& e) {
      result = Error::Internal(std::string("exception in transaction: ") + e.what());
    }
    if (!result.ok()) (void)writer_->ExecuteScript("ROLLBACK TO " + name);
    (void)writer_->ExecuteScript("RELEASE " + name);
  }
  --write_depth_;
  return result;
}

Status SqliteDatabase::Write(const std::function<Status(Connection&)>& work) {
  if (writer_owner_.load() == std::this_thread::get_id()) return WriteNested(work);
  // Bounds how long the first of a group waits for the last.
  constexpr size_t kMaxGroup = 64;
  PendingWrite me{&work, Status::Ok()};
  std::unique_lock lock(queue_mutex_);
  queue_.push_back(&me);
  while (!me.done) {
    if (leader_active_) {
      group_done_.wait(lock);
      continue;
    }
    if (std::chrono::steady_clock::now() < restart_until_) {
      group_done_.wait_until(lock, restart_until_);
      continue;
    }
    // Lead: take the queue (this write is in it) and run it as one transaction.
    leader_active_ = true;
    std::vector<PendingWrite*> group;
    size_t n = std::min(queue_.size(), kMaxGroup);
    group.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(n));
    lock.unlock();
    RunGroup(group);
    lock.lock();
    leader_active_ = false;
    for (PendingWrite* p : group) p->done = true;
    group_done_.notify_all();
  }
  return std::move(me.result);
}

size_t SqliteDatabase::queued_writes() {
  std::lock_guard lock(queue_mutex_);
  return queue_.size();
}

void SqliteDatabase::RunGroup(const std::vector<PendingWrite*>& group) {
  SqliteConnection& c = *writer_;
  writer_owner_.store(std::this_thread::get_id());
  auto run = [&c](PendingWrite& p) -> Status {
    try {
      return (*p.work)(c);
    } catch (const std::exception& e) {
      return Error::Internal(std::string("exception in transaction: ") + e.what());
    }
  };
  if (Status attached = AttachSearch(c); !attached.ok()) {
    for (PendingWrite* p : group) p->result = attached;
  } else if (group.size() == 1) {
    group[0]->result = RunInTransaction(c, "BEGIN IMMEDIATE", *group[0]->work);
  } else if (Status begun = c.Execute("BEGIN IMMEDIATE", Params{}); !begun.ok()) {
    for (PendingWrite* p : group) p->result = begun;
  } else {
    size_t i = 0;
    for (; i < group.size(); ++i) {
      PendingWrite& p = *group[i];
      p.result = c.Execute("SAVEPOINT grouped", Params{});
      if (p.result.ok()) {
        p.result = run(p);
        if (!p.result.ok()) (void)c.Execute("ROLLBACK TO grouped", Params{});
        Status released = c.Execute("RELEASE grouped", Params{});
        if (p.result.ok() && !released.ok()) p.result = std::move(released);
      }
      // Some errors (disk full, I/O) roll back the whole transaction: the earlier writes of the
      // group are gone with it, and the rest must not run outside a transaction.
      if (!p.result.ok() && sqlite3_get_autocommit(c.handle())) break;
    }
    if (i < group.size()) {
      Status lost = group[i]->result;
      for (size_t k = 0; k < i; ++k) {
        if (group[k]->result.ok()) group[k]->result = lost;
      }
      for (size_t k = i + 1; k < group.size(); ++k) {
        group[k]->result = RunInTransaction(c, "BEGIN IMMEDIATE", *group[k]->work);
      }
    } else if (Status commit = Commit(c); !commit.ok()) {
      Status rollback = c.Execute("ROLLBACK", Params{});
      if (!rollback.ok()) common::LogError("rollback failed: " + rollback.error().ToString());
      for (PendingWrite* p : group) {
        if (p->result.ok()) p->result = commit;
      }
    }
  }
  writer_owner_.store(std::thread::id());
  // Keep the planner's statistics current as apps grow (a bulk load turns a table of ten
  // rows into a million): PRAGMA optimize re-analyses only tables that changed a lot, and
  // analysis_limit keeps each run to milliseconds.
  writes_since_optimize_ += static_cast<int64_t>(group.size());
  if (writes_since_optimize_ >= 1000) {
    writes_since_optimize_ = 0;
    Status optimized = writer_->ExecuteScript("PRAGMA main.optimize");
    if (!optimized.ok()) common::LogWarn("PRAGMA optimize: " + optimized.error().ToString());
  }
}

Status SqliteDatabase::Read(const std::function<Status(Connection&)>& work) {
  // Inside a write on this thread: read through it, to see its own changes.
  if (writer_owner_.load() == std::this_thread::get_id()) return work(*writer_);
  std::unique_ptr<SqliteConnection> conn;
  {
    std::unique_lock lock(pool_mutex_);
    while (idle_readers_.empty() && open_readers_ >= options_.max_readers) reader_free_.wait(lock);
    if (!idle_readers_.empty()) {
      conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
    } else {
      ++open_readers_;
    }
  }
  if (!conn) {
    auto opened = OpenConnection(true);
    if (!opened.ok()) {
      std::lock_guard lock(pool_mutex_);
      --open_readers_;
      reader_free_.notify_one();
      return std::move(opened).error();
    }
    conn = std::move(opened).value();
  }
  Status result = AttachSearch(*conn);
  if (result.ok()) result = RunInTransaction(*conn, "BEGIN", work);
  // Most reads never touch the search file, so this may be the database's damage too; the
  // indexer starts the search file over once at most (FtsIndexer::Run), harmless then.
  if (conn->TakeDamage()) search_damage_reported_.store(true);
  {
    std::lock_guard lock(pool_mutex_);
    idle_readers_.push_back(std::move(conn));
  }
  reader_free_.notify_one();
  return result;
}

}  // namespace storage::sqlite

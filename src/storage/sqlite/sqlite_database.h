// SQLite implementation of the database seam: WAL mode, a per-connection prepared-statement
// cache, a pool of read connections, one writer connection with group commit, and a background
// checkpointer. SqliteDatabase is thread-safe; each SqliteConnection is used by one thread at a
// time.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "storage/count_index.h"
#include "storage/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace storage::sqlite {

class SqliteConnection final : public Connection {
 public:
  // Opens (creating if needed) the database file; `read_only` connections never write.
  static common::Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path,
                                                                bool read_only);
  ~SqliteConnection() override;

  common::Status Execute(std::string_view sql, Params params = {}) override;
  common::Result<std::vector<Row>> Query(std::string_view sql, Params params = {}) override;
  common::Status QueryEach(std::string_view sql, Params params,
                           const std::function<bool(Row&)>& on_row) override;
  common::Status ExecuteScript(std::string_view sql) override;
  int64_t LastInsertId() override;
  int64_t Changes() override;
  CountIndex* count_index() override { return count_index_; }
  void set_count_index(CountIndex* index) { count_index_ = index; }
  common::Status PrepareSearch(int64_t app, const std::vector<int64_t>& fields) override;
  // The writer's: runs PrepareSearch on the search connection (SqliteDatabase::SearchWrite).
  void set_search_preparer(std::function<common::Status(int64_t, const std::vector<int64_t>&)> f) {
    search_preparer_ = std::move(f);
  }
  using Connection::Execute;
  using Connection::Query;

  sqlite3* handle() { return db_; }

  // Whether a statement failed since the last call because a file is damaged (SQLITE_CORRUPT,
  // SQLITE_NOTADB); clears it. The search connection's starts the search file over.
  bool TakeDamage() { return std::exchange(saw_damage_, false); }

  // Which search file this connection has attached as `search` (SqliteDatabase::AttachSearch).
  int64_t attached_search() const { return attached_search_; }
  void set_attached_search(int64_t generation) { attached_search_ = generation; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  common::Result<sqlite3_stmt*> Prepare(std::string_view sql, Params params);
  common::Error SqlError(std::string_view sql) const;
  void NoteDamage() const;

  sqlite3* db_;
  mutable bool saw_damage_ = false;
  int64_t attached_search_ = -1;  // none
  // Looked up by the SQL text as it is (no std::string built per statement run).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>>
      statements_;  // cache by SQL text
  CountIndex* count_index_ = nullptr;
  std::function<common::Status(int64_t, const std::vector<int64_t>&)> search_preparer_;
};

struct SqliteOptions {
  std::string path;              // database file; ":memory:" is not supported (pool needs a file)
  int max_readers = 8;           // pooled read connections, opened on demand
  int reader_cache_kib = 16384;  // page cache per reader
  int writer_cache_kib = 65536;  // page cache of the writer
  // WAL pages after which the background checkpointer copies the WAL into the database
  // (PASSIVE: never blocks the writer or readers), and again after each further quarter of this
  // has been written; past twice as many it restarts the WAL, which
  // pauses writes for a moment (so the WAL stays under ~130 MB). With 4000, restarts paused a
  // 1M-record load a third of the time (docs/benchmarks.md). 0: SQLite's automatic checkpoint
  // inside the commit that crosses 4000 pages, and no checkpointer thread.
  int checkpoint_pages = 16000;
  // After this long without a commit the checkpointer truncates the WAL file.
  int checkpoint_idle_ms = 1000;
  // Memory for in-memory count columns (count_index.h); 0: every count runs in SQL.
  size_t count_columns_bytes = size_t{64} << 20;
  // Where the count columns held at shutdown are listed, to load them again at the next start
  // (CountIndex's warm_path); "" = nowhere.
  std::string count_columns_list = {};
  // The search index's file (fts_indexer.h): derived data, rebuilt when missing or out of step
  // with the database. "" = beside `path`: tsumiki.db -> tsumiki-search.db.
  std::string search_path = {};
};

class SqliteDatabase final : public Database {
 public:
  static common::Result<std::unique_ptr<SqliteDatabase>> Open(SqliteOptions options);
  ~SqliteDatabase() override;

  // Group commit: a writer that finds the writer busy queues; whoever takes the writer next
  // runs every queued work in one transaction, each in its own savepoint (a failing one is
  // rolled back alone and gets its error), and answers them all after the one COMMIT. A work
  // never sees another's failure; a failed COMMIT fails them all.
  common::Status Write(const std::function<common::Status(Connection&)>& work) override;
  common::Status Read(const std::function<common::Status(Connection&)>& work) override;
  std::string_view dialect() const override { return "sqlite"; }

  // The search index's connection (fts_indexer.h): the search file as `main`, the database
  // attached read-only as `data`. Runs `work` in one transaction; one at a time. It reads the
  // database only in statements naming `data` (keep those short: the checkpointer's WAL restart
  // waits for readers of old snapshots). Record writes never wait for it: that the indexer works
  // beside the writer instead of taking turns with it is why the file exists.
  common::Status SearchWrite(const std::function<common::Status(Connection&)>& work);
  const std::string& search_path() const { return options_.search_path; }

  // Replaces the search file with a new, empty one (it is derived data: fts_indexer.h). Every
  // other connection attaches the new file before its next transaction; one in a transaction
  // finishes it on the old file, whose space goes when the last of them lets go.
  common::Status ResetSearchFile();
  // Whether a statement of the search connection, or of a reader, failed on a damaged file since
  // the last call.
  bool TakeSearchDamage();

  // Observability (tests, diagnostics): write transactions committed so far (counted with the
  // background checkpointer only), and writes waiting for the writer right now.
  int64_t commits() const { return commits_.load(); }
  size_t queued_writes();

 private:
  explicit SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}
  common::Result<std::unique_ptr<SqliteConnection>> OpenConnection(bool read_only);
  common::Status OpenSearch();
  common::Status AttachSearch(SqliteConnection& c);
  common::Status RunInTransaction(SqliteConnection& c, std::string_view begin,
                                  const std::function<common::Status(Connection&)>& work);
  struct PendingWrite;
  void RunGroup(const std::vector<PendingWrite*>& group);
  common::Status WriteNested(const std::function<common::Status(Connection&)>& work);
  common::Status StartCheckpointer();
  void StopCheckpointer();
  void Checkpointer();
  static int OnWalCommit(void* self, sqlite3* db, const char* name, int pages);
  static void OnRowChange(void* self, int op, const char* db, const char* table,
                          long long rowid);  // NOLINT(runtime/int): sqlite3_int64
  static void OnRollback(void* self);
  static int OnCommit(void* self);
  // COMMIT on `c`; on the writer, with the count columns' change capture around it.
  common::Status Commit(SqliteConnection& c);

  SqliteOptions options_;
  // The search index's connection; SearchWrite holds search_mutex_ (deploys' PrepareSearch too).
  // Declared before every connection that attaches the search file: closed last, it is the one
  // that checkpoints the file's WAL into it and removes the WAL.
  std::mutex search_mutex_;
  std::unique_ptr<SqliteConnection> search_;
  std::atomic<int64_t> search_generation_{0};  // +1 per ResetSearchFile
  std::shared_mutex search_swap_;              // ResetSearchFile exclusive, AttachSearch shared
  std::atomic<bool> search_damage_reported_{false};  // a reader met a damaged file
  std::unique_ptr<SqliteConnection> writer_;         // used by the group leader only
  std::atomic<std::thread::id> writer_owner_{};      // thread running a group, if any
  int write_depth_ = 0;                              // savepoint nesting; owner thread only
  int64_t writes_since_optimize_ = 0;                // leader only
  bool in_commit_ = false;                           // inside Commit(); owner thread only
  std::mutex queue_mutex_;  // guards queue_, leader_active_, PendingWrite::done
  std::condition_variable group_done_;
  std::vector<PendingWrite*> queue_;
  bool leader_active_ = false;
  // The checkpointer is starting the WAL over: no group starts before this moment (it must
  // find the writer free; under steady writes it never did, and the WAL grew without bound).
  std::chrono::steady_clock::time_point restart_until_{};
  // Background checkpointer (options_.checkpoint_pages > 0).
  std::unique_ptr<SqliteConnection> checkpointer_conn_;
  std::thread checkpointer_;
  std::mutex checkpoint_mutex_;  // guards checkpoint_requested_, stopping_
  std::condition_variable checkpoint_wake_;
  bool checkpoint_requested_ = false;
  bool stopping_ = false;
  std::atomic<int64_t> commits_{0};  // commits seen by the WAL hook
  // WAL frames the checkpointer had copied at its last checkpoint (SQLite counts from the WAL's
  // start, which a restart moves back to 0).
  std::atomic<int> checkpointed_frames_{0};
  std::mutex pool_mutex_;  // guards idle_readers_ and open_readers_
  std::condition_variable reader_free_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;
  // Declared last, destroyed first: its loader thread reads through this database.
  std::unique_ptr<CountIndex> count_index_;
};

}  // namespace storage::sqlite

// SQLite implementation of the database seam: WAL mode, a per-connection prepared-statement
// cache, a pool of read connections and one writer connection guarded by a mutex.
// SqliteDatabase is thread-safe; each SqliteConnection is used by one thread at a time.
#pragma once

#include <atomic>
#include <condition_variable>
#include <thread>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

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
                           const std::function<bool(const Row&)>& on_row) override;
  common::Status ExecuteScript(std::string_view sql) override;
  int64_t LastInsertId() override;
  int64_t Changes() override;
  using Connection::Execute;
  using Connection::Query;

  sqlite3* handle() { return db_; }

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  common::Result<sqlite3_stmt*> Prepare(std::string_view sql, Params params);
  common::Error SqlError(std::string_view sql) const;

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;  // cache by SQL text
};

struct SqliteOptions {
  std::string path;             // database file; ":memory:" is not supported (pool needs a file)
  int max_readers = 8;          // pooled read connections, opened on demand
  int reader_cache_kib = 16384; // page cache per reader
  int writer_cache_kib = 65536; // page cache of the writer
};

class SqliteDatabase final : public Database {
 public:
  static common::Result<std::unique_ptr<SqliteDatabase>> Open(SqliteOptions options);
  ~SqliteDatabase() override;

  common::Status Write(const std::function<common::Status(Connection&)>& work) override;
  common::Status Read(const std::function<common::Status(Connection&)>& work) override;
  std::string_view dialect() const override { return "sqlite"; }

 private:
  explicit SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}
  common::Result<std::unique_ptr<SqliteConnection>> OpenConnection(bool read_only);
  common::Status RunInTransaction(SqliteConnection& c, std::string_view begin,
                                  const std::function<common::Status(Connection&)>& work);

  SqliteOptions options_;
  std::mutex write_mutex_;  // serialises writers; guards writer_
  std::unique_ptr<SqliteConnection> writer_;
  std::atomic<std::thread::id> writer_owner_{};  // thread inside Write, if any
  int write_depth_ = 0;                          // savepoint nesting; owner thread only
  int64_t writes_since_optimize_ = 0;            // guarded by write_mutex_
  std::mutex pool_mutex_;  // guards idle_readers_ and open_readers_
  std::condition_variable reader_free_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  int open_readers_ = 0;
};

}  // namespace storage::sqlite

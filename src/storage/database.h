// The database seam: everything storage/ needs from SQLite or PostgreSQL, in a handful of
// methods. A Connection is used by one thread at a time; Database is thread-safe and hands
// out connections: any number of concurrent readers, one writer at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/sql_value.h"

namespace storage {

using common::SqlValue;

// One result row; columns by position.
class Row {
 public:
  explicit Row(std::vector<SqlValue> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  const SqlValue& operator[](size_t i) const { return values_[i]; }
  bool IsNull(size_t i) const { return common::IsNull(values_[i]); }
  int64_t Int(size_t i) const;       // 0 for NULL
  double Real(size_t i) const;       // 0 for NULL
  std::string Text(size_t i) const;  // "" for NULL; numbers rendered
  const std::vector<SqlValue>& values() const { return values_; }
  // The values, moved out: the row is empty afterwards.
  std::vector<SqlValue> TakeValues() { return std::move(values_); }

 private:
  std::vector<SqlValue> values_;
};

using Params = std::span<const SqlValue>;

class CountIndex;  // count_index.h

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs a statement that returns no rows (or whose rows are ignored).
  virtual common::Status Execute(std::string_view sql, Params params = {}) = 0;
  // Runs a query and returns every row.
  virtual common::Result<std::vector<Row>> Query(std::string_view sql, Params params = {}) = 0;
  // Runs a query and calls `on_row` per row without materialising them all; stops early
  // when `on_row` returns false. The row is the callee's to move from (TakeValues).
  virtual common::Status QueryEach(std::string_view sql, Params params,
                                   const std::function<bool(Row&)>& on_row) = 0;
  // Runs several statements separated by ';' with no parameters (DDL, migrations).
  virtual common::Status ExecuteScript(std::string_view sql) = 0;
  virtual int64_t LastInsertId() = 0;
  virtual int64_t Changes() = 0;
  // The database's in-memory count columns when this connection may count with them: read
  // connections only (a write transaction's own changes are not in them until it commits).
  virtual CountIndex* count_index() { return nullptr; }
  // Before a deploy that gives `app` these top-level text fields commits: makes their search
  // index tables exist (SQLite keeps them in a file of their own, storage/sqlite/fts_indexer.h),
  // so that `like` on a new field finds its index the moment the deploy is live. Creates only;
  // tables of fields no longer listed go later. Nothing to do elsewhere.
  virtual common::Status PrepareSearch(int64_t /*app*/, const std::vector<int64_t>& /*fields*/) {
    return common::Status::Ok();
  }

  // Convenience: first row, or nullopt-like empty vector handling by callers.
  common::Result<std::vector<Row>> Query(std::string_view sql, std::initializer_list<SqlValue> p) {
    return Query(sql, Params(p.begin(), p.size()));
  }
  common::Status Execute(std::string_view sql, std::initializer_list<SqlValue> p) {
    return Execute(sql, Params(p.begin(), p.size()));
  }
};

class Database {
 public:
  virtual ~Database() = default;
  // Runs `work` in one write transaction on the single writer connection: committed when it
  // returns ok, rolled back (nothing written) when it fails or throws.
  virtual common::Status Write(const std::function<common::Status(Connection&)>& work) = 0;
  // Runs `work` on a pooled read connection inside one read transaction (a consistent snapshot).
  virtual common::Status Read(const std::function<common::Status(Connection&)>& work) = 0;
  // "sqlite" or "postgresql".
  virtual std::string_view dialect() const = 0;
};

}  // namespace storage

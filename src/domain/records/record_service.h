// Records as kintone's record API sees them (§5): read one or a query's page, add, update
// (by id or updateKey, with revisions; upsert), delete, cursors. Every write is one
// transaction with all-or-nothing semantics across a batch, validates everything first and
// reports every violation at once, appends history, and checks the caller's rights.
// Thread-safe (stateless apart from its collaborators and the records' text layouts it keeps).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/principal.h"
#include "domain/records/record_repository.h"
#include "domain/records/record_text_cache.h"
#include "domain/transaction.h"

namespace domain {

struct RecordOptions {
  int64_t max_limit = 500;     // records per GET (kintone: 500)
  int64_t max_offset = 10000;  // kintone: 10,000
  int64_t max_cursors = 10;
  int64_t cursor_idle_seconds = 600;
  size_t max_import_rows = 10000;  // rows per import request: one transaction holds the writer
};

// Records as JSON text written straight from their rows (record_text.h): one record's object
// (Get) or an array of them (Query, ReadCursor).
struct RecordsJson {
  std::string json;
  int64_t count = 0;         // records in it
  std::vector<int64_t> ids;  // of those whose $id it shows (the audit trail's record.read)
};

struct RecordsPage {
  RecordsJson records;
  std::optional<int64_t> total;
};

struct UpdateKey {
  std::string field;
  boost::json::value value;
};

struct RecordUpdate {
  std::optional<int64_t> id;
  std::optional<UpdateKey> update_key;
  boost::json::object record;
  std::optional<int64_t> revision;  // nullopt or -1: no check
};

struct UpdatedRecord {
  int64_t id = 0;
  int64_t revision = 0;
  bool inserted = false;  // upsert: INSERT rather than UPDATE
};

struct AddedRecord {
  int64_t id = 0;
  int64_t revision = 0;
  std::string receipt;  // the receipt number it holds, when the app issues them
};

struct ImportSummary {
  int64_t added = 0;
  int64_t updated = 0;
  bool dry_run = false;  // nothing was stored
};

struct CursorCreated {
  std::string id;
  int64_t total = 0;
};

struct CursorPage {
  RecordsJson records;
  bool next = false;
};

class RecordService {
 public:
  RecordService(TransactionRunner& db, FormService& forms, const EntityDirectory& directory,
                const common::Clock& clock, RecordOptions options = {})
      : db_(db),
        forms_(forms),
        directory_(directory),
        clock_(clock),
        options_(options),
        texts_(directory) {}

  // The record's object (the value of record.json's "record").
  common::Result<RecordsJson> Get(const Principal& who, int64_t app, int64_t id);
  // `fields` nullopt: every field; `query` as §6.
  common::Result<RecordsPage> Query(const Principal& who, int64_t app,
                                    const std::optional<std::vector<std::string>>& fields,
                                    const std::string& query, bool total_count);
  // `single`: error keys "record.…" (record.json) instead of "records[i].…".
  common::Result<std::vector<AddedRecord>> Add(const Principal& who, int64_t app,
                                               const std::vector<boost::json::object>& records,
                                               bool single);
  common::Result<std::vector<UpdatedRecord>> Update(const Principal& who, int64_t app,
                                                    const std::vector<RecordUpdate>& updates,
                                                    bool upsert, bool single);
  common::Status Delete(const Principal& who, int64_t app, const std::vector<int64_t>& ids,
                        const std::vector<std::optional<int64_t>>& revisions);
  // A spreadsheet import (import right): rows added, or upserted by `update_key`; all rows or
  // none, every row's problems reported at once; `dry_run` checks everything and stores nothing.
  common::Result<ImportSummary> Import(const Principal& who, int64_t app,
                                       const std::vector<boost::json::object>& rows,
                                       const std::optional<std::string>& update_key, bool dry_run);

  common::Result<CursorCreated> CreateCursor(const Principal& who, int64_t app,
                                             const std::optional<std::vector<std::string>>& fields,
                                             const std::string& query, int64_t size);
  common::Result<CursorPage> ReadCursor(const Principal& who, const std::string& id);
  common::Status DeleteCursor(const Principal& who, const std::string& id);

  // Runs `work` (calls to this and other services) in one transaction: bulkRequest.json.
  common::Status Atomically(const std::function<common::Status()>& work);

  const RecordOptions& options() const { return options_; }

 private:
  struct AppContext;
  common::Result<AppContext> Open(Transaction& tx, const Principal& who, int64_t app);
  // Appends the records' JSON array (`single`: the one record's object) to `out`.
  void WriteJson(const AppContext& a, const std::vector<RecordRow>& rows,
                 const std::optional<std::vector<std::string>>& fields, bool single,
                 RecordsJson& out) const;
  // Records of an add coerced and validated before the writer (records_write.cpp): the writer's
  // critical section is serial, so what can run on the request's own thread runs there.
  struct PreparedAdd;
  common::Result<std::vector<AddedRecord>> AddIn(Transaction& tx, const Principal& who,
                                                 AppContext& a,
                                                 const std::vector<boost::json::object>& records,
                                                 const std::vector<std::string>& bases,
                                                 PreparedAdd* prepared = nullptr);
  common::Result<std::vector<UpdatedRecord>> UpdateIn(Transaction& tx, const Principal& who,
                                                      AppContext& a,
                                                      const std::vector<RecordUpdate>& updates,
                                                      bool upsert, bool single);

  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  const common::Clock& clock_;
  RecordOptions options_;
  mutable RecordTextCache texts_;
};

}  // namespace domain

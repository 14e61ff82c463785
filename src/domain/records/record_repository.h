// Port: reading and writing one app's records in its record tables. Implemented once in
// storage/ on top of RecordCodec, so storage never looks at field types itself.
// Bound to one transaction; not thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/fields/entity_directory.h"
#include "domain/fields/field_set.h"
#include "domain/fields/record_codec.h"
#include "domain/fields/record_header.h"
#include "domain/fields/record_writer.h"
#include "query/aggregate_compiler.h"
#include "query/compiler.h"

namespace domain {

// A record's fixed columns as stored (users as ids).
struct RecordSystemColumns {
  int64_t id = 0;
  int64_t revision = 0;
  int64_t creator = 0;
  int64_t created_at = 0;
  int64_t modifier = 0;
  int64_t updated_at = 0;
  std::string status;
  std::vector<int64_t> assignees;
};

// The system fields of a record as AppendRecordHeader takes them: users resolved through
// `directory` (a user it no longer knows keeps its id, with empty code and name).
inline RecordHeader HeaderOf(const RecordSystemColumns& r, const EntityDirectory& directory) {
  auto entity = [&](int64_t id) {
    std::optional<Entity> e = directory.FindUserById(id);
    return e ? *e : Entity{id, "", ""};
  };
  RecordHeader h;
  h.id = r.id;
  h.revision = r.revision;
  h.creator = entity(r.creator);
  h.created_at = r.created_at;
  h.modifier = entity(r.modifier);
  h.updated_at = r.updated_at;
  h.status = r.status;
  for (int64_t u : r.assignees) h.assignees.push_back(entity(u));
  return h;
}

// A record as stored: the fixed columns and every form field in read form.
struct StoredRecord : RecordSystemColumns {
  // code -> {"type","value"} for the non-system fields; tables with their rows.
  boost::json::object fields;
  // `fields` encoded by the caller before the write (RecordService::Add does it outside the
  // single writer); InsertMany encodes them itself when absent.
  std::optional<EncodedRecord> encoded;
};

// A record as its rows hold it, for reads that write JSON text straight from the columns
// (RecordCodec::AppendFieldJson) instead of building `StoredRecord::fields`.
struct RecordRow : RecordSystemColumns {
  // The row as read; the form's columns (RecordColumns() order) from `first_column` on.
  std::vector<common::SqlValue> values;
  size_t first_column = 0;
  // One row of a SUBTABLE: columns in RowColumns(*table) order from `first_column` on.
  struct TableRow {
    const FieldDef* table = nullptr;
    int64_t id = 0;
    std::vector<common::SqlValue> values;
    size_t first_column = 0;
    std::span<const common::SqlValue> columns() const {
      return std::span<const common::SqlValue>(values).subspan(first_column);
    }
  };
  std::vector<TableRow> rows;  // by table in form order, each table's rows in order

  std::span<const common::SqlValue> columns() const {
    return std::span<const common::SqlValue>(values).subspan(first_column);
  }
};

// How one app's records are laid out and read: its live form and codec.
struct RecordSchema {
  int64_t app = 0;
  const FieldSet& form;
  const RecordCodec& codec;
  const EntityDirectory& directory;
};

// Field codes a deploy renames: top-level old -> new, and inside each table (named by its new
// code) old -> new.
struct HistoryRenames {
  using Codes = std::map<std::string, std::string, std::less<>>;
  Codes fields;
  std::map<std::string, Codes, std::less<>> inner;
  bool empty() const { return fields.empty() && inner.empty(); }
};

// One row of a record's history: who changed it to `revision`, when, and the change.
struct HistoryEntry {
  int64_t record_id = 0;
  int64_t revision = 0;
  int64_t user = 0;
  int64_t at = 0;      // seconds
  std::string action;  // "add", "update", "delete"
  boost::json::object diff;
};

class RecordRepository {
 public:
  virtual ~RecordRepository() = default;
  virtual common::Result<std::optional<StoredRecord>> Find(const RecordSchema& s, int64_t id) = 0;
  // The page of `query`; subtable rows are read only when `with_tables`.
  virtual common::Result<std::vector<StoredRecord>> Select(const RecordSchema& s,
                                                           const query::CompiledQuery& query,
                                                           bool with_tables) = 0;
  // These records, in this order (cursor pages); missing ids are skipped.
  virtual common::Result<std::vector<StoredRecord>> FindMany(const RecordSchema& s,
                                                             const std::vector<int64_t>& ids,
                                                             bool with_tables) = 0;
  // Select and FindMany as rows (records_read.cpp writes their JSON text from the columns).
  virtual common::Result<std::vector<RecordRow>> SelectRows(const RecordSchema& s,
                                                            const query::CompiledQuery& query,
                                                            bool with_tables) = 0;
  virtual common::Result<std::vector<RecordRow>> FindRows(const RecordSchema& s,
                                                          const std::vector<int64_t>& ids,
                                                          bool with_tables) = 0;
  // Every id matching `query`, in its order (cursor creation).
  virtual common::Result<std::vector<int64_t>> SelectIds(const RecordSchema& s,
                                                         const query::CompiledQuery& query) = 0;
  // How many records match `query`'s condition (its limit and offset aside).
  virtual common::Result<int64_t> Count(const RecordSchema& s,
                                        const query::CompiledQuery& query) = 0;
  // The rows of an aggregate (query/aggregate_compiler.h), column values in order.
  virtual common::Result<std::vector<std::vector<common::SqlValue>>> Aggregate(
      const query::CompiledAggregate& aggregate) = 0;
  // For each probe of unique field `field`, in order: whether a record other than the probe's
  // `exclude_id` (0: none) holds its value (as stored in the field's column). A batch is a few
  // statements, not one per value.
  struct UniqueProbe {
    const common::SqlValue* value = nullptr;
    int64_t exclude_id = 0;
  };
  virtual common::Result<std::vector<bool>> FindDuplicates(
      const RecordSchema& s, const FieldDef& field, const std::vector<UniqueProbe>& probes) = 0;
  // The record whose unique field `def` holds `value` (updateKey), if any.
  virtual common::Result<std::optional<int64_t>> FindIdByValue(const RecordSchema& s,
                                                               const FieldDef& def,
                                                               const boost::json::value& value) = 0;
  // Stores new records with one statement per table (fast with full-text triggers); assigns
  // their ids and the ids of their new table rows (in each record's `fields`). A value a unique
  // field's index refuses fails with ErrorCode::kUniqueConstraint; the records stored by the
  // statements before the failing one keep their ids (the caller rolls the write back).
  virtual common::Status InsertMany(const RecordSchema& s, std::vector<StoredRecord>& records) = 0;
  // Writes the header and the `changed` top-level fields (tables: rows replaced, ids kept,
  // new rows get ids in `record`).
  virtual common::Status Update(const RecordSchema& s, StoredRecord& record,
                                const std::vector<const FieldDef*>& changed) = 0;
  virtual common::Status Delete(const RecordSchema& s, int64_t id) = 0;
  virtual common::Status AppendHistory(const RecordSchema& s, int64_t id, int64_t revision,
                                       int64_t user, int64_t at, std::string_view action,
                                       const boost::json::object& diff) = 0;
  // The same for many records, in multi-row statements (a 100-record POST).
  virtual common::Status AppendHistoryMany(const RecordSchema& s,
                                           const std::vector<HistoryEntry>& entries) = 0;
  // How many history entries record `id` has (it may since have been deleted).
  virtual common::Result<int64_t> CountHistory(const RecordSchema& s, int64_t id) = 0;
  // A page of record `id`'s history, newest revision first.
  virtual common::Result<std::vector<HistoryEntry>> ListHistory(const RecordSchema& s, int64_t id,
                                                                int64_t offset, int64_t limit) = 0;
  // Renames field codes in app `app`'s history (all at once, so codes may swap): the changed
  // fields of updates, the record kept by deletes and by adds written before adds kept none.
  // Run by the deploy that renames them, in its transaction.
  virtual common::Status RenameHistoryFields(int64_t app, const HistoryRenames& renames) = 0;
};

}  // namespace domain

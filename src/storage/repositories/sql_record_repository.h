// SQL implementation of the record port over the layout of query/record_layout.h, using the
// domain's RecordCodec for every field-typed column. Bound to one Connection.
#pragma once

#include "domain/records/record_repository.h"
#include "storage/database.h"

namespace storage {

class SqlRecordRepository final : public domain::RecordRepository {
 public:
  explicit SqlRecordRepository(Connection& c) : c_(c) {}
  common::Result<std::optional<domain::StoredRecord>> Find(const domain::RecordSchema& s,
                                                           int64_t id) override;
  common::Result<std::vector<domain::StoredRecord>> Select(const domain::RecordSchema& s,
                                                           const query::CompiledQuery& q,
                                                           bool with_tables) override;
  common::Result<std::vector<domain::StoredRecord>> FindMany(const domain::RecordSchema& s,
                                                             const std::vector<int64_t>& ids,
                                                             bool with_tables) override;
  common::Result<std::vector<domain::RecordRow>> SelectRows(const domain::RecordSchema& s,
                                                            const query::CompiledQuery& q,
                                                            bool with_tables) override;
  common::Result<std::vector<domain::RecordRow>> FindRows(const domain::RecordSchema& s,
                                                          const std::vector<int64_t>& ids,
                                                          bool with_tables) override;
  common::Result<std::vector<int64_t>> SelectIds(const domain::RecordSchema& s,
                                                 const query::CompiledQuery& q) override;
  common::Result<int64_t> Count(const domain::RecordSchema& s,
                                const query::CompiledQuery& q) override;
  common::Result<std::vector<std::vector<SqlValue>>> Aggregate(
      const query::CompiledAggregate& aggregate) override;
  common::Result<std::vector<bool>> FindDuplicates(const domain::RecordSchema& s,
                                                   const domain::FieldDef& field,
                                                   const std::vector<UniqueProbe>& probes) override;
  common::Result<std::optional<int64_t>> FindIdByValue(const domain::RecordSchema& s,
                                                       const domain::FieldDef& def,
                                                       const boost::json::value& value) override;
  common::Status InsertMany(const domain::RecordSchema& s,
                            std::vector<domain::StoredRecord>& records) override;
  common::Status Update(const domain::RecordSchema& s, domain::StoredRecord& r,
                        const std::vector<const domain::FieldDef*>& changed) override;
  common::Status Delete(const domain::RecordSchema& s, int64_t id) override;
  common::Status AppendHistoryMany(const domain::RecordSchema& s,
                                   const std::vector<domain::HistoryEntry>& entries) override;
  common::Status RenameHistoryFields(int64_t app, const domain::HistoryRenames& renames) override;
  common::Status AppendHistory(const domain::RecordSchema& s, int64_t id, int64_t revision,
                               int64_t user, int64_t at, std::string_view action,
                               const boost::json::object& diff) override;
  common::Result<int64_t> CountHistory(const domain::RecordSchema& s, int64_t id) override;
  common::Result<std::vector<domain::HistoryEntry>> ListHistory(const domain::RecordSchema& s,
                                                                int64_t id, int64_t offset,
                                                                int64_t limit) override;

 private:
  // Reads rows of "SELECT <record columns> …" (header + the form's columns), with their
  // SUBTABLE rows when `with_tables`.
  common::Result<std::vector<domain::RecordRow>> ReadRows(const domain::RecordSchema& s,
                                                          std::string_view sql,
                                                          std::span<const SqlValue> params,
                                                          bool with_tables);
  common::Status ReadTables(const domain::RecordSchema& s, std::vector<domain::RecordRow>& records);
  // Rows as records: header and `fields` through the codec.
  static std::vector<domain::StoredRecord> Decode(const domain::RecordSchema& s,
                                                  std::vector<domain::RecordRow>& rows);
  // The SELECT of Select and SelectRows.
  common::Result<query::SqlFragment> SelectStatement(const domain::RecordSchema& s,
                                                     const query::CompiledQuery& q);
  // Whether SQLite would sort the matches of `q` (its plan reads them out of id order).
  common::Result<bool> PlanSorts(const query::CompiledQuery& q);
  // Inserts the rows of `table` of every record (ids kept, new rows numbered) in one statement.
  common::Status InsertRows(const domain::RecordSchema& s,
                            std::vector<domain::StoredRecord*> records,
                            const domain::FieldDef& table);
  common::Status DeleteRows(const domain::RecordSchema& s, int64_t record,
                            const domain::FieldDef& table);
  common::Status InsertMultiValues(const domain::RecordSchema& s, int64_t record, int64_t row,
                                   const std::vector<domain::MultiValueEntry>& entries);
  // Side-index rows of many records in multi-row statements.
  struct MultiValueRow {
    int64_t field_id;
    SqlValue value;
    int64_t record;
    int64_t row;
  };
  common::Status InsertMultiValueRows(const domain::RecordSchema& s,
                                      const std::vector<MultiValueRow>& rows);

  Connection& c_;
};

}  // namespace storage

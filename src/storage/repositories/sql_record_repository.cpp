#include "storage/repositories/sql_record_repository.h"

#include <algorithm>
#include <bit>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <mutex>
#include <unordered_map>

#include "query/record_layout.h"
#include "query/sqlite_dialect.h"
#include "storage/count_index.h"

namespace storage {

namespace json = boost::json;
using common::Result;
using common::SqlNull;
using common::Status;
using domain::FieldDef;
using domain::RecordRow;
using domain::RecordSchema;
using domain::StoredRecord;

namespace {

constexpr size_t kHeaderColumns = 8;  // id … assignees

// The columns ReadRows expects, over alias r.
std::string RecordColumns(const RecordSchema& s) {
  std::string sql =
      "r.id, r.revision, r.creator, r.created_at, r.modifier, r.updated_at, "
      "r.status, r.assignees";
  for (const auto& c : s.codec.RecordColumns()) {
    sql += ", r.";
    sql += c.name;
  }
  return sql;
}

std::string RecordSelect(const RecordSchema& s) {
  return "SELECT " + RecordColumns(s) + " FROM " + query::RecordTable(s.app) + " r";
}

// Runs `run(start, end)` over `n` rows in statements of a few fixed sizes: `most` rows while that
// many are left, then the rest in falling powers of two. A multi-row INSERT's
// text depends on its row count, and the number of multi-value and table rows changes from write
// to write: each new count was a statement prepared anew (~600k instructions, 2.7% of a
// 100-record POST), where these few sizes stay in the connection's statement cache.
template <typename Run>
Status InChunks(size_t n, size_t most, Run&& run) {
  size_t start = 0;
  for (; n - start >= most; start += most) TK_RETURN_IF_ERROR(run(start, start + most));
  for (size_t size = std::bit_floor(most); start < n; size /= 2) {
    if (n - start < size) continue;
    TK_RETURN_IF_ERROR(run(start, start + size));
    start += size;
  }
  return Status::Ok();
}

std::string JsonIds(const std::vector<int64_t>& ids) {
  std::string s = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i) s += ',';
    s += std::to_string(ids[i]);
  }
  return s + "]";
}

std::vector<int64_t> ParseIdArray(const std::string& text) {
  std::vector<int64_t> out;
  if (text == "[]") return out;  // most records: no assignees, no parser to set up
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const json::value& e : v.as_array()) {
    if (e.is_int64()) out.push_back(e.as_int64());
  }
  return out;
}

SqlValue TextOrNull(const std::string& s) { return s.empty() ? SqlValue(SqlNull{}) : SqlValue(s); }

}  // namespace

Result<std::vector<RecordRow>> SqlRecordRepository::ReadRows(const RecordSchema& s,
                                                             std::string_view sql,
                                                             std::span<const SqlValue> params,
                                                             bool with_tables) {
  std::vector<RecordRow> out;
  TK_RETURN_IF_ERROR(c_.QueryEach(sql, params, [&](Row& row) {
    RecordRow r;
    r.id = row.Int(0);
    r.revision = row.Int(1);
    r.creator = row.Int(2);
    r.created_at = row.Int(3);
    r.modifier = row.Int(4);
    r.updated_at = row.Int(5);
    r.status = row.Text(6);
    r.assignees = ParseIdArray(row.Text(7));
    r.values = row.TakeValues();
    r.first_column = std::min(kHeaderColumns, r.values.size());
    out.push_back(std::move(r));
    return true;
  }));
  if (with_tables && !out.empty()) TK_RETURN_IF_ERROR(ReadTables(s, out));
  return out;
}

Status SqlRecordRepository::ReadTables(const RecordSchema& s, std::vector<RecordRow>& records) {
  std::unordered_map<int64_t, size_t> by_id;
  std::vector<int64_t> ids;
  for (size_t i = 0; i < records.size(); ++i) {
    by_id[records[i].id] = i;
    ids.push_back(records[i].id);
  }
  std::vector<SqlValue> id_list{SqlValue(JsonIds(ids))};
  for (const FieldDef* table : s.codec.Tables()) {
    std::string sql = "SELECT t.record_id, t.id";
    for (const auto& c : s.codec.RowColumns(*table)) sql += ", t." + c.name;
    sql += " FROM " + query::SubtableTable(s.app, table->id) +
           " t WHERE t.record_id IN (SELECT value FROM json_each(?)) ORDER BY t.record_id, t.pos";
    TK_RETURN_IF_ERROR(c_.QueryEach(sql, id_list, [&](Row& row) {
      auto it = by_id.find(row.Int(0));
      if (it == by_id.end()) return true;
      RecordRow::TableRow r{table, row.Int(1), row.TakeValues(), 0};
      r.first_column = std::min<size_t>(2, r.values.size());
      records[it->second].rows.push_back(std::move(r));
      return true;
    }));
  }
  return Status::Ok();
}

std::vector<StoredRecord> SqlRecordRepository::Decode(const RecordSchema& s,
                                                      std::vector<RecordRow>& rows) {
  std::vector<StoredRecord> out;
  out.reserve(rows.size());
  for (RecordRow& row : rows) {
    StoredRecord r;
    r.id = row.id;
    r.revision = row.revision;
    r.creator = row.creator;
    r.created_at = row.created_at;
    r.modifier = row.modifier;
    r.updated_at = row.updated_at;
    r.status = std::move(row.status);
    r.assignees = std::move(row.assignees);
    s.codec.ReadRecord(row.columns(), s.directory, r.fields);
    for (const RecordRow::TableRow& t : row.rows) {
      s.codec.AppendRow(*t.table, t.id, t.columns(), s.directory, r.fields);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::optional<StoredRecord>> SqlRecordRepository::Find(const RecordSchema& s, int64_t id) {
  TK_ASSIGN_OR_RETURN(auto rows, FindRows(s, {id}, true));
  std::vector<StoredRecord> records = Decode(s, rows);
  if (records.empty()) return std::optional<StoredRecord>();
  return std::optional<StoredRecord>(std::move(records[0]));
}

Result<bool> SqlRecordRepository::PlanSorts(const query::CompiledQuery& q) {
  // Memoised per statement text: a plan changes only with the schema, and a stale answer
  // costs time, never a different result. Process-wide, shared by every transaction.
  static std::mutex mutex;
  static std::unordered_map<std::string, bool> sorts;
  const std::string sql = "EXPLAIN QUERY PLAN " + query::AssembleIds(q).sql + " LIMIT 100";
  {
    std::lock_guard lock(mutex);
    if (auto it = sorts.find(sql); it != sorts.end()) return it->second;
  }
  std::vector<SqlValue> nulls(query::AssembleIds(q).params.size(), SqlValue(SqlNull{}));
  TK_ASSIGN_OR_RETURN(auto plan, c_.Query(sql, nulls));
  bool sorted = false;
  for (const Row& row : plan) {
    if (row.Text(3).find("TEMP B-TREE FOR ORDER BY") != std::string::npos) sorted = true;
  }
  std::lock_guard lock(mutex);
  if (sorts.size() >= 1000) sorts.clear();
  sorts[sql] = sorted;
  return sorted;
}

Result<query::SqlFragment> SqlRecordRepository::SelectStatement(const RecordSchema& s,
                                                                const query::CompiledQuery& q) {
  query::SqliteDialect dialect;
  query::SqlFragment select = query::AssembleSelect(RecordColumns(s), q, dialect);
  if (q.ordered_by_id && q.has_condition && !q.driven_by_full_text && q.limit > 0) {
    TK_ASSIGN_OR_RETURN(bool sorts, PlanSorts(q));
    if (sorts) {
      // The filter's index yields matches out of id order, so SQLite would fetch and sort every
      // match for one page (SQLite has no statistics to know how many). When there are many —
      // a capped count reaches 50 times the rows the page needs — reading the table in id
      // order and stopping at the page touches far fewer rows; NOT INDEXED still uses rowid
      // ranges and subqueries keep their indexes.
      const int64_t cap = std::max<int64_t>(5000, 50 * (q.offset + q.limit));
      query::SqlFragment probe = q.where;
      probe.sql = "SELECT count(*) FROM (SELECT 1 FROM " + q.from + " WHERE " + probe.sql +
                  " LIMIT " + std::to_string(cap) + ")";
      TK_ASSIGN_OR_RETURN(auto rows, c_.Query(probe.sql, probe.params));
      if (rows[0].Int(0) >= cap) {
        query::CompiledQuery scan = q;
        scan.from = q.record_from + " NOT INDEXED";
        select = query::AssembleSelect(RecordColumns(s), scan, dialect);
      }
    }
  }
  return select;
}

Result<std::vector<StoredRecord>> SqlRecordRepository::Select(const RecordSchema& s,
                                                              const query::CompiledQuery& q,
                                                              bool with_tables) {
  TK_ASSIGN_OR_RETURN(auto rows, SelectRows(s, q, with_tables));
  return Decode(s, rows);
}

Result<std::vector<RecordRow>> SqlRecordRepository::SelectRows(const RecordSchema& s,
                                                               const query::CompiledQuery& q,
                                                               bool with_tables) {
  TK_ASSIGN_OR_RETURN(query::SqlFragment select, SelectStatement(s, q));
  return ReadRows(s, select.sql, select.params, with_tables);
}

Result<std::vector<StoredRecord>> SqlRecordRepository::FindMany(const RecordSchema& s,
                                                                const std::vector<int64_t>& ids,
                                                                bool with_tables) {
  TK_ASSIGN_OR_RETURN(auto rows, FindRows(s, ids, with_tables));
  return Decode(s, rows);
}

Result<std::vector<RecordRow>> SqlRecordRepository::FindRows(const RecordSchema& s,
                                                             const std::vector<int64_t>& ids,
                                                             bool with_tables) {
  if (ids.empty()) return std::vector<RecordRow>();
  if (ids.size() == 1) {
    SqlValue p(ids[0]);
    return ReadRows(s, RecordSelect(s) + " WHERE r.id = ?", std::span<const SqlValue>(&p, 1),
                    with_tables);
  }
  SqlValue p(JsonIds(ids));
  TK_ASSIGN_OR_RETURN(
      auto found, ReadRows(s, RecordSelect(s) + " WHERE r.id IN (SELECT value FROM json_each(?))",
                           std::span<const SqlValue>(&p, 1), with_tables));
  // Back into the cursor's order.
  std::unordered_map<int64_t, size_t> at;
  for (size_t i = 0; i < found.size(); ++i) at[found[i].id] = i;
  std::vector<RecordRow> out;
  out.reserve(found.size());
  for (int64_t id : ids) {
    auto it = at.find(id);
    if (it != at.end()) out.push_back(std::move(found[it->second]));
  }
  return out;
}

Result<std::vector<int64_t>> SqlRecordRepository::SelectIds(const RecordSchema&,
                                                            const query::CompiledQuery& q) {
  const query::SqlFragment select = query::AssembleIds(q);
  std::vector<int64_t> ids;
  TK_RETURN_IF_ERROR(c_.QueryEach(select.sql, select.params, [&](const Row& r) {
    ids.push_back(r.Int(0));
    return true;
  }));
  return ids;
}

Result<int64_t> SqlRecordRepository::Count(const RecordSchema& s, const query::CompiledQuery& q) {
  if (CountIndex* index = c_.count_index(); index && q.count_plan) {
    if (auto n = index->Count(s.app, *q.count_plan)) return *n;
  }
  const query::SqlFragment count = query::AssembleCount(q);
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(count.sql, count.params));
  return rows[0].Int(0);
}

Result<std::vector<std::vector<SqlValue>>> SqlRecordRepository::Aggregate(
    const query::CompiledAggregate& aggregate) {
  std::vector<std::vector<SqlValue>> rows;
  if (CountIndex* index = c_.count_index(); index && aggregate.count_plan) {
    if (auto counted =
            index->CountGroups(aggregate.app, *aggregate.count_plan, aggregate.count_groups)) {
      for (auto& [keys, n] : *counted) {
        if (static_cast<int64_t>(rows.size()) == aggregate.row_limit) break;
        std::vector<SqlValue> row(keys.begin(), keys.end());
        row.emplace_back(n);
        rows.push_back(std::move(row));
      }
      return rows;
    }
  }
  const query::SqlFragment& statement = aggregate.statement;
  TK_RETURN_IF_ERROR(c_.QueryEach(statement.sql, statement.params, [&](const Row& r) {
    rows.push_back(r.values());
    return true;
  }));
  return rows;
}

Result<std::vector<bool>> SqlRecordRepository::FindDuplicates(
    const RecordSchema& s, const FieldDef& field, const std::vector<UniqueProbe>& probes) {
  // (position, value, excluded id) rows probed through the field's index, one statement per
  // chunk: a 100-record POST checked each value with its own statement (~6k instructions each).
  // `f = v.column2` compares as `f = ?` did: the column's TEXT affinity applies to the value.
  const std::string tail = ") v WHERE EXISTS (SELECT 1 FROM " + query::RecordTable(s.app) +
                           " WHERE " + query::FieldColumn(field.id) +
                           " = v.column2 AND id <> v.column3)";
  std::vector<bool> out(probes.size(), false);
  TK_RETURN_IF_ERROR(InChunks(probes.size(), 100, [&](size_t start, size_t end) {
    std::string sql = "SELECT v.column1 FROM (VALUES ";
    std::vector<SqlValue> params;
    params.reserve((end - start) * 3);
    for (size_t i = start; i < end; ++i) {
      sql += i == start ? "(?,?,?)" : ",(?,?,?)";
      params.insert(params.end(),
                    {static_cast<int64_t>(i), *probes[i].value, probes[i].exclude_id});
    }
    sql += tail;
    return c_.QueryEach(sql, params, [&](const Row& r) {
      out[static_cast<size_t>(r.Int(0))] = true;
      return true;
    });
  }));
  return out;
}

Result<std::optional<int64_t>> SqlRecordRepository::FindIdByValue(const RecordSchema& s,
                                                                  const FieldDef& def,
                                                                  const json::value& value) {
  json::value canonical = value;
  if (value.is_number()) canonical = json::serialize(value);
  std::vector<SqlValue> columns = s.codec.FieldValues(def, canonical, s.directory);
  if (columns.empty() || common::IsNull(columns[0])) return std::optional<int64_t>();
  if (auto* t = std::get_if<std::string>(&columns[0]); t && t->empty()) {
    return std::optional<int64_t>();
  }
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT id FROM " + query::RecordTable(s.app) + " WHERE " +
                                   query::FieldColumn(def.id) + " = ? LIMIT 1",
                               {columns[0]}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

Status SqlRecordRepository::InsertMultiValues(const RecordSchema& s, int64_t record, int64_t row,
                                              const std::vector<domain::MultiValueEntry>& entries) {
  if (entries.empty()) return Status::Ok();
  std::string sql = "INSERT INTO " + query::MultiValueTable(s.app) +
                    "(field_id, value, record_id, row_id) VALUES (?,?,?,?)";
  for (const auto& e : entries) {
    TK_RETURN_IF_ERROR(c_.Execute(sql, {e.field_id, e.value, record, row}));
  }
  return Status::Ok();
}

Status SqlRecordRepository::InsertMultiValueRows(const RecordSchema& s,
                                                 const std::vector<MultiValueRow>& rows) {
  const std::string head = "INSERT INTO " + query::MultiValueTable(s.app) +
                           "(field_id, value, record_id, row_id) VALUES ";
  constexpr size_t kPerStatement = 512;  // 4 parameters each
  return InChunks(rows.size(), kPerStatement, [&](size_t start, size_t end) {
    std::string sql = head;
    std::vector<SqlValue> params;
    params.reserve((end - start) * 4);
    for (size_t i = start; i < end; ++i) {
      sql += i == start ? "(?,?,?,?)" : ",(?,?,?,?)";
      params.insert(params.end(), {rows[i].field_id, rows[i].value, rows[i].record, rows[i].row});
    }
    return c_.Execute(sql, params);
  });
}

Status SqlRecordRepository::InsertRows(const RecordSchema& s, std::vector<StoredRecord*> records,
                                       const FieldDef& table) {
  struct RowRef {
    StoredRecord* record;
    json::object* row;
    int64_t pos;
  };
  std::vector<RowRef> rows;
  int64_t fresh = 0;
  for (StoredRecord* r : records) {
    json::value* field = r->fields.if_contains(table.code);
    if (!field || !field->is_object()) continue;
    json::value* list = field->as_object().if_contains("value");
    if (!list || !list->is_array()) continue;
    int64_t pos = 0;
    for (json::value& row : list->as_array()) {
      if (!row.is_object()) continue;
      const json::value* id = row.as_object().if_contains("id");
      if (!id || !id->is_string() || id->as_string() == "0" || id->as_string().empty()) ++fresh;
      rows.push_back({r, &row.as_object(), pos++});
    }
  }
  if (rows.empty()) return Status::Ok();
  // New rows take ids from the app's row counter: unique across the app, never reused.
  int64_t next = 0;
  if (fresh > 0) {
    TK_ASSIGN_OR_RETURN(auto counter,
                        c_.Query("UPDATE apps SET next_row_id = next_row_id + ? WHERE id = ? "
                                 "RETURNING next_row_id",
                                 {fresh, s.app}));
    next = counter[0].Int(0) - fresh;
  }
  auto columns = s.codec.RowColumns(table);
  std::string head = "INSERT INTO " + query::SubtableTable(s.app, table.id) + "(id, record_id, pos";
  std::string tuple = "(?,?,?";
  for (const auto& c : columns) {
    head += ", " + c.name;
    tuple += ",?";
  }
  head += ") VALUES ";
  tuple += ")";
  // SQLite allows 32766 parameters per statement; chunk to stay well below.
  const size_t per_statement = std::bit_floor(std::max<size_t>(1, 8000 / (columns.size() + 3)));
  json::object empty;
  return InChunks(rows.size(), per_statement, [&](size_t start, size_t end) -> Status {
    std::string sql = head;
    std::vector<SqlValue> params;
    for (size_t i = start; i < end; ++i) {
      RowRef& ref = rows[i];
      const json::value* id = ref.row->if_contains("id");
      int64_t row_id;
      if (id && id->is_string() && id->as_string() != "0" && !id->as_string().empty()) {
        row_id = std::atoll(std::string(id->as_string()).c_str());
      } else {
        row_id = next++;
        (*ref.row)["id"] = std::to_string(row_id);
      }
      const json::value* value = ref.row->if_contains("value");
      const json::object& row_value = value && value->is_object() ? value->as_object() : empty;
      sql += i == start ? tuple : "," + tuple;
      params.push_back(row_id);
      params.push_back(ref.record->id);
      params.push_back(ref.pos);
      for (SqlValue& v : s.codec.RowValues(table, row_value, s.directory))
        params.push_back(std::move(v));
      TK_RETURN_IF_ERROR(InsertMultiValues(s, ref.record->id, row_id,
                                           s.codec.RowMultiValues(table, row_value, s.directory)));
    }
    return c_.Execute(sql, params);
  });
}

Status SqlRecordRepository::DeleteRows(const RecordSchema& s, int64_t record,
                                       const FieldDef& table) {
  for (const FieldDef& inner : table.fields) {
    if (!s.codec.HasMultiValueIndex(inner)) continue;
    TK_RETURN_IF_ERROR(c_.Execute(
        "DELETE FROM " + query::MultiValueTable(s.app) + " WHERE record_id = ? AND field_id = ?",
        {record, inner.id}));
  }
  return c_.Execute("DELETE FROM " + query::SubtableTable(s.app, table.id) + " WHERE record_id = ?",
                    {record});
}

Status SqlRecordRepository::InsertMany(const RecordSchema& s, std::vector<StoredRecord>& records) {
  if (records.empty()) return Status::Ok();
  const auto& columns = s.codec.RecordColumns();
  std::string head = "INSERT INTO " + query::RecordTable(s.app) +
                     "(revision, creator, created_at, modifier, updated_at, status, assignees";
  std::string tuple = "(?,?,?,?,?,?,?";
  for (const auto& c : columns) {
    head += ", " + c.name;
    tuple += ",?";
  }
  head += ") VALUES ";
  tuple += ")";
  const size_t per_statement = std::max<size_t>(1, 8000 / (columns.size() + 7));
  for (size_t start = 0; start < records.size(); start += per_statement) {
    size_t end = std::min(records.size(), start + per_statement);
    std::string sql = head;
    std::vector<SqlValue> params;
    for (size_t i = start; i < end; ++i) {
      StoredRecord& r = records[i];
      sql += i == start ? tuple : "," + tuple;
      params.insert(params.end(), {r.revision, r.creator, r.created_at, r.modifier, r.updated_at,
                                   TextOrNull(r.status), JsonIds(r.assignees)});
      std::vector<SqlValue> values =
          r.encoded ? std::move(r.encoded->columns) : s.codec.RecordValues(r.fields, s.directory);
      for (SqlValue& v : values) params.push_back(std::move(v));
    }
    sql += " RETURNING id";
    TK_ASSIGN_OR_RETURN(auto ids, c_.Query(sql, params));
    if (ids.size() != end - start) return common::Error::Internal("insert returned wrong id count");
    // RETURNING reports rows in insertion order for a single VALUES list.
    for (size_t i = start; i < end; ++i) records[i].id = ids[i - start].Int(0);
  }
  std::vector<StoredRecord*> all;
  std::vector<MultiValueRow> side;
  for (StoredRecord& r : records) {
    all.push_back(&r);
    std::vector<domain::MultiValueEntry> multi =
        r.encoded ? std::move(r.encoded->multi) : s.codec.RecordMultiValues(r.fields, s.directory);
    for (auto& e : multi) {
      side.push_back({e.field_id, std::move(e.value), r.id, 0});
    }
    for (int64_t u : r.assignees) side.push_back({query::kAssigneesFieldId, SqlValue(u), r.id, 0});
  }
  TK_RETURN_IF_ERROR(InsertMultiValueRows(s, side));
  for (const FieldDef* table : s.codec.Tables()) TK_RETURN_IF_ERROR(InsertRows(s, all, *table));
  return Status::Ok();
}

Status SqlRecordRepository::Update(const RecordSchema& s, StoredRecord& r,
                                   const std::vector<const FieldDef*>& changed) {
  std::string sql = "UPDATE " + query::RecordTable(s.app) +
                    " SET revision = ?, modifier = ?, updated_at = ?, status = ?, assignees = ?";
  std::vector<SqlValue> params{r.revision, r.modifier, r.updated_at, TextOrNull(r.status),
                               JsonIds(r.assignees)};
  std::vector<const FieldDef*> tables, multi;
  for (const FieldDef* f : changed) {
    if (f->type == common::FieldType::kSubtable) {
      tables.push_back(f);
      continue;
    }
    const json::value* field = r.fields.if_contains(f->code);
    json::value value = field && field->is_object() && field->as_object().contains("value")
                            ? field->as_object().at("value")
                            : json::value();
    auto columns = s.codec.FieldColumns(*f);
    auto values = s.codec.FieldValues(*f, value, s.directory);
    for (size_t i = 0; i < columns.size() && i < values.size(); ++i) {
      sql += ", " + columns[i].name + " = ?";
      params.push_back(std::move(values[i]));
    }
    if (s.codec.HasMultiValueIndex(*f)) multi.push_back(f);
  }
  sql += " WHERE id = ?";
  params.push_back(r.id);
  TK_RETURN_IF_ERROR(c_.Execute(sql, params));
  if (!multi.empty()) {
    auto entries = s.codec.RecordMultiValues(r.fields, s.directory);
    for (const FieldDef* f : multi) {
      TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM " + query::MultiValueTable(s.app) +
                                        " WHERE record_id = ? AND row_id = 0 AND field_id = ?",
                                    {r.id, f->id}));
      std::vector<domain::MultiValueEntry> mine;
      for (const auto& e : entries) {
        if (e.field_id == f->id) mine.push_back(e);
      }
      TK_RETURN_IF_ERROR(InsertMultiValues(s, r.id, 0, mine));
    }
  }
  for (const FieldDef* table : tables) {
    TK_RETURN_IF_ERROR(DeleteRows(s, r.id, *table));
    TK_RETURN_IF_ERROR(InsertRows(s, {&r}, *table));
  }
  return Status::Ok();
}

Status SqlRecordRepository::Delete(const RecordSchema& s, int64_t id) {
  for (const FieldDef* table : s.codec.Tables()) {
    TK_RETURN_IF_ERROR(c_.Execute(
        "DELETE FROM " + query::SubtableTable(s.app, table->id) + " WHERE record_id = ?", {id}));
  }
  TK_RETURN_IF_ERROR(
      c_.Execute("DELETE FROM " + query::MultiValueTable(s.app) + " WHERE record_id = ?", {id}));
  // A deleted record's attachments are no longer downloadable; the rows (and blobs) stay, so
  // the record can be restored from its history with them.
  TK_RETURN_IF_ERROR(
      c_.Execute("UPDATE files SET app_id = NULL WHERE app_id = ? AND record_id = ?", {s.app, id}));
  return c_.Execute("DELETE FROM " + query::RecordTable(s.app) + " WHERE id = ?", {id});
}

Status SqlRecordRepository::AppendHistoryMany(const RecordSchema& s,
                                              const std::vector<domain::HistoryEntry>& entries) {
  const std::string head = "INSERT OR REPLACE INTO " + query::HistoryTable(s.app) +
                           "(record_id, revision, user_id, at, action, diff) VALUES ";
  constexpr size_t kPerStatement = 1000;  // 6 parameters each, far below SQLite's limit
  for (size_t start = 0; start < entries.size(); start += kPerStatement) {
    size_t end = std::min(entries.size(), start + kPerStatement);
    std::string sql = head;
    std::vector<SqlValue> params;
    params.reserve((end - start) * 6);
    for (size_t i = start; i < end; ++i) {
      const domain::HistoryEntry& e = entries[i];
      sql += i == start ? "(?,?,?,?,?,?)" : ",(?,?,?,?,?,?)";
      params.insert(params.end(),
                    {e.record_id, e.revision, e.user, e.at, e.action, json::serialize(e.diff)});
    }
    TK_RETURN_IF_ERROR(c_.Execute(sql, params));
  }
  return Status::Ok();
}

namespace {

using Codes = domain::HistoryRenames::Codes;

// `o` with its renamed keys, in the same order; false when none was.
bool RenameKeys(json::object& o, const Codes& renamed) {
  bool any = false;
  for (const auto& kv : o) any = any || renamed.count(kv.key()) > 0;
  if (!any) return false;
  json::object out;
  out.reserve(o.size());
  for (auto& kv : o) {
    auto it = renamed.find(kv.key());
    const std::string_view key =
        it != renamed.end() ? std::string_view(it->second) : std::string_view(kv.key());
    out[key] = std::move(kv.value());
  }
  o = std::move(out);
  return true;
}

// The rows of a table field ({"value": [{"id", "value": {code: ...}}]}, "type" or not) with
// their codes renamed; false when none was.
bool RenameRowKeys(json::value* field, const Codes& renamed) {
  json::object* f = field ? field->if_object() : nullptr;
  json::value* rows = f ? f->if_contains("value") : nullptr;
  if (!rows || !rows->is_array()) return false;
  bool any = false;
  for (json::value& row : rows->get_array()) {
    json::object* r = row.if_object();
    json::value* value = r ? r->if_contains("value") : nullptr;
    if (value && value->is_object()) any = RenameKeys(value->get_object(), renamed) || any;
  }
  return any;
}

// `fields` (code -> field, or for an update code -> {"before", "after"}) renamed.
bool RenameFields(json::object& fields, const domain::HistoryRenames& renames, bool update) {
  bool any = RenameKeys(fields, renames.fields);
  for (const auto& [table, inner] : renames.inner) {
    json::value* field = fields.if_contains(table);
    if (!field) continue;
    if (!update) {
      any = RenameRowKeys(field, inner) || any;
    } else if (json::object* change = field->if_object()) {
      any = RenameRowKeys(change->if_contains("before"), inner) || any;
      any = RenameRowKeys(change->if_contains("after"), inner) || any;
    }
  }
  return any;
}

}  // namespace

Status SqlRecordRepository::RenameHistoryFields(int64_t app,
                                                const domain::HistoryRenames& renames) {
  if (renames.empty()) return Status::Ok();
  const std::string table = query::HistoryTable(app);
  struct Rewrite {
    int64_t record, revision;
    std::string diff;
  };
  std::vector<Rewrite> rewrites;
  // Adds written now keep "{}" and are most of the table: skipped by the filter without parsing.
  TK_RETURN_IF_ERROR(c_.QueryEach(
      "SELECT record_id, revision, action, diff FROM " + table + " WHERE diff <> '{}'", {},
      [&](const Row& row) {
        boost::system::error_code ec;
        json::value diff = json::parse(row.Text(3), ec);
        if (ec || !diff.is_object()) return true;
        const std::string action = row.Text(2);
        const bool update = action == "update";
        json::object* fields = &diff.as_object();  // an update: its changed fields
        if (!update) {
          json::value* whole = fields->if_contains(action == "delete" ? "before" : "after");
          fields = whole ? whole->if_object() : nullptr;
        }
        if (fields && RenameFields(*fields, renames, update)) {
          rewrites.push_back({row.Int(0), row.Int(1), json::serialize(diff)});
        }
        return true;
      }));
  for (const Rewrite& r : rewrites) {
    TK_RETURN_IF_ERROR(
        c_.Execute("UPDATE " + table + " SET diff = ? WHERE record_id = ? AND revision = ?",
                   {r.diff, r.record, r.revision}));
  }
  return Status::Ok();
}

Status SqlRecordRepository::AppendHistory(const RecordSchema& s, int64_t id, int64_t revision,
                                          int64_t user, int64_t at, std::string_view action,
                                          const json::object& diff) {
  return c_.Execute("INSERT OR REPLACE INTO " + query::HistoryTable(s.app) +
                        "(record_id, revision, user_id, at, action, diff) VALUES (?,?,?,?,?,?)",
                    {id, revision, user, at, std::string(action), json::serialize(diff)});
}

Result<int64_t> SqlRecordRepository::CountHistory(const RecordSchema& s, int64_t id) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT count(*) FROM " + query::HistoryTable(s.app) +
                                              " WHERE record_id = ?",
                                          {id}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::vector<domain::HistoryEntry>> SqlRecordRepository::ListHistory(const RecordSchema& s,
                                                                           int64_t id,
                                                                           int64_t offset,
                                                                           int64_t limit) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT revision, user_id, at, action, diff FROM " +
                                              query::HistoryTable(s.app) +
                                              " WHERE record_id = ? ORDER BY revision DESC "
                                              "LIMIT ? OFFSET ?",
                                          {id, limit, offset}));
  std::vector<domain::HistoryEntry> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    boost::system::error_code ec;
    json::value diff = json::parse(r.Text(4), ec);
    out.push_back({id, r.Int(0), r.Int(1), r.Int(2), r.Text(3),
                   !ec && diff.is_object() ? std::move(diff.as_object()) : json::object()});
  }
  return out;
}

}  // namespace storage

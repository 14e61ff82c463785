// SqlAppRepository::ApplySchema: the DDL of a deploy. Diffs the live form against the new one
// by field id (so renames cost nothing) and creates or alters r{A}, its subtable tables, the
// multi-value index, the history table, per-field indexes and full-text indexes.
#include <boost/json/serialize.hpp>
#include <set>

#include "domain/fields/field_set.h"
#include "domain/fields/record_codec.h"
#include "query/record_layout.h"
#include "storage/repositories/sql_app_repository.h"
#include "storage/sqlite/fts_schema.h"

namespace storage {

using common::Error;
using common::FieldType;
using common::Status;
using domain::ColumnSpec;
using domain::FieldDef;
using domain::FieldSet;

namespace {

std::string ColumnDdl(const ColumnSpec& c) {
  std::string s = c.name;
  switch (c.type) {
    case domain::ColumnType::kText:
      s += " TEXT";
      break;
    case domain::ColumnType::kInteger:
      s += " INTEGER";
      break;
    case domain::ColumnType::kReal:
      s += " REAL";
      break;
  }
  if (c.not_null) s += " NOT NULL";
  if (auto* t = std::get_if<std::string>(&c.default_value)) {
    std::string quoted;
    for (char ch : *t) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
    s += " DEFAULT '" + quoted + "'";
  } else if (auto* i = std::get_if<int64_t>(&c.default_value)) {
    s += " DEFAULT " + std::to_string(*i);
  }
  return s;
}

bool HasFullText(FieldType t) {
  return t == FieldType::kSingleLineText || t == FieldType::kLink ||
         t == FieldType::kMultiLineText || t == FieldType::kRichText;
}

// The column a field's equality, range and sort use, or "" when it has none worth indexing.
std::string IndexedColumn(const FieldDef& f) {
  switch (f.type) {
    case FieldType::kSingleLineText:
    case FieldType::kLink:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDateTime:
    case FieldType::kDropDown:
    case FieldType::kRadioButton:
      return query::FieldColumn(f.id);
    case FieldType::kNumber:
    case FieldType::kCalc:
      return query::NumericColumn(f.id);
    default:
      return "";
  }
}

std::string IndexName(int64_t app, const FieldDef& f, std::string_view kind) {
  return query::RecordTable(app) + "_f" + std::to_string(f.id) + "_" + std::string(kind);
}

// All fields by id, top level and inner, with the table each inner one belongs to (0: none).
std::map<int64_t, std::pair<const FieldDef*, int64_t>> ById(const FieldSet* form) {
  std::map<int64_t, std::pair<const FieldDef*, int64_t>> out;
  if (!form) return out;
  for (const FieldDef& f : form->fields()) {
    out[f.id] = {&f, 0};
    for (const FieldDef& inner : f.fields) out[inner.id] = {&inner, f.id};
  }
  return out;
}

// r1_ix_f20_f17: the plain index of an IndexSpec, named by field ids so that it is recognised
// at the next deploy.
std::string PlannedIndexName(int64_t app, const domain::IndexSpec& spec) {
  std::string name = query::RecordTable(app) + "_ix";
  for (int64_t id : spec.field_ids) name += "_f" + std::to_string(id);
  return name;
}

// Indexes a deploy owns: planned ones, and the per-field r1_f7_idx every text, date, number and
// choice field got before indexes followed the views (dropped at the app's next deploy).
bool IsPlannedIndex(int64_t app, std::string_view name) {
  const std::string t = query::RecordTable(app);
  if (name.starts_with(t + "_ix_")) return true;
  return name.starts_with(t + "_f") && name.ends_with("_idx");
}

class SchemaChange {
 public:
  SchemaChange(Connection& c, int64_t app, const domain::RecordCodec& codec)
      : c_(c), app_(app), codec_(codec) {}

  Status Run(const std::string& sql) { return c_.ExecuteScript(sql); }

  Status CreateRecordTables() {
    std::string t = query::RecordTable(app_);
    std::string ddl = "CREATE TABLE " + t +
                      " (id INTEGER PRIMARY KEY AUTOINCREMENT, revision INTEGER NOT NULL, "
                      "creator INTEGER NOT NULL, created_at INTEGER NOT NULL, "
                      "modifier INTEGER NOT NULL, updated_at INTEGER NOT NULL, status TEXT, "
                      "assignees TEXT NOT NULL DEFAULT '[]'";
    for (const ColumnSpec& c : codec_.RecordColumns()) ddl += ", " + ColumnDdl(c);
    ddl += ")";
    TK_RETURN_IF_ERROR(Run(ddl));
    for (const char* col : {"created_at", "updated_at", "creator", "modifier", "status"}) {
      TK_RETURN_IF_ERROR(Run("CREATE INDEX " + t + "_" + col + " ON " + t + "(" + col + ")"));
    }
    std::string mv = query::MultiValueTable(app_);
    TK_RETURN_IF_ERROR(Run("CREATE TABLE " + mv +
                           " (field_id INTEGER NOT NULL, value, record_id INTEGER NOT NULL, "
                           "row_id INTEGER NOT NULL DEFAULT 0)"));
    TK_RETURN_IF_ERROR(
        Run("CREATE INDEX " + mv + "_value ON " + mv + "(field_id, value, record_id, row_id)"));
    TK_RETURN_IF_ERROR(Run("CREATE INDEX " + mv + "_record ON " + mv + "(record_id)"));
    // A rowid table, not WITHOUT ROWID: a diff is ~1 KB of UTF-8, over the ~1000-byte inline
    // limit of an index b-tree cell, so WITHOUT ROWID spilled ~600 bytes of every row into an
    // overflow page of its own (4 KB per history row; docs/benchmarks.md). A table b-tree keeps
    // rows up to ~4 KB inline; the primary key becomes a small separate index.
    std::string h = query::HistoryTable(app_);
    return Run("CREATE TABLE " + h +
               " (record_id INTEGER NOT NULL, revision INTEGER NOT NULL, user_id INTEGER NOT "
               "NULL, at INTEGER NOT NULL, action TEXT NOT NULL, diff TEXT NOT NULL, "
               "PRIMARY KEY (record_id, revision))");
  }

  Status CreateSubtable(const FieldDef& table) {
    std::string t = query::SubtableTable(app_, table.id);
    std::string ddl = "CREATE TABLE " + t +
                      " (id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, pos INTEGER NOT NULL";
    for (const ColumnSpec& c : codec_.RowColumns(table)) ddl += ", " + ColumnDdl(c);
    ddl += ")";
    TK_RETURN_IF_ERROR(Run(ddl));
    return Run("CREATE INDEX " + t + "_record ON " + t + "(record_id, pos)");
  }

  Status AddColumns(const FieldDef& f, int64_t table) {
    std::string t = table ? query::SubtableTable(app_, table) : query::RecordTable(app_);
    for (const ColumnSpec& c : codec_.FieldColumns(f)) {
      TK_RETURN_IF_ERROR(Run("ALTER TABLE " + t + " ADD COLUMN " + ColumnDdl(c)));
    }
    return Status::Ok();
  }

  Status DropColumns(const FieldDef& f, int64_t table) {
    std::string t = table ? query::SubtableTable(app_, table) : query::RecordTable(app_);
    for (const ColumnSpec& c : codec_.FieldColumns(f)) {
      TK_RETURN_IF_ERROR(Run("ALTER TABLE " + t + " DROP COLUMN " + c.name));
    }
    return Status::Ok();
  }

  Status DropIndexes(const FieldDef& f) {
    TK_RETURN_IF_ERROR(Run("DROP INDEX IF EXISTS " + IndexName(app_, f, "idx")));
    return Run("DROP INDEX IF EXISTS " + IndexName(app_, f, "uniq"));
  }

  // Drops the planned indexes that are not in `wanted` (before columns go: SQLite refuses to
  // drop an indexed column).
  Status DropUnplannedIndexes(const std::set<std::string>& wanted) {
    TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT name FROM sqlite_master WHERE type = 'index' "
                                            "AND tbl_name = ?",
                                            {query::RecordTable(app_)}));
    for (const Row& row : rows) {
      std::string name = row.Text(0);
      if (IsPlannedIndex(app_, name) && !wanted.count(name)) {
        TK_RETURN_IF_ERROR(Run("DROP INDEX IF EXISTS " + name));
      }
    }
    return Status::Ok();
  }

  Status CreatePlannedIndex(const domain::IndexSpec& spec, const FieldSet& form) {
    std::string columns;
    for (int64_t id : spec.field_ids) {
      const FieldDef* f = form.FindById(id);
      std::string col = f ? IndexedColumn(*f) : "";
      if (col.empty()) return Error::Internal("no index column for field " + std::to_string(id));
      columns += (columns.empty() ? "" : ", ") + col;
    }
    return Run("CREATE INDEX IF NOT EXISTS " + PlannedIndexName(app_, spec) + " ON " +
               query::RecordTable(app_) + "(" + columns + ")");
  }

  Status RunAll(const std::vector<std::string>& statements) {
    for (const std::string& s : statements) TK_RETURN_IF_ERROR(Run(s));
    return Status::Ok();
  }

  // Top-level text fields are indexed in the background, in the search file (their tables there
  // come with PrepareSearch, and go once the field is no longer listed: fts_indexer.h);
  // subtable text fields by triggers on their row table.
  Status DropFullText(const FieldDef& f, int64_t table) {
    return table ? RunAll(sqlite::FtsDropDdl(app_, f.id)) : Status::Ok();
  }

  // A field new to an existing table holds only '' so far: nothing to index.
  Status CreateFullText(const FieldDef& f, int64_t table) {
    return table ? RunAll(sqlite::FtsDdl(app_, f.id, query::SubtableTable(app_, table)))
                 : Status::Ok();
  }

  Status CreateFullTextQueue() { return RunAll(sqlite::FtsQueueDdl(app_)); }

  // The queue triggers for the top-level text fields of `form` (none: dropped), and the list of
  // fields the search file indexes, whose tables there exist before this deploy commits.
  Status SetFullTextQueueTriggers(const FieldSet* form) {
    std::vector<int64_t> text_fields;
    if (form) {
      for (const FieldDef& f : form->fields()) {
        if (HasFullText(f.type)) text_fields.push_back(f.id);
      }
    }
    TK_RETURN_IF_ERROR(RunAll(sqlite::FtsQueueTriggerDdl(app_, text_fields)));
    if (!form) return Status::Ok();  // the form's fields follow
    TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM search_fields WHERE app = ?", {app_}));
    for (int64_t field : text_fields) {
      TK_RETURN_IF_ERROR(
          c_.Execute("INSERT INTO search_fields(app, field) VALUES (?, ?)", {app_, field}));
    }
    return c_.PrepareSearch(app_, text_fields);
  }

  // The partial unique index of a unique field ("" never collides). Fails with a field error
  // on duplicates. Plain indexes come from the index plan (ReconcileIndexes).
  Status EnsureUnique(const FieldDef& f, const FieldDef* old) {
    std::string t = query::RecordTable(app_);
    bool was_unique = old && old->unique;
    if (f.unique && !was_unique) {
      std::string value = query::FieldColumn(f.id);
      Status s = Run("CREATE UNIQUE INDEX " + IndexName(app_, f, "uniq") + " ON " + t + "(" +
                     value + ") WHERE " + value + " IS NOT NULL AND " + value + " <> ''");
      if (!s.ok()) {
        return Error::Invalid("properties[" + f.code + "].unique",
                              common::Text::kDuplicateValuesExist)
            .WithDetail(s.error().detail());
      }
    } else if (!f.unique && was_unique) {
      TK_RETURN_IF_ERROR(Run("DROP INDEX IF EXISTS " + IndexName(app_, f, "uniq")));
    }
    return Status::Ok();
  }

 private:
  Connection& c_;
  int64_t app_;
  const domain::RecordCodec& codec_;
};

}  // namespace

Status SqlAppRepository::ApplySchema(const domain::App& app, const FieldSet* before,
                                     const FieldSet& after,
                                     const std::vector<domain::IndexSpec>& indexes) {
  domain::RecordCodec codec(registry_, after);
  domain::RecordCodec old_codec(registry_, before ? *before : after);
  SchemaChange change(c_, app.id, codec);
  SchemaChange old_change(c_, app.id, old_codec);
  auto old_fields = ById(before);
  auto new_fields = ById(&after);

  if (!before) {
    TK_RETURN_IF_ERROR(change.CreateRecordTables());
    TK_RETURN_IF_ERROR(change.CreateFullTextQueue());
    for (const FieldDef& f : after.fields()) {
      if (f.type == FieldType::kSubtable) TK_RETURN_IF_ERROR(change.CreateSubtable(f));
    }
  } else {
    std::set<std::string> wanted;
    for (const domain::IndexSpec& spec : indexes) wanted.insert(PlannedIndexName(app.id, spec));
    TK_RETURN_IF_ERROR(change.DropUnplannedIndexes(wanted));
    // The queue triggers name text columns: off until the columns are final (recreated below).
    TK_RETURN_IF_ERROR(change.CreateFullTextQueue());
    TK_RETURN_IF_ERROR(change.SetFullTextQueueTriggers(nullptr));
    // Removed fields next: triggers and indexes go before the columns they name.
    for (const auto& [id, entry] : old_fields) {
      if (new_fields.count(id)) continue;
      const auto& [f, table] = entry;
      if (table && !new_fields.count(table)) continue;  // its whole table goes below
      if (HasFullText(f->type)) TK_RETURN_IF_ERROR(old_change.DropFullText(*f, table));
      if (codec.HasMultiValueIndex(*f) || old_codec.HasMultiValueIndex(*f)) {
        TK_RETURN_IF_ERROR(c_.Execute(
            "DELETE FROM " + query::MultiValueTable(app.id) + " WHERE field_id = ?", {f->id}));
      }
      if (f->type == FieldType::kSubtable) {
        for (const FieldDef& inner : f->fields) {
          if (HasFullText(inner.type)) TK_RETURN_IF_ERROR(old_change.DropFullText(inner, f->id));
          TK_RETURN_IF_ERROR(c_.Execute(
              "DELETE FROM " + query::MultiValueTable(app.id) + " WHERE field_id = ?", {inner.id}));
        }
        TK_RETURN_IF_ERROR(
            change.Run("DROP TABLE IF EXISTS " + query::SubtableTable(app.id, f->id)));
        continue;
      }
      if (!table) TK_RETURN_IF_ERROR(old_change.DropIndexes(*f));
      TK_RETURN_IF_ERROR(old_change.DropColumns(*f, table));
    }
    // New fields.
    for (const auto& [id, entry] : new_fields) {
      if (old_fields.count(id)) continue;
      const auto& [f, table] = entry;
      if (f->type == FieldType::kSubtable) {
        TK_RETURN_IF_ERROR(change.CreateSubtable(*f));
        continue;
      }
      if (table && !old_fields.count(table)) continue;  // created with its new table
      TK_RETURN_IF_ERROR(change.AddColumns(*f, table));
    }
  }
  // Indexes and search indexes of every field of the new form.
  for (const auto& [id, entry] : new_fields) {
    const auto& [f, table] = entry;
    auto old = old_fields.find(id);
    bool existed = old != old_fields.end();
    if (!table && f->type != FieldType::kSubtable) {
      TK_RETURN_IF_ERROR(change.EnsureUnique(*f, existed ? old->second.first : nullptr));
    }
    if (HasFullText(f->type) && !existed) TK_RETURN_IF_ERROR(change.CreateFullText(*f, table));
  }
  TK_RETURN_IF_ERROR(change.SetFullTextQueueTriggers(&after));
  for (const domain::IndexSpec& spec : indexes) {
    TK_RETURN_IF_ERROR(change.CreatePlannedIndex(spec, after));
  }
  return Status::Ok();
}

}  // namespace storage

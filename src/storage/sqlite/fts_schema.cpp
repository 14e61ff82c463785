#include "storage/sqlite/fts_schema.h"

#include "common/normalize.h"
#include "query/record_layout.h"
#include "query/sqlite_dialect.h"
#include "storage/sqlite/ngram_tokenizer.h"

namespace storage::sqlite {

std::vector<std::string> FtsDdl(int64_t app, int64_t field, std::string_view content_table) {
  const std::string fts = query::FtsTable(app, field);
  const std::string column = query::FieldColumn(field);
  const std::string content(content_table);
  const std::string insert_new =
      "INSERT INTO " + fts + "(rowid, " + column + ") VALUES (new.id, new." + column + ");";
  const std::string delete_old = "INSERT INTO " + fts + "(" + fts + ", rowid, " + column +
                                 ") VALUES ('delete', old.id, old." + column + ");";
  return {
      "CREATE VIRTUAL TABLE " + fts + " USING fts5(" + column + ", content='" + content +
          "', content_rowid='id', tokenize='" + kNgramTokenizerName +
          "', detail=full, columnsize=0)",
      "INSERT INTO " + fts + "(" + fts + ", rank) VALUES ('automerge', " +
          std::to_string(kFtsAutomerge) + ")",
      "CREATE TRIGGER " + fts + "_ai AFTER INSERT ON " + content + " BEGIN " + insert_new + " END",
      "CREATE TRIGGER " + fts + "_ad AFTER DELETE ON " + content + " BEGIN " + delete_old + " END",
      "CREATE TRIGGER " + fts + "_au AFTER UPDATE OF id, " + column + " ON " + content +
          " WHEN old.id IS NOT new.id OR old." + column + " IS NOT new." + column + " BEGIN " +
          delete_old + " " + insert_new + " END",
  };
}

std::vector<std::string> FtsDropDdl(int64_t app, int64_t field) {
  const std::string fts = query::FtsTable(app, field);
  return {
      "DROP TRIGGER IF EXISTS " + fts + "_ai",
      "DROP TRIGGER IF EXISTS " + fts + "_ad",
      "DROP TRIGGER IF EXISTS " + fts + "_au",
      "DROP TABLE IF EXISTS " + fts,
  };
}

std::vector<std::string> FtsQueueDdl(int64_t app) {
  return {"CREATE TABLE IF NOT EXISTS " + query::FtsPendingTable(app) +
          " (id INTEGER PRIMARY KEY, gen INTEGER NOT NULL DEFAULT 0)"};
}

std::string FtsDocDdl(int64_t app) {
  return "CREATE TABLE IF NOT EXISTS " + query::FtsDocTable(app) + " (id INTEGER PRIMARY KEY)";
}

std::vector<std::string> BackgroundFtsDdl(int64_t app, int64_t field) {
  std::vector<std::string> out = {"ALTER TABLE " + query::FtsDocTable(app) + " ADD COLUMN " +
                                  query::FieldColumn(field) + " TEXT NOT NULL DEFAULT ''"};
  for (std::string& s : BackgroundFtsTableDdl(app, field)) out.push_back(std::move(s));
  return out;
}

std::vector<std::string> BackgroundFtsTableDdl(int64_t app, int64_t field) {
  const std::string fts = query::FtsTable(app, field);
  return {
      "CREATE VIRTUAL TABLE " + fts + " USING fts5(" + query::FieldColumn(field) + ", content='" +
          query::FtsDocTable(app) + "', content_rowid='id', tokenize='" + kNgramTokenizerName +
          "', detail=full, columnsize=0)",
      "INSERT INTO " + fts + "(" + fts + ", rank) VALUES ('automerge', " +
          std::to_string(kFtsAutomerge) + ")",
  };
}

std::vector<std::string> BackgroundFtsDropDdl(int64_t app, int64_t field) {
  std::vector<std::string> out = FtsDropDdl(app, field);  // old per-field triggers, if any
  out.push_back("ALTER TABLE " + query::FtsDocTable(app) + " DROP COLUMN " +
                query::FieldColumn(field));
  return out;
}

std::vector<std::string> FtsQueueTriggerDdl(int64_t app, const std::vector<int64_t>& text_fields) {
  const std::string t = query::RecordTable(app);
  const std::string pending = query::FtsPendingTable(app);
  std::vector<std::string> out = {
      "DROP TRIGGER IF EXISTS " + t + "_fts_queue_ai",
      "DROP TRIGGER IF EXISTS " + t + "_fts_queue_ad",
      "DROP TRIGGER IF EXISTS " + t + "_fts_queue_au",
  };
  if (text_fields.empty()) return out;
  std::string columns = "id";
  std::string changed = "old.id IS NOT new.id";
  for (int64_t f : text_fields) {
    const std::string c = query::FieldColumn(f);
    columns += ", " + c;
    changed += " OR old." + c + " IS NOT new." + c;
  }
  const std::string upsert = ", random()) ON CONFLICT (id) DO UPDATE SET gen = excluded.gen;";
  const std::string queue_old = "INSERT INTO " + pending + "(id, gen) VALUES (old.id" + upsert;
  const std::string queue_new = "INSERT INTO " + pending + "(id, gen) VALUES (new.id" + upsert;
  out.push_back("CREATE TRIGGER " + t + "_fts_queue_ai AFTER INSERT ON " + t + " BEGIN " +
                queue_new + " END");
  out.push_back("CREATE TRIGGER " + t + "_fts_queue_ad AFTER DELETE ON " + t + " BEGIN " +
                queue_old + " END");
  out.push_back("CREATE TRIGGER " + t + "_fts_queue_au AFTER UPDATE OF " + columns + " ON " + t +
                " WHEN " + changed + " BEGIN " + queue_old + " " + queue_new + " END");
  return out;
}

std::string FtsRebuildSql(int64_t app, int64_t field) {
  const std::string fts = query::FtsTable(app, field);
  return "INSERT INTO " + fts + "(" + fts + ") VALUES ('rebuild')";
}

std::string FtsMatchSql(int64_t app, int64_t field) {
  const std::string fts = query::FtsTable(app, field);
  return "SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?";
}

std::optional<std::string> FtsPhrase(std::string_view term) {
  if (common::NormalizeForSearch(term).empty()) return std::nullopt;
  std::string kept;
  for (char c : term) {
    if (c != '\0') kept += c;  // would end the query string; NormalizeForSearch drops it anyway
  }
  return query::SqliteDialect().FullTextPattern(kept);
}

}  // namespace storage::sqlite

#include "storage/sqlite/fts_indexer.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "common/log.h"
#include "query/record_layout.h"
#include "storage/sqlite/fts_schema.h"
#include "storage/sqlite/sqlite_database.h"

namespace storage::sqlite {
namespace {

using common::Result;
using common::Status;

// The integer after `prefix` when `name` is exactly prefix + digits + suffix.
std::optional<int64_t> IdBetween(std::string_view name, std::string_view prefix,
                                 std::string_view suffix) {
  if (!name.starts_with(prefix) || !name.ends_with(suffix)) return std::nullopt;
  if (name.size() <= prefix.size() + suffix.size()) return std::nullopt;
  std::string_view digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  int64_t id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return id;
}

// The top-level text fields of an app: the f{K} columns of r{A}_fts_doc.
Result<std::vector<int64_t>> DocFields(Connection& c, int64_t app) {
  TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT name FROM pragma_table_info(?, 'main')",
                                         {query::FtsDocTable(app)}));
  std::vector<int64_t> fields;
  for (const Row& row : rows) {
    if (auto id = IdBetween(row.Text(0), "f", "")) fields.push_back(*id);
  }
  return fields;
}

// The apps that have a queue (r{A}_fts_pending) in `schema`.
Result<std::vector<int64_t>> AppsWithQueue(Connection& c, const std::string& schema = "main") {
  TK_ASSIGN_OR_RETURN(auto tables, c.Query("SELECT name FROM " + schema +
                                           ".sqlite_master WHERE type = 'table' AND name GLOB "
                                           "'r[0-9]*_fts_pending'"));
  std::vector<int64_t> apps;
  for (const Row& row : tables) {
    if (auto app = IdBetween(row.Text(0), "r", "_fts_pending")) apps.push_back(*app);
  }
  return apps;
}

// CPU time used so far by the calling thread.
std::chrono::nanoseconds ThreadCpuTime() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return std::chrono::seconds(t.tv_sec) + std::chrono::nanoseconds(t.tv_nsec);
}

Status ExecuteAll(Connection& c, const std::vector<std::string>& statements) {
  for (const std::string& s : statements) TK_RETURN_IF_ERROR(c.ExecuteScript(s));
  return Status::Ok();
}

}  // namespace

namespace {

// A batch: up to `limit` queued records of `app`, read from the database in chunks of short
// read transactions into temp.fts_batch (id, gen, gone, f{K}...), then indexed from there. A
// reader that keeps the database's snapshot for the whole batch (hundreds of ms) made each of
// the checkpointer's WAL restarts wait for it, and new record writes wait for the restart.
// Chunks read different snapshots, which is fine: an entry's text and gen come from the same one,
// and it leaves the queue only if its gen is still that one (TakeOffQueue).
constexpr int64_t kReadChunk = 2000;

struct IndexedBatch {
  int64_t count = 0;
  std::string entries;  // "[[id,gen],...]" for TakeOffQueue
};

Status ReadBatch(SqliteDatabase& db, int64_t app, const std::vector<int64_t>& fields,
                 int64_t limit) {
  std::string columns;
  std::string values;
  for (int64_t field : fields) {
    columns += ", " + query::FieldColumn(field);
    values += ", r." + query::FieldColumn(field);
  }
  TK_RETURN_IF_ERROR(db.SearchWrite([&](Connection& c) {
    return ExecuteAll(c, {"DROP TABLE IF EXISTS temp.fts_batch",
                          "CREATE TEMP TABLE fts_batch (id INTEGER PRIMARY KEY, gen INTEGER, gone "
                          "INTEGER, indexed INTEGER" +
                              columns + ")"});
  }));
  int64_t after = 0;
  for (int64_t read = 0; read < limit;) {
    const int64_t n = std::min(kReadChunk, limit - read);
    int64_t got = 0;
    TK_RETURN_IF_ERROR(db.SearchWrite([&](Connection& c) -> Status {
      // `indexed`: whether the record has a doc row, probed once here rather than twice per
      // field in IndexBatch, where new records (every record of a load) then skip the doc table.
      // Those probes were about a quarter of the indexer's time during loads.
      TK_RETURN_IF_ERROR(c.Execute(
          "INSERT INTO temp.fts_batch (id, gen, gone, indexed" + columns +
              ") SELECT p.id, p.gen, r.id IS NULL, EXISTS (SELECT 1 FROM " +
              query::FtsDocTable(app) + " d WHERE d.id = p.id)" + values + " FROM data." +
              query::FtsPendingTable(app) + " p LEFT JOIN data." + query::RecordTable(app) +
              " r ON r.id = p.id WHERE p.id > ? ORDER BY p.id LIMIT ?",
          {after, n}));
      got = c.Changes();
      if (got > 0) {
        TK_ASSIGN_OR_RETURN(auto last, c.Query("SELECT max(id) FROM temp.fts_batch"));
        after = last.at(0).Int(0);
      }
      return Status::Ok();
    }));
    read += got;
    if (got < n) break;  // the queue's end
  }
  return Status::Ok();
}

// Indexes temp.fts_batch in the search file: for each field whose text differs from what
// r{A}_fts_doc says was indexed, the old terms out and the new ones in (one statement per field
// for the whole batch, hence one FTS5 segment); then r{A}_fts_doc brought up to date. Deleted
// records lose their terms and doc row.
Result<IndexedBatch> IndexBatch(Connection& c, int64_t app, const std::vector<int64_t>& fields) {
  const std::string doc = query::FtsDocTable(app);
  IndexedBatch out;
  TK_ASSIGN_OR_RETURN(auto taken, c.Query("SELECT json_group_array(json_array(id, gen)), count(*) "
                                          "FROM temp.fts_batch"));
  out.count = taken.at(0).Int(1);
  if (out.count == 0) return out;
  out.entries = taken.at(0).Text(0);
  std::string columns;
  for (int64_t field : fields) {
    const std::string fts = query::FtsTable(app, field);
    const std::string col = query::FieldColumn(field);
    columns += ", " + col;
    // Old terms out: exactly the text that was indexed, for the rows whose text changed. CROSS
    // JOIN keeps the batch outside: the planner knows nothing of a temp table's size and scanned
    // the whole doc table per field instead (the indexer fell minutes behind a load).
    TK_RETURN_IF_ERROR(c.Execute(
        "INSERT INTO " + fts + "(" + fts + ", rowid, " + col + ") SELECT 'delete', d.id, d." + col +
        " FROM temp.fts_batch b CROSS JOIN " + doc + " d ON d.id = b.id WHERE b.indexed AND d." +
        col + " <> '' AND d." + col + " IS NOT b." + col));
    // New terms in: one statement for the batch, hence one FTS5 segment.
    TK_RETURN_IF_ERROR(c.Execute("INSERT INTO " + fts + "(rowid, " + col + ") SELECT b.id, b." +
                                 col + " FROM temp.fts_batch b WHERE b." + col +
                                 " <> '' AND (NOT b.indexed OR b." + col + " IS NOT (SELECT d." +
                                 col + " FROM " + doc + " d WHERE d.id = b.id))"));
  }
  TK_RETURN_IF_ERROR(c.Execute("DELETE FROM " + doc +
                               " WHERE id IN (SELECT id FROM temp.fts_batch WHERE indexed)"));
  TK_RETURN_IF_ERROR(c.Execute("INSERT INTO " + doc + "(id" + columns + ") SELECT id" + columns +
                               " FROM temp.fts_batch WHERE NOT gone"));
  return out;
}

// Step two, on the writer: the batch's entries off the queue, but not those queued again since
// (another `gen`): their newer text is not indexed yet.
Status TakeOffQueue(Connection& c, int64_t app, const std::string& entries) {
  const std::string pending = query::FtsPendingTable(app);
  return c.Execute("DELETE FROM " + pending +
                       " WHERE id IN (SELECT p.id FROM json_each(?) j JOIN " + pending +
                       " p ON p.id = j.value ->> 0 AND p.gen = j.value ->> 1)",
                   {entries});
}

constexpr const char* kSearchSyncDdl =
    "CREATE TABLE IF NOT EXISTS sync (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT "
    "NULL)";

// A new token for both files: step one writes it to the search file, step two to the database.
int64_t NewToken() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return static_cast<int64_t>(random() >> 1) + 1;  // never 0, the token of a new database
}

// The sync table must exist (kSearchSyncDdl).
Status WriteSearchToken(Connection& search, int64_t token) {
  return search.Execute("INSERT OR REPLACE INTO sync(id, token) VALUES (1, ?)", {token});
}

Status SetSearchToken(Connection& search, int64_t token) {
  TK_RETURN_IF_ERROR(search.ExecuteScript(kSearchSyncDdl));
  return WriteSearchToken(search, token);
}

Status SetDatabaseToken(Connection& c, int64_t token) {
  return c.Execute("UPDATE search_sync SET token = ?", {token});
}

// What the search file's last batch took off the queue, kept beside its token so that a crash
// between the batch's two commits can be finished at the next start instead of rebuilding
// everything (FinishLastBatch).
constexpr const char* kLastBatchDdl =
    "CREATE TABLE IF NOT EXISTS last_batch (id INTEGER PRIMARY KEY CHECK (id = 1), prev_token "
    "INTEGER, app INTEGER NOT NULL, entries TEXT NOT NULL)";

// Step one's end: the batch's entries, the token the search file had before, and the new one.
Status SetSearchTokenAfterBatch(Connection& search, int64_t app, const std::string& entries,
                                int64_t token) {
  TK_RETURN_IF_ERROR(search.ExecuteScript(std::string(kSearchSyncDdl) + ";" + kLastBatchDdl));
  TK_RETURN_IF_ERROR(
      search.Execute("INSERT OR REPLACE INTO last_batch(id, prev_token, app, entries) "
                     "VALUES (1, (SELECT token FROM sync WHERE id = 1), ?, ?)",
                     {app, entries}));
  return WriteSearchToken(search, token);
}

struct LastBatch {
  int64_t prev_token = 0;
  int64_t app = 0;
  std::string entries;
};

// A crash between a batch's two commits leaves the search file with the batch and the database
// with the token from before it, still queueing what the batch indexed. When the database holds
// every entry of the batch with the very `gen` that was indexed — so that the search file is
// exactly the database plus this batch — the batch's second step is done now, and the number of
// its entries returned. Otherwise (a database restored from another moment, whose token only
// happens to match) nothing changes: 0, and the caller starts over.
int64_t FinishLastBatch(SqliteDatabase& db, const LastBatch& last, int64_t search_token) {
  int64_t finished = 0;
  Status done = db.Write([&](Connection& c) -> Status {
    const std::string pending = query::FtsPendingTable(last.app);
    TK_ASSIGN_OR_RETURN(
        auto counts,
        c.Query("SELECT json_array_length(?1), (SELECT count(*) FROM json_each(?1) j JOIN " +
                    pending + " p ON p.id = j.value ->> 0 AND p.gen = j.value ->> 1)",
                {last.entries}));
    const int64_t entries = counts.at(0).Int(0);
    if (entries == 0 || counts.at(0).Int(1) != entries) return Status::Ok();
    TK_RETURN_IF_ERROR(TakeOffQueue(c, last.app, last.entries));
    TK_RETURN_IF_ERROR(SetDatabaseToken(c, search_token));
    finished = entries;
    return Status::Ok();
  });
  if (!done.ok()) {  // e.g. the app's queue is gone: start over
    common::LogWarn("search index: the interrupted batch could not be finished: " +
                    done.error().ToString());
    return 0;
  }
  return finished;
}

// The search file's FTS and doc tables, by app: {app -> doc fields}.
Result<std::map<int64_t, std::vector<int64_t>>> SearchTables(Connection& search) {
  TK_ASSIGN_OR_RETURN(auto tables, search.Query("SELECT name FROM main.sqlite_master WHERE type = "
                                                "'table' AND name GLOB 'r[0-9]*_fts_doc'"));
  std::map<int64_t, std::vector<int64_t>> out;
  for (const Row& row : tables) {
    auto app = IdBetween(row.Text(0), "r", "_fts_doc");
    if (!app) continue;
    TK_ASSIGN_OR_RETURN(out[*app], DocFields(search, *app));
  }
  return out;
}

}  // namespace

Result<int64_t> IndexQueued(SqliteDatabase& db, int64_t app, int64_t limit) {
  // One batch at a time on the search connection: they share temp.fts_batch.
  static std::mutex batch_mutex;
  std::lock_guard lock(batch_mutex);
  std::vector<int64_t> fields;
  TK_RETURN_IF_ERROR(db.SearchWrite([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.ExecuteScript(FtsDocDdl(app)));  // an app with no text field yet
    TK_ASSIGN_OR_RETURN(fields, DocFields(c, app));
    return Status::Ok();
  }));
  TK_RETURN_IF_ERROR(ReadBatch(db, app, fields, limit));
  IndexedBatch batch;
  const int64_t token = NewToken();
  TK_RETURN_IF_ERROR(db.SearchWrite([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(batch, IndexBatch(c, app, fields));
    TK_RETURN_IF_ERROR(c.ExecuteScript("DROP TABLE temp.fts_batch"));
    return batch.count > 0 ? SetSearchTokenAfterBatch(c, app, batch.entries, token) : Status::Ok();
  }));
  if (batch.count == 0) return int64_t{0};
  TK_RETURN_IF_ERROR(db.Write([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(TakeOffQueue(c, app, batch.entries));
    return SetDatabaseToken(c, token);
  }));
  return batch.count;
}

Result<std::vector<int64_t>> AppsWithQueuedText(Connection& c, const std::string& schema) {
  TK_ASSIGN_OR_RETURN(std::vector<int64_t> queues, AppsWithQueue(c, schema));
  std::vector<int64_t> apps;
  for (int64_t app : queues) {
    TK_ASSIGN_OR_RETURN(auto any, c.Query("SELECT EXISTS (SELECT 1 FROM " + schema + "." +
                                          query::FtsPendingTable(app) + ")"));
    if (any.at(0).Int(0) != 0) apps.push_back(app);
  }
  return apps;
}

Result<int64_t> QueuedTextCount(Connection& c) {
  TK_ASSIGN_OR_RETURN(auto apps, AppsWithQueuedText(c));
  int64_t total = 0;
  for (int64_t app : apps) {
    TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT count(*) FROM " + query::FtsPendingTable(app)));
    total += rows.at(0).Int(0);
  }
  return total;
}

Status PrepareSearchTables(Connection& search, int64_t app, const std::vector<int64_t>& fields) {
  TK_RETURN_IF_ERROR(search.ExecuteScript(FtsDocDdl(app)));
  TK_ASSIGN_OR_RETURN(std::vector<int64_t> have, DocFields(search, app));
  for (int64_t field : fields) {
    if (std::find(have.begin(), have.end(), field) != have.end()) continue;
    TK_RETURN_IF_ERROR(ExecuteAll(search, BackgroundFtsDdl(app, field)));
  }
  return Status::Ok();
}

Status UpgradeToFtsQueue(Connection& c) {
  TK_ASSIGN_OR_RETURN(auto tables, c.Query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name GLOB 'r[0-9]*'"));
  std::vector<std::string> names;
  for (const Row& row : tables) names.push_back(row.Text(0));
  for (const std::string& name : names) {
    auto app = IdBetween(name, "r", "");
    if (!app) continue;  // r1_history, r1_t5, ...
    if (std::find(names.begin(), names.end(), query::FtsPendingTable(*app)) != names.end()) {
      continue;
    }
    // Top-level text fields: those whose insert trigger sits on r{A} itself.
    TK_ASSIGN_OR_RETURN(auto triggers,
                        c.Query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND "
                                "tbl_name = ?",
                                {name}));
    std::vector<int64_t> fields;
    for (const Row& row : triggers) {
      if (auto field = IdBetween(row.Text(0), name + "_f", "_fts_ai")) fields.push_back(*field);
    }
    std::sort(fields.begin(), fields.end());
    TK_RETURN_IF_ERROR(ExecuteAll(c, FtsQueueDdl(*app)));
    TK_RETURN_IF_ERROR(c.ExecuteScript(FtsDocDdl(*app)));  // in the database until v14
    std::string columns;
    for (int64_t field : fields) {
      const std::string fts = query::FtsTable(*app, field);
      TK_RETURN_IF_ERROR(ExecuteAll(
          c, {"DROP TRIGGER IF EXISTS " + fts + "_ai", "DROP TRIGGER IF EXISTS " + fts + "_ad",
              "DROP TRIGGER IF EXISTS " + fts + "_au"}));
      TK_RETURN_IF_ERROR(c.ExecuteScript("ALTER TABLE " + query::FtsDocTable(*app) +
                                         " ADD COLUMN " + query::FieldColumn(field) +
                                         " TEXT NOT NULL DEFAULT ''"));
      columns += ", " + query::FieldColumn(field);
    }
    if (!fields.empty()) {
      TK_RETURN_IF_ERROR(c.ExecuteScript("INSERT INTO " + query::FtsDocTable(*app) + "(id" +
                                         columns + ") SELECT id" + columns + " FROM " + name));
    }
    TK_RETURN_IF_ERROR(ExecuteAll(c, FtsQueueTriggerDdl(*app, fields)));
    common::LogInfo("search index of app " + std::to_string(*app) +
                    " converted to background indexing (" + std::to_string(fields.size()) +
                    " text fields)");
  }
  return Status::Ok();
}

Status RequeueAllText(Connection& c) {
  TK_RETURN_IF_ERROR(UpgradeToFtsQueue(c));  // a database from before v10 reaches v11 here
  TK_ASSIGN_OR_RETURN(auto tables, c.Query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name GLOB 'r[0-9]*_f[0-9]*_fts'"));
  std::vector<std::string> names;
  for (const Row& row : tables) names.push_back(row.Text(0));
  // Top-level fields (the doc table's columns): a new empty table, an empty doc and every record
  // queued, so that `like` reads their text until the indexer has caught up.
  std::vector<int64_t> apps;
  for (const std::string& name : names) {
    const size_t split = name.find("_f");
    auto app = IdBetween(name.substr(0, split), "r", "");
    auto field = IdBetween(name.substr(split), "_f", "_fts");
    if (!app || !field) continue;
    TK_ASSIGN_OR_RETURN(std::vector<int64_t> doc_fields, DocFields(c, *app));
    if (std::find(doc_fields.begin(), doc_fields.end(), *field) != doc_fields.end()) {
      TK_RETURN_IF_ERROR(c.ExecuteScript("DROP TABLE " + name));
      TK_RETURN_IF_ERROR(ExecuteAll(c, BackgroundFtsTableDdl(*app, *field)));
      if (std::find(apps.begin(), apps.end(), *app) == apps.end()) apps.push_back(*app);
    } else {
      // A text field inside a table (or an orphan of a removed field): its external content is
      // the subtable's rows, indexed again synchronously. A 'delete' re-tokenises the old value,
      // so the index must hold exactly what this tokenizer makes of it.
      TK_RETURN_IF_ERROR(c.ExecuteScript(FtsRebuildSql(*app, *field)));
      TK_RETURN_IF_ERROR(c.ExecuteScript("INSERT INTO " + name + "(" + name +
                                         ", rank) VALUES ('automerge', " +
                                         std::to_string(kFtsAutomerge) + ")"));
    }
  }
  for (int64_t app : apps) {
    TK_RETURN_IF_ERROR(c.ExecuteScript("DELETE FROM " + query::FtsDocTable(app)));
    TK_RETURN_IF_ERROR(c.ExecuteScript("INSERT OR IGNORE INTO " + query::FtsPendingTable(app) +
                                       "(id) SELECT id FROM " + query::RecordTable(app)));
    common::LogInfo("search index of app " + std::to_string(app) +
                    " cleared for re-indexing with the v11 tokens (in the background)");
  }
  return Status::Ok();
}

Status MoveSearchToOwnFile(Connection& c) {
  TK_RETURN_IF_ERROR(UpgradeToFtsQueue(c));  // any app still without a queue gets one first
  TK_ASSIGN_OR_RETURN(std::vector<int64_t> apps, AppsWithQueue(c));
  for (int64_t app : apps) {
    const std::string doc = query::FtsDocTable(app);
    TK_ASSIGN_OR_RETURN(auto has_doc,
                        c.Query("SELECT count(*) FROM main.sqlite_master WHERE name = ?", {doc}));
    std::vector<int64_t> fields;
    if (has_doc.at(0).Int(0) != 0) {
      TK_ASSIGN_OR_RETURN(fields, DocFields(c, app));
    }
    for (int64_t field : fields) {
      TK_RETURN_IF_ERROR(
          c.ExecuteScript("DROP TABLE IF EXISTS main." + query::FtsTable(app, field)));
      TK_RETURN_IF_ERROR(
          c.Execute("INSERT OR IGNORE INTO search_fields(app, field) VALUES (?, ?)", {app, field}));
    }
    TK_RETURN_IF_ERROR(c.ExecuteScript("DROP TABLE IF EXISTS main." + doc));
    const std::string pending = query::FtsPendingTable(app);
    TK_ASSIGN_OR_RETURN(auto has_gen, c.Query("SELECT count(*) FROM pragma_table_info(?) WHERE "
                                              "name = 'gen'",
                                              {pending}));
    if (has_gen.at(0).Int(0) == 0) {
      TK_RETURN_IF_ERROR(
          c.ExecuteScript("ALTER TABLE " + pending + " ADD COLUMN gen INTEGER NOT NULL DEFAULT 0"));
    }
    TK_RETURN_IF_ERROR(ExecuteAll(c, FtsQueueTriggerDdl(app, fields)));
    common::LogInfo("search index of app " + std::to_string(app) +
                    " moved to its own file (rebuilt in the background at the next start)");
  }
  return Status::Ok();
}

Status FtsIndexer::Prepare() {
  int64_t search_token = -1;
  int64_t database_token = 0;
  std::optional<LastBatch> last;
  Status read = db_.SearchWrite([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.ExecuteScript(std::string(kSearchSyncDdl) + ";" + kLastBatchDdl));
    TK_ASSIGN_OR_RETURN(auto mine, c.Query("SELECT token FROM main.sync"));
    if (!mine.empty()) search_token = mine.at(0).Int(0);
    TK_ASSIGN_OR_RETURN(auto theirs, c.Query("SELECT token FROM data.search_sync"));
    if (!theirs.empty()) database_token = theirs.at(0).Int(0);
    TK_ASSIGN_OR_RETURN(auto batch, c.Query("SELECT prev_token, app, entries FROM main.last_batch "
                                            "WHERE prev_token IS NOT NULL"));
    if (!batch.empty()) last = LastBatch{batch[0].Int(0), batch[0].Int(1), batch[0].Text(2)};
    return Status::Ok();
  });
  if (read.ok() && search_token >= 0 && search_token != database_token && last &&
      last->prev_token == database_token) {
    if (int64_t finished = FinishLastBatch(db_, *last, search_token); finished > 0) {
      common::LogInfo("search index: finished the batch a stop had interrupted (" +
                      std::to_string(finished) + " records)");
      database_token = search_token;
    }
  }
  std::string why = "missing";
  if (!read.ok()) {
    // Whatever is wrong, a new search file is the cure (StartOver fails if the database is
    // what cannot be read).
    search_token = -1;
    why = "unreadable (" + read.error().detail() + ")";
  } else if (search_token >= 0) {
    why = "out of step with the database";
  }
  TK_RETURN_IF_ERROR(search_token != database_token ? StartOver(why) : Reconcile(true));
  std::lock_guard lock(mutex_);
  prepared_ = true;
  return Status::Ok();
}

Status FtsIndexer::StartOver(const std::string& why) {
  // Every record queued first, with the database's new token: `like` reads the queued records'
  // text and leaves the index out for them, so answers stay exact while the file is replaced and
  // refilled. A crash before the search file has the token too means another start over.
  const int64_t token = NewToken();
  int64_t queued = 0;
  TK_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(std::vector<int64_t> apps, AppsWithQueue(c));
    for (int64_t app : apps) {
      TK_RETURN_IF_ERROR(
          c.Execute("INSERT INTO " + query::FtsPendingTable(app) +
                    "(id, gen) SELECT id, random() FROM " + query::RecordTable(app) +
                    " WHERE true ON CONFLICT (id) DO UPDATE SET gen = excluded.gen"));
      queued += c.Changes();
    }
    return SetDatabaseToken(c, token);
  }));
  TK_RETURN_IF_ERROR(db_.ResetSearchFile());
  TK_RETURN_IF_ERROR(db_.SearchWrite([&](Connection& c) { return SetSearchToken(c, token); }));
  if (queued > 0) {
    common::LogInfo("search index " + why + ": rebuilding it in the background (" +
                    std::to_string(queued) + " records queued; `like` reads their text meanwhile)");
  }
  return Reconcile(true);
}

Status FtsIndexer::Reconcile(bool force) {
  return db_.SearchWrite([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto version, c.Query("PRAGMA data.schema_version"));
    const int64_t schema = version.at(0).Int(0);
    if (!force && schema == reconciled_schema_) return Status::Ok();
    std::map<int64_t, std::vector<int64_t>> listed;
    TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT app, field FROM data.search_fields"));
    for (const Row& row : rows) listed[row.Int(0)].push_back(row.Int(1));
    TK_ASSIGN_OR_RETURN(auto tables, SearchTables(c));
    for (const auto& [app, fields] : tables) {
      const auto wanted = listed.find(app);
      for (int64_t field : fields) {
        if (wanted != listed.end() && std::find(wanted->second.begin(), wanted->second.end(),
                                                field) != wanted->second.end()) {
          continue;
        }
        TK_RETURN_IF_ERROR(ExecuteAll(c, BackgroundFtsDropDdl(app, field)));
      }
    }
    for (const auto& [app, fields] : listed) {
      TK_RETURN_IF_ERROR(PrepareSearchTables(c, app, fields));
    }
    reconciled_schema_ = schema;  // under SearchWrite's lock
    return Status::Ok();
  });
}

Status FtsIndexer::PrepareOnce() {
  {
    std::lock_guard lock(mutex_);
    if (prepared_) return Status::Ok();
  }
  return Prepare();
}

void FtsIndexer::Start() {
  {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
  }
  if (Status s = PrepareOnce(); !s.ok()) common::LogWarn("search indexer: " + s.error().detail());
  std::lock_guard lock(mutex_);
  thread_ = std::thread([this] { Run(); });
}

void FtsIndexer::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<int64_t> FtsIndexer::Pass(int64_t& batch) {
  TK_RETURN_IF_ERROR(Reconcile(false));
  std::vector<int64_t> apps;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(apps, AppsWithQueuedText(c));
    return Status::Ok();
  }));
  int64_t total = 0;
  for (int64_t app : apps) {
    for (;;) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return total;  // shutting down: the queue is durable, resume next start
      }
      const int64_t limit = batch;
      // Timed in CPU time of this thread: on a busy machine the wall time of a batch includes
      // the time other processes had the core, which shrank the batches to the minimum, and
      // small batches cost more per record (one FTS5 segment each, more merging).
      const auto start = ThreadCpuTime();
      TK_ASSIGN_OR_RETURN(int64_t indexed, IndexQueued(db_, app, limit));
      const auto took = ThreadCpuTime() - start;
      if (took > options_.target_transaction) {
        batch = std::max(options_.min_batch, batch / 2);
      } else if (took < options_.target_transaction / 2) {
        batch = std::min(options_.max_batch, batch * 2);
      }
      total += indexed;
      if (indexed < limit) break;
    }
  }
  return total;
}

Result<int64_t> FtsIndexer::DrainAll() {
  TK_RETURN_IF_ERROR(PrepareOnce());
  int64_t batch = options_.first_batch;
  int64_t total = 0;
  for (;;) {
    TK_ASSIGN_OR_RETURN(int64_t indexed, Pass(batch));
    if (indexed == 0) return total;
    total += indexed;
  }
}

void FtsIndexer::Run() {
  int64_t batch = options_.first_batch;
  auto wait = options_.idle_interval;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, wait, [this] { return stopping_; });
      if (stopping_) return;
    }
    wait = options_.idle_interval;
    Result<int64_t> indexed = Pass(batch);
    if (db_.TakeSearchDamage() && !started_over_) {
      // The search file is damaged (a disk error, a bad copy): it is derived data, so a new one
      // is filled from the records. Once per run: a damaged database, read through the same
      // connection, would otherwise have the file replaced again and again.
      started_over_ = true;
      common::LogError("search index damaged" +
                       (indexed.ok() ? std::string() : ": " + indexed.error().detail()));
      if (Status s = StartOver("damaged"); !s.ok()) {
        common::LogError("search index not replaced: " + s.error().detail());
      }
    } else if (!indexed.ok()) {
      // E.g. the disk is full or the file read-only: nothing was written (the transaction rolled
      // back); try again later rather than spin.
      common::LogWarn("search indexer: " + indexed.error().detail());
      wait = std::max<std::chrono::milliseconds>(wait, std::chrono::seconds(5));
    } else if (*indexed > 0) {
      wait = options_.pass_pause;  // more may have come meanwhile: gather it first
    }
  }
}

}  // namespace storage::sqlite

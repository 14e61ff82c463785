#include "storage/sqlite/fts_indexer.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <optional>
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
  TK_ASSIGN_OR_RETURN(auto rows,
                      c.Query("SELECT name FROM pragma_table_info(?)", {query::FtsDocTable(app)}));
  std::vector<int64_t> fields;
  for (const Row& row : rows) {
    if (auto id = IdBetween(row.Text(0), "f", "")) fields.push_back(*id);
  }
  return fields;
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

Result<int64_t> IndexQueued(Connection& c, int64_t app, int64_t limit) {
  const std::string records = query::RecordTable(app);
  const std::string pending = query::FtsPendingTable(app);
  const std::string doc = query::FtsDocTable(app);
  // The batch: re-read by every statement below, unchanged until the last one empties it (the
  // transaction holds the writer, so nothing else queues meanwhile).
  const std::string batch = "(SELECT id FROM " + pending + " ORDER BY id LIMIT ?)";
  const SqlValue n(limit);
  const Params p(&n, 1);
  TK_ASSIGN_OR_RETURN(auto counted, c.Query("SELECT count(*) FROM " + batch, p));
  const int64_t taken = counted.at(0).Int(0);
  if (taken == 0) return taken;
  TK_ASSIGN_OR_RETURN(std::vector<int64_t> fields, DocFields(c, app));
  std::string columns;
  for (int64_t field : fields) {
    const std::string fts = query::FtsTable(app, field);
    const std::string col = query::FieldColumn(field);
    columns += ", " + col;
    // Old terms out: exactly the text that was indexed, for the rows whose text changed.
    TK_RETURN_IF_ERROR(c.Execute(
        "INSERT INTO " + fts + "(" + fts + ", rowid, " + col + ") SELECT 'delete', d.id, d." + col +
            " FROM " + doc + " d WHERE d.id IN " + batch + " AND d." + col + " <> '' AND d." + col +
            " IS NOT (SELECT r." + col + " FROM " + records + " r WHERE r.id = d.id)",
        p));
    // New terms in: one statement for the batch, hence one FTS5 segment.
    TK_RETURN_IF_ERROR(
        c.Execute("INSERT INTO " + fts + "(rowid, " + col + ") SELECT r.id, r." + col + " FROM " +
                      records + " r WHERE r.id IN " + batch + " AND r." + col + " <> '' AND r." +
                      col + " IS NOT (SELECT d." + col + " FROM " + doc + " d WHERE d.id = r.id)",
                  p));
  }
  TK_RETURN_IF_ERROR(c.Execute("DELETE FROM " + doc + " WHERE id IN " + batch, p));
  TK_RETURN_IF_ERROR(c.Execute("INSERT INTO " + doc + "(id" + columns + ") SELECT id" + columns +
                                   " FROM " + records + " WHERE id IN " + batch,
                               p));
  TK_RETURN_IF_ERROR(c.Execute("DELETE FROM " + pending + " WHERE id IN " + batch, p));
  return taken;
}

Result<std::vector<int64_t>> AppsWithQueuedText(Connection& c) {
  TK_ASSIGN_OR_RETURN(auto tables,
                      c.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB "
                              "'r[0-9]*_fts_pending'"));
  std::vector<int64_t> apps;
  for (const Row& row : tables) {
    auto app = IdBetween(row.Text(0), "r", "_fts_pending");
    if (!app) continue;
    TK_ASSIGN_OR_RETURN(
        auto any, c.Query("SELECT EXISTS (SELECT 1 FROM " + query::FtsPendingTable(*app) + ")"));
    if (any.at(0).Int(0) != 0) apps.push_back(*app);
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

void FtsIndexer::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
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
  std::vector<int64_t> apps;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(apps, AppsWithQueuedText(c));
    return Status::Ok();
  }));
  int64_t total = 0;
  for (int64_t app : apps) {
    // Whether the last batch was full: more is queued than one batch holds.
    bool backlog = false;
    for (;;) {
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return total;  // shutting down: the queue is durable, resume next start
      }
      // Request writes first: a write queued behind a busy writer joins the next group, so
      // starting while requests wait would make them wait for this batch too. Let the queue
      // empty (briefly), then take a batch sized to last about `target_transaction`. With a
      // backlog, go straight for the writer: under a steady load the request queue never
      // empties, the indexer would get the writer only after each 20 ms wait, fall behind, and
      // every `like` pays for the queued records it reads instead. The writer serves waiting
      // writes in turn, so the indexer then holds it for about one batch in every other turn.
      for (int i = 0; !backlog && i < 20 && db_.queued_writes() > 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      const int64_t limit = batch;
      int64_t indexed = 0;
      // Timed inside the work: Write may first wait for, and then share a group with, request
      // writes, whose time says nothing about the batch size. And in CPU time of the thread
      // running it: on a busy machine the wall time of a batch includes the time other processes
      // had the core, which shrank the batches to the minimum, and small batches cost more per
      // record (one FTS5 segment each, more merging).
      std::chrono::nanoseconds took{};
      TK_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
        const auto start = ThreadCpuTime();
        TK_ASSIGN_OR_RETURN(indexed, IndexQueued(c, app, limit));
        took = ThreadCpuTime() - start;
        return Status::Ok();
      }));
      if (took > options_.target_transaction) {
        batch = std::max(options_.min_batch, batch / 2);
      } else if (took < options_.target_transaction / 2) {
        batch = std::min(options_.max_batch, batch * 2);
      }
      total += indexed;
      if (indexed < limit) break;
      backlog = true;
    }
  }
  return total;
}

Result<int64_t> FtsIndexer::DrainAll() {
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
    if (!indexed.ok()) {
      // E.g. the disk is full or the file read-only: nothing was written (the transaction rolled
      // back); try again later rather than spin.
      common::LogWarn("search indexer: " + indexed.error().detail());
      wait = std::max<std::chrono::milliseconds>(wait, std::chrono::seconds(5));
    } else if (*indexed > 0) {
      wait = std::chrono::milliseconds(0);  // more may have come meanwhile
    }
  }
}

}  // namespace storage::sqlite

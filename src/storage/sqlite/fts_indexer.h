// Background full-text indexing of top-level text fields (query/record_layout.h), in a file of
// its own.
//
// Record writes only queue ids in the database's r{A}_fts_pending, each time with a new random
// `gen` (fts_schema.h). FtsIndexer drains the queues in large batches into the search file
// through its own connection (SqliteDatabase::SearchWrite): beside the database's single writer,
// not taking turns with it, so that indexing uses the second core instead of holding up record
// writes (docs/benchmarks.md). A batch commits in the search file first, then takes its entries
// off the queue through the writer — only those whose `gen` is still the one it indexed: a record
// written again meanwhile stays queued.
//
// `like` stays exact throughout: it reads the queued records' current text and asks the index
// only for the others (query/compiler.h). Readers attach the search file as `search`, and a
// statement takes the database's snapshot before the search file's (SQLite begins them in the
// order attached), so a record off the queue is always found indexed. (The other way is possible
// for microseconds: a record written and indexed again between the two snapshots is matched by
// its newer text.)
//
// The search file is derived data. Both files hold the token of the last batch (search file:
// `sync`; database: `search_sync`). Different tokens at start — the file is missing, or was kept
// from another moment than a restored database — mean: empty it and queue every record again;
// `like` reads the queued text meanwhile. The one exception is a stop between a batch's two
// commits: the search file also keeps that batch's entries and its previous token
// (`last_batch`), and when the database is exactly as the batch left it (that token, every entry
// still queued with the gen that was indexed), Prepare takes the entries off instead.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "common/result.h"
#include "storage/database.h"

namespace storage::sqlite {

class SqliteDatabase;

// One batch of app `app`: re-indexes up to `limit` queued records (lowest ids first) in the
// search file — for each top-level text field whose text differs from what r{A}_fts_doc says
// was indexed, the old terms out and the new ones in (one statement per field for the whole
// batch, hence one FTS5 segment), r{A}_fts_doc brought up to date, deleted records' terms and doc
// rows gone — then takes them off the queue. Returns how many records it indexed.
common::Result<int64_t> IndexQueued(SqliteDatabase& db, int64_t app, int64_t limit);

// The apps whose queue is not empty; `schema` is where the queues are ("data" on the search
// connection).
common::Result<std::vector<int64_t>> AppsWithQueuedText(Connection& c,
                                                        const std::string& schema = "main");

// Queued records over every app (status, tests).
common::Result<int64_t> QueuedTextCount(Connection& c);

// On the search connection: the doc table of `app`, its columns and FTS tables for `fields`
// (top-level text fields), where missing. Never drops (FtsIndexer::Prepare does, for fields the
// database no longer lists).
common::Status PrepareSearchTables(Connection& search, int64_t app,
                                   const std::vector<int64_t>& fields);

// Converts apps created before background indexing: their top-level text fields' per-field
// triggers go, the queue, r{A}_fts_doc and the queue triggers come (all in the database, as
// before schema v14 moved them). Idempotent (apps with a queue are skipped); run in the
// migration's write transaction.
common::Status UpgradeToFtsQueue(Connection& c);

// Schema v11: the tokenizer emits bigrams plus the last character instead of a unigram and a
// bigram per character (ngram_tokenizer.h). Top-level text fields get new, empty FTS tables, an
// empty r{A}_fts_doc and every record id queued; FTS tables of text fields inside tables are
// rebuilt at once (their triggers re-tokenise old values on delete). Converts databases from
// before v10 first. Run in the migration's write transaction.
common::Status RequeueAllText(Connection& c);

// Schema v14: the top-level text fields' FTS tables and r{A}_fts_doc leave the database for the
// search file: dropped here, the fields listed in search_fields, the queue given its `gen` and
// its triggers again. The tokens differ afterwards, so the first start re-indexes everything in
// the background. Run in the migration's write transaction.
common::Status MoveSearchToOwnFile(Connection& c);

struct FtsIndexerOptions {
  // How long the indexer sleeps when every queue was empty (or after an error).
  std::chrono::milliseconds idle_interval{200};
  // Records per transaction: starts at `first_batch`, halves (down to `min_batch`) when a
  // transaction took longer than `target_transaction` of CPU time, doubles (up to `max_batch`)
  // when it took less than half of it. The larger the batch, the fewer FTS5 segments (one per
  // field per transaction) and merge levels: rebuilding 1M records' index took 24.1 s of CPU
  // with these values, 28.4 s with at most 10,000 records per 100 ms (docs/benchmarks.md). The
  // smaller, the sooner the queue that every `like` reads shrinks, and the less a deploy
  // (PrepareSearch) or shutdown waits for the batch in progress.
  int64_t first_batch = 1000;
  int64_t max_batch = 50000;
  int64_t min_batch = 50;
  std::chrono::milliseconds target_transaction{500};
  // While records keep coming, the pause after a pass that indexed some. Back to back, each
  // pass took the few thousand records written during the last one, one FTS5 segment per field
  // each, and merging those segments was a third of the indexing: with the pause a 100-record
  // POST costs 7-11% less CPU during a load (docs/benchmarks.md), and `like` reads at most the
  // last ~1 s of writes from the queue.
  std::chrono::milliseconds pass_pause{400};
};

// One thread, started and stopped by the composition root (Stop joins; call it before the
// database closes).
class FtsIndexer {
 public:
  FtsIndexer(SqliteDatabase& db, FtsIndexerOptions options) : db_(db), options_(options) {}
  ~FtsIndexer() { Stop(); }
  FtsIndexer(const FtsIndexer&) = delete;
  FtsIndexer& operator=(const FtsIndexer&) = delete;

  // Brings the search file in step with the database: on different tokens, or when the file
  // cannot be read, starts over (StartOver); then creates the tables of the fields the database
  // lists and drops those of fields it no longer lists. Run it before serving; Start and DrainAll
  // run it first when it has not run.
  common::Status Prepare();
  void Start();
  void Stop();

  // Drains every queue now, on the calling thread, in batches as the thread would; returns the
  // number of records indexed. For tests and maintenance; safe beside the thread.
  common::Result<int64_t> DrainAll();

 private:
  void Run();
  // Prepare, unless it has run.
  common::Status PrepareOnce();
  // One pass over the apps with queued records; how many records were indexed.
  common::Result<int64_t> Pass(int64_t& batch);
  // Drops the search tables of fields (and apps) the database no longer lists, creates missing
  // ones; when the database's schema changed since the last time (a deploy), or `force`.
  common::Status Reconcile(bool force);
  // Queues every record again, then replaces the search file with an empty one and creates its
  // tables (Reconcile): for a file that is missing, from another moment (a restore), or damaged
  // (then also while serving: reads stay exact, they read queued records' text).
  common::Status StartOver(const std::string& why);

  SqliteDatabase& db_;
  FtsIndexerOptions options_;
  std::thread thread_;
  std::mutex mutex_;  // guards stopping_, prepared_
  std::condition_variable wake_;
  bool stopping_ = false;
  bool prepared_ = false;
  bool started_over_ = false;       // for damage, this run (Run's thread only)
  int64_t reconciled_schema_ = -1;  // the database's schema_version at the last Reconcile
};

}  // namespace storage::sqlite

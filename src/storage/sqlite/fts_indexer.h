// Background full-text indexing of top-level text fields (query/record_layout.h): record writes
// only queue ids in r{A}_fts_pending; FtsIndexer drains the queues through the single writer in
// large batches, so FTS5 flushes one segment per field per batch instead of one per request.
// `like` stays exact meanwhile: it reads the queued records' current text (query/compiler.h).
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

// Re-indexes up to `limit` queued records of app `app` (lowest ids first) and takes them off the
// queue: for each top-level text field whose text differs from what r{A}_fts_doc says was
// indexed, the old terms are deleted and the new ones inserted (one statement per field for the
// whole batch), then r{A}_fts_doc is brought up to date. Deleted records lose their terms and doc
// row. Run inside a write transaction. Returns how many ids were taken off the queue.
common::Result<int64_t> IndexQueued(Connection& c, int64_t app, int64_t limit);

// The apps whose queue is not empty.
common::Result<std::vector<int64_t>> AppsWithQueuedText(Connection& c);

// Queued records over every app (status, tests).
common::Result<int64_t> QueuedTextCount(Connection& c);

// Converts apps created before background indexing: their top-level text fields' per-field
// triggers go, the queue, r{A}_fts_doc (a copy of the indexed text, which the triggers kept equal
// to the record table) and the queue triggers come. Their FTS tables keep naming r{A} as
// external content, which is never read: queries take rowids only and nothing rebuilds them.
// Idempotent (apps with a queue are skipped); run in a write transaction at start-up.
common::Status UpgradeToFtsQueue(Connection& c);

// Schema v11: the tokenizer emits bigrams plus the last character instead of a unigram and a
// bigram per character (ngram_tokenizer.h). Top-level text fields get new, empty FTS tables, an
// empty r{A}_fts_doc and every record id queued, so the indexer rebuilds them in the background
// while `like` stays exact through the queue; FTS tables of text fields inside tables are rebuilt
// at once (their triggers re-tokenise old values on delete). Converts databases from before v10
// first. Run in the migration's write transaction.
common::Status RequeueAllText(Connection& c);

struct FtsIndexerOptions {
  // How long the indexer sleeps when every queue was empty (or after an error).
  std::chrono::milliseconds idle_interval{200};
  // Records per transaction: starts at `first_batch`, halves (down to `min_batch`) when a
  // transaction took longer than `target_transaction` of CPU time (requests wait for the writer
  // meanwhile; on an idle machine CPU time is the wall time),
  // doubles (up to `max_batch`) when it took less than half of it. The larger the batch, the
  // fewer FTS5 segments (one per field per transaction) and merges.
  int64_t first_batch = 1000;
  int64_t max_batch = 10000;
  int64_t min_batch = 50;
  std::chrono::milliseconds target_transaction{50};
};

// One thread, started and stopped by the composition root (Stop joins; call it before the
// database closes). Each transaction goes through SqliteDatabase::Write, so it never races record
// writes; when request writes are queued for the writer it waits briefly for them to go first
// (unless its queue holds more than a batch: then it takes its turn at once, so that it keeps up
// under a steady load), and its batches are sized so that one transaction holds the writer for
// about `target_transaction`: a request waits at most about that long for the indexer.
class FtsIndexer {
 public:
  FtsIndexer(SqliteDatabase& db, FtsIndexerOptions options) : db_(db), options_(options) {}
  ~FtsIndexer() { Stop(); }
  FtsIndexer(const FtsIndexer&) = delete;
  FtsIndexer& operator=(const FtsIndexer&) = delete;

  void Start();
  void Stop();

  // Drains every queue now, on the calling thread, in batches as the thread would; returns the
  // number of records indexed. For tests and maintenance; safe beside the thread.
  common::Result<int64_t> DrainAll();

 private:
  void Run();
  // One pass over the apps with queued records; how many records were indexed.
  common::Result<int64_t> Pass(int64_t& batch);

  SqliteDatabase& db_;
  FtsIndexerOptions options_;
  std::thread thread_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace storage::sqlite

// The one definition of a text field's search index r{A}_f{K}_fts (query/record_layout.h): the
// FTS5 table over its content table, the triggers that keep a table field's index in step on
// every write or queue a record for the background indexer (top-level fields), plus the MATCH
// argument for `like`. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage::sqlite {

// For a text field inside a table (top-level fields: BackgroundFtsDdl below):
// CREATE VIRTUAL TABLE, its merge setting, and its three triggers (insert, delete, update of the
// column), in order.
// `content_table` is query::RecordTable(app) for top-level fields or
// query::SubtableTable(app, table) for fields inside a table — built from ids, never user text;
// its rowid column is `id` and the field's column f{K}. For a table that already has rows, run
// FtsRebuildSql afterwards.
//
//   CREATE VIRTUAL TABLE r1_f3_fts USING fts5(f3, content='r1', content_rowid='id',
//       tokenize='tsumiki', detail=full, columnsize=0)
//
// detail=full because phrase queries need token positions; columnsize=0 because nothing ranks
// by bm25 (kintone orders by fields or $id), which saves a row per record.
//
// Cost of the triggers: inside a transaction, every statement that fires them opens a statement
// savepoint, and FTS5 (SQLite 3.40) flushes its pending terms to a new segment at each one. One
// INSERT per record in a 100-record transaction runs ~3x slower than one 100-row INSERT
// (bench/micro/search_bench.cpp, BM_FtsInsert): write batches as multi-row statements.
//
// Merging: FTS5 writes one small segment per table per statement and merges `automerge`
// segments of a level into the next. Each merge level rewrites every token once more, so the
// merges cost (number of levels) x (what was written); with 8 instead of FTS5's default 4 there
// are ~1/3 fewer levels (log8 vs log4 of the number of segments), for up to 7 instead of 3
// segments per level that a MATCH looks a term up in.
std::vector<std::string> FtsDdl(int64_t app, int64_t field, std::string_view content_table);
inline constexpr int kFtsAutomerge = 8;

// Drops the triggers and the FTS table (field deleted, or no longer a text type).
std::vector<std::string> FtsDropDdl(int64_t app, int64_t field);

// ---- Top-level text fields: indexed in the background (fts_indexer.h) ----
//
// A record write only queues the record's id in r{A}_fts_pending (triggers below, in the write's
// own transaction, so the queue is as durable as the record), each time with a new random `gen`;
// FtsIndexer later re-indexes queued records in large batches, in the search file, and takes off
// the queue only the entries whose `gen` it indexed (a record written again meanwhile stays
// queued). Deletes go through the queue too: an FTS5 'delete' re-tokenises the old text and
// costs as much as indexing it, and `like` already ignores the index for queued ids, so a
// deleted record is invisible the moment its transaction commits either way.

// The queue of an app, in the database (IF NOT EXISTS: idempotent).
std::vector<std::string> FtsQueueDdl(int64_t app);

// In the search file: the indexed-text table r{A}_fts_doc (IF NOT EXISTS), the FTS tables'
// content: what each record's fields held when indexed, which the next 'delete' must repeat.
std::string FtsDocDdl(int64_t app);

// CREATE VIRTUAL TABLE over r{A}_fts_doc (no triggers) and the doc table's column for the field.
std::vector<std::string> BackgroundFtsDdl(int64_t app, int64_t field);
// The CREATE VIRTUAL TABLE and its merge setting alone (the doc column exists).
std::vector<std::string> BackgroundFtsTableDdl(int64_t app, int64_t field);

// Drops the FTS table of a top-level field and its column of r{A}_fts_doc.
std::vector<std::string> BackgroundFtsDropDdl(int64_t app, int64_t field);

// Drops the queue triggers on r{A} and, when `text_fields` (the top-level text fields' ids) is
// not empty, creates them again for these columns: insert and delete queue the id; an update
// queues it when the id or one of these columns changed. Queueing an id gives it a new `gen`.
// Run before any column of r{A} is dropped or renamed (SQLite checks triggers then) and after
// the form's columns are final.
std::vector<std::string> FtsQueueTriggerDdl(int64_t app, const std::vector<int64_t>& text_fields);

// Re-indexes every row of the content table: after FtsDdl on a table with rows, and after any
// change to the tokenizer or to NormalizeForSearch (the 'delete' trigger re-tokenises old values,
// which must give the tokens that were indexed).
std::string FtsRebuildSql(int64_t app, int64_t field);

// "SELECT rowid FROM r1_f3_fts WHERE r1_f3_fts MATCH ?": the ids (record ids, or row ids for
// subtable fields) whose text contains the term bound as FtsPhrase(term).
std::string FtsMatchSql(int64_t app, int64_t field);

// The MATCH argument for `like term`: the term as one FTS5 phrase ("..." with '"' doubled, a
// prefix query "c"* for one character; query::SqliteDialect::FullTextPattern). nullopt when the
// term normalises to nothing (blank, or only ignorable characters): every value contains it, so the
// caller must not ask the index (an empty phrase matches nothing).
std::optional<std::string> FtsPhrase(std::string_view term);

}  // namespace storage::sqlite

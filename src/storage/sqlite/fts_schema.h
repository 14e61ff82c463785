// The one definition of a text field's search index r{A}_f{K}_fts (query/record_layout.h): the
// FTS5 table over its content table and the triggers that keep it in step on every write, plus
// the MATCH argument for `like`. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage::sqlite {

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

// Re-indexes every row of the content table: after FtsDdl on a table with rows, and after any
// change to the tokenizer or to NormalizeForSearch (the 'delete' trigger re-tokenises old values,
// which must give the tokens that were indexed).
std::string FtsRebuildSql(int64_t app, int64_t field);

// "SELECT rowid FROM r1_f3_fts WHERE r1_f3_fts MATCH ?": the ids (record ids, or row ids for
// subtable fields) whose text contains the term bound as FtsPhrase(term).
std::string FtsMatchSql(int64_t app, int64_t field);

// The MATCH argument for `like term`: the term as one FTS5 phrase ("..." with '"' doubled).
// nullopt when the term normalises to nothing (blank, or only ignorable characters): every value
// contains it, so the caller must not ask the index (an empty phrase matches nothing).
std::optional<std::string> FtsPhrase(std::string_view term);

}  // namespace storage::sqlite

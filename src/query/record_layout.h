// The record-table layout: how an app's records map onto SQL tables and columns. This is the
// contract between the query compiler (which reads it) and storage (whose migrations and
// deploy create it). Identifiers are generated from integer ids only, never from user text.
//
//   r{A}            one row per record
//     id INTEGER PRIMARY KEY        $id / RECORD_NUMBER
//     revision INTEGER NOT NULL     $revision
//     creator, modifier INTEGER     user ids (CREATOR/MODIFIER sort by user id, as kintone does)
//     created_at, updated_at INTEGER unix seconds, minute-truncated
//     status TEXT                   process-management state name (NULL when disabled)
//     assignees TEXT '[]'           JSON array of user ids
//     f{K} ...                      one or two columns per field K, by field type (below)
//   r{A}_t{K}       rows of subtable K: id INTEGER PRIMARY KEY (row id, unique in the app),
//                   record_id INTEGER, pos INTEGER, then f{J} columns of its inner fields
//   r{A}_mv         side index of multi-valued fields for `in`:
//                   (field_id INTEGER, value, record_id INTEGER, row_id INTEGER), row_id 0 at top
//                   level; value is the option name (TEXT) or the entity id (INTEGER);
//                   STATUS_ASSIGNEE uses field_id kAssigneesFieldId, CATEGORY its own field id
//   r{A}_f{K}_fts   FTS5 over text field K (column f{K}), tokenised by the `tsumiki` n-gram
//                   tokenizer; rowid = record id or row id. For a field in a table: in the
//                   database, external content r{A}_t{S}, kept by triggers as rows are written.
//                   For a top-level field: in the search file (below), external content
//                   r{A}_fts_doc.
//   r{A}_history    (record_id, revision, user_id, at, action, diff JSON)
//
// Full-text indexing of top-level text fields happens in the background, off the write request,
// into a file of its own (storage/sqlite/fts_indexer.h), attached to every connection as
// `search` (SearchTable):
//   r{A}_fts_pending  (id INTEGER PRIMARY KEY, gen INTEGER): in the database, the records whose
//                     top-level text was inserted, changed or deleted since the indexer last
//                     indexed them; written by triggers on r{A} in the record's own transaction,
//                     with a new random gen each time. The r{A}_f{K}_fts of top-level fields are
//                     exact for every id NOT in it; `like` scans the pending ids' current text.
//   search_fields     (app, field): in the database, the top-level text fields the search file
//                     indexes, written by deploy.
//   r{A}_fts_doc      (id INTEGER PRIMARY KEY, f{K} TEXT ...): in the search file, the text of
//                     each top-level text field as last indexed, which FTS5 needs to delete a
//                     row's old terms; the external content of those FTS tables.
//
// Columns per field type:
//   SINGLE_LINE_TEXT LINK MULTI_LINE_TEXT RICH_TEXT  f{K} TEXT NOT NULL DEFAULT ''
//   NUMBER CALC          f{K} TEXT NOT NULL DEFAULT '' (canonical decimal, exact)
//                        f{K}_n REAL (NULL when empty; ranges and sorting)
//   DROP_DOWN RADIO_BUTTON  f{K} TEXT (NULL when nothing selected)
//   DATE                 f{K} TEXT 'YYYY-MM-DD' or NULL
//   TIME                 f{K} TEXT 'HH:MM' or NULL
//   DATETIME             f{K} INTEGER unix seconds (minute precision) or NULL
//   CHECK_BOX MULTI_SELECT  f{K} TEXT NOT NULL DEFAULT '[]' JSON array of option names; + r{A}_mv
//   USER/ORGANIZATION/GROUP_SELECT  f{K} TEXT NOT NULL DEFAULT '[]' JSON array of entity ids; +
//   r{A}_mv FILE                 f{K} TEXT NOT NULL DEFAULT '[]' JSON array of file objects
//   SUBTABLE             no column; table r{A}_t{K}
//   system fields        the fixed columns above; REFERENCE_TABLE, GROUP, LABEL, SPACER, HR: none
#pragma once

#include <cstdint>
#include <string>

namespace query {

inline std::string RecordTable(int64_t app) { return "r" + std::to_string(app); }
inline std::string SubtableTable(int64_t app, int64_t table_field) {
  return RecordTable(app) + "_t" + std::to_string(table_field);
}
inline std::string MultiValueTable(int64_t app) { return RecordTable(app) + "_mv"; }
inline std::string HistoryTable(int64_t app) { return RecordTable(app) + "_history"; }
inline std::string FtsTable(int64_t app, int64_t field) {
  return RecordTable(app) + "_f" + std::to_string(field) + "_fts";
}
// A table of the search file (top-level text fields' FTS tables and r{A}_fts_doc), which every
// connection but the search indexer's attaches as `search` (storage/sqlite/fts_indexer.h).
inline std::string SearchTable(const std::string& table) { return "search." + table; }
inline std::string FtsPendingTable(int64_t app) { return RecordTable(app) + "_fts_pending"; }
inline std::string FtsDocTable(int64_t app) { return RecordTable(app) + "_fts_doc"; }
inline std::string FieldColumn(int64_t field) { return "f" + std::to_string(field); }
inline std::string NumericColumn(int64_t field) { return FieldColumn(field) + "_n"; }

// The r{A}_mv field_id of STATUS_ASSIGNEE (assignees are not a numbered field).
inline constexpr int64_t kAssigneesFieldId = -1;

}  // namespace query

#include "query/sqlite_dialect.h"

#include <algorithm>

#include "common/normalize.h"
#include "query/record_layout.h"

namespace query {

std::string SqliteDialect::Placeholder(size_t) const { return "?"; }

std::string SqliteDialect::NotTrue(std::string_view condition) const {
  // Comparisons yield 0, 1 or NULL; `IS NOT 1` is true for both 0 and NULL.
  return "(" + std::string(condition) + ") IS NOT 1";
}

std::string SqliteDialect::IsBlank(std::string_view expr) const {
  return "trim(" + std::string(expr) + ", char(32, 9, 10, 13)) = ''";
}

std::string SqliteDialect::OrderTerm(std::string_view expr, bool descending) const {
  // SQLite already orders NULL before every value.
  return std::string(expr) + (descending ? " DESC" : " ASC");
}

std::string SqliteDialect::BinaryText(std::string_view expr) const {
  // Record columns use the default BINARY collation: memcmp of UTF-8 = code point order.
  return std::string(expr);
}

std::string SqliteDialect::FullTextIds(int64_t app, int64_t field,
                                       std::string_view placeholder) const {
  const std::string table = FtsTable(app, field);
  return "SELECT rowid FROM " + table + " WHERE " + table + " MATCH " + std::string(placeholder);
}

std::string SqliteDialect::BackgroundFullTextIds(int64_t app, int64_t field,
                                                 std::string_view placeholder) const {
  // In the search file, attached as `search` (storage/sqlite/fts_indexer.h); the MATCH column is
  // the hidden one named after the table.
  const std::string table = FtsTable(app, field);
  return "SELECT rowid FROM " + SearchTable(table) + " WHERE " + table + " MATCH " +
         std::string(placeholder);
}

std::string SqliteDialect::FullTextPattern(std::string_view text) const {
  // One FTS5 phrase: the tokenizer n-grams both sides, so a phrase match is a substring match.
  // Documents carry bigrams and only their last character alone (storage/sqlite/
  // ngram_tokenizer.h), so a term of one character after normalisation is a prefix query: the
  // bigrams starting with it, or the last character.
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  const std::string folded = common::NormalizeForSearch(text);
  const auto code_points = std::count_if(folded.begin(), folded.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // not a UTF-8 continuation byte
  });
  if (code_points == 1) out += '*';
  return out;
}

std::string SqliteDialect::PendingFullTextIds(int64_t app) const {
  return "SELECT id FROM " + FtsPendingTable(app);
}

std::string SqliteDialect::ContainsText(std::string_view expr, std::string_view placeholder) const {
  // Registered on every connection with the tokenizer (storage/sqlite/ngram_tokenizer.h): the
  // normalised text contains the normalised search text, which is what a phrase match means.
  return "tsumiki_contains(" + std::string(expr) + ", " + std::string(placeholder) + ")";
}

SqlDialect::FullTextDriver SqliteDialect::DriveByFullText(int64_t app, int64_t field,
                                                          std::string_view placeholder) const {
  // FTS5 consumes ORDER BY rowid (ascending or descending) and stops at the LIMIT; its MATCH
  // column is the hidden one named after the table.
  const std::string table = FtsTable(app, field);
  FullTextDriver d;
  d.from = SearchTable(table) + " f JOIN " + RecordTable(app) + " r ON r.id = f.rowid";
  d.index_from = SearchTable(table) + " f";
  d.match = "f." + table + " MATCH " + std::string(placeholder);
  d.id = "f.rowid";
  return d;
}

std::string SqliteDialect::DateOfInstant(std::string_view expr) const {
  return "date(" + std::string(expr) + ", 'unixepoch')";
}

std::string SqliteDialect::DateBucket(std::string_view expr, TimeBucket bucket) const {
  const std::string e(expr);
  switch (bucket) {
    case TimeBucket::kWeek:
      // Back six days, then forward to the next Sunday: the Sunday on or before the date.
      return "date(" + e + ", '-6 days', 'weekday 0')";
    case TimeBucket::kMonth:
      return "substr(" + e + ", 1, 7)";
    case TimeBucket::kYear:
      return "substr(" + e + ", 1, 4)";
    case TimeBucket::kNone:
    case TimeBucket::kDay:
      break;
  }
  return e;
}

}  // namespace query

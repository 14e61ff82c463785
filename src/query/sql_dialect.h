// What differs between the SQL databases the compiler targets (placeholders, NULL-safe
// negation, trimming, ordering of empties, full-text search), so PostgreSQL can be added
// beside SQLite. Implementations are stateless and thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace query {

// Calendar buckets of dates and instants (aggregates).
enum class TimeBucket { kNone, kDay, kWeek, kMonth, kYear };

class SqlDialect {
 public:
  virtual ~SqlDialect() = default;
  // The placeholder of the index-th (1-based) parameter of a statement: "?" or "$3".
  virtual std::string Placeholder(size_t index) const = 0;
  // True when the boolean `condition` is false or NULL (the complement of a WHERE filter).
  virtual std::string NotTrue(std::string_view condition) const = 0;
  // True when text `expr` is empty once spaces, tabs, CR and LF are trimmed.
  virtual std::string IsBlank(std::string_view expr) const = 0;
  // One ORDER BY term; NULL sorts first ascending and last descending (kintone's empties).
  virtual std::string OrderTerm(std::string_view expr, bool descending) const = 0;
  // `expr` compared and sorted by code point.
  virtual std::string BinaryText(std::string_view expr) const = 0;
  // A SELECT of the subtable row ids whose text field `field` (in a table) of app `app`
  // contains the search text bound at `placeholder`.
  virtual std::string FullTextIds(int64_t app, int64_t field,
                                  std::string_view placeholder) const = 0;
  // The same for a top-level text field, whose index the background indexer keeps: the record
  // ids it has indexed with that text (stale for PendingFullTextIds).
  virtual std::string BackgroundFullTextIds(int64_t app, int64_t field,
                                            std::string_view placeholder) const = 0;
  // The value to bind at that placeholder for a substring search of `text`.
  virtual std::string FullTextPattern(std::string_view text) const = 0;
  // A SELECT of the ids of app `app`'s records whose top-level text changed since the
  // background indexer last indexed them: the full-text index is stale for exactly these.
  virtual std::string PendingFullTextIds(int64_t app) const = 0;
  // True when text `expr` contains the search text bound at `placeholder` (bound as the plain
  // text, not FullTextPattern), compared with the full-text index's normalisation.
  virtual std::string ContainsText(std::string_view expr, std::string_view placeholder) const = 0;

  // A query driven by the full-text index of top-level text field `field`: the index yields
  // the matching record ids in id order, so `order by $id … limit n` reads n matches instead of
  // collecting and sorting every one.
  struct FullTextDriver {
    std::string from;        // the index joined to the record table (alias r)
    std::string index_from;  // the index alone, when it holds the whole condition (counting)
    std::string match;       // the condition on the index, with the pattern at `placeholder`
    std::string id;          // the index's record id, to order by
  };
  virtual FullTextDriver DriveByFullText(int64_t app, int64_t field,
                                         std::string_view placeholder) const = 0;

  // The UTC date ('YYYY-MM-DD') of integer unix seconds `expr` (shift it first for a zone).
  virtual std::string DateOfInstant(std::string_view expr) const = 0;
  // Date text `expr` as the text key of its bucket: the day itself, the Sunday its week
  // starts on, 'YYYY-MM' or 'YYYY'.
  virtual std::string DateBucket(std::string_view expr, TimeBucket bucket) const = 0;
};

}  // namespace query

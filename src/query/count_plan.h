// A query's condition as a count over in-memory columns (storage/count_index.h), for
// totalCount in milliseconds: a million records are counted by scanning a few arrays instead
// of an index with a million entries. Built by the compiler next to the SQL, only when every
// predicate is one the columns answer exactly as the SQL does (predicate_compiler.cpp);
// otherwise there is no plan and the count runs in SQL. Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/sql_value.h"
#include "query/bound_query.h"
#include "query/field_rules.h"
#include "query/sql_dialect.h"

namespace query {

// How a column's SQL values become the int64 the count columns hold, chosen so that int64
// order is the SQL order and equality is SQL equality.
enum class CountKind : uint8_t {
  kInteger,  // INTEGER columns: ids, users, unix seconds
  kReal,     // NUMBER's REAL f{K}_n: the IEEE bits, reordered
  kDate,     // 'YYYY-MM-DD' -> YYYYMMDD
  kTime,     // 'HH:MM' -> minutes
  kChoice,   // option names: codes of a per-column dictionary, assigned as values appear
};

// SQL NULL (an empty field). No encoded value equals it.
inline constexpr int64_t kCountNull = std::numeric_limits<int64_t>::min();

struct CountColumn {
  std::string name;  // column of r{A}: "f20", "f19_n", "status", "created_at"; "id" is the slot
  CountKind kind = CountKind::kInteger;
  auto operator<=>(const CountColumn&) const = default;
};

// The column that holds a top-level field of these rules; nullopt when the columns cannot
// (text, multi-valued, file, revision, assignees).
std::optional<CountColumn> CountColumnOf(const FieldInfo& field, const FieldRules& rules);

// A value of an ordered kind as its int64 (kCountNull for NULL); nullopt when the value is not
// one the kind encodes exactly (a malformed date, text in a number column, an integer beyond
// 2^53 against a REAL column): then the count cannot be answered from the columns.
std::optional<int64_t> EncodeCountValue(CountKind kind, const common::SqlValue& value);

// One predicate in positive form: a non-NULL value in one of `ranges` (inclusive, encoded),
// or equal to one of `choices` (kChoice), or NULL when `null_matches`. `negated`: the
// complement among existing records (SQL's `IS NOT 1`: NULL values match).
struct CountTerm {
  CountColumn column;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  std::vector<std::string> choices;
  bool null_matches = false;
  bool negated = false;
};

struct CountPlan {
  enum class Kind { kAll, kTerm, kAnd, kOr };
  Kind kind = Kind::kAll;
  CountTerm term;
  std::vector<CountPlan> children;

  // Every column the plan reads, each once.
  std::vector<CountColumn> Columns() const;
};

// The plan of `bound`'s condition (kAll when it has none); nullptr when any part of it has no
// exact column form (text, multi-valued, subtable, full-text or revision predicates, …).
std::shared_ptr<const CountPlan> BuildCountPlan(const BoundQuery& bound);
std::shared_ptr<const CountPlan> BuildCountPlan(const BoundCondition* condition);

// A group key of an aggregate counted from the columns: a choice (its option name, "" when
// empty) or a DATE bucketed by day, week (the Sunday on or before), month or year, as
// aggregate_compiler.cpp's SQL writes them.
struct CountGroup {
  CountColumn column;
  TimeBucket bucket = TimeBucket::kNone;
};

}  // namespace query

// The syntax tree of one kintone query (§6.1), as parsed and before any field is looked up.
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace query {

enum class Op {
  kEq,
  kNe,
  kGt,
  kLt,
  kGe,
  kLe,
  kIn,
  kNotIn,
  kLike,
  kNotLike,
  kIsEmpty,
  kIsNotEmpty,
};

// The operator as kintone spells it in messages: "=", "not in", "is empty", …
std::string_view OpText(Op op);

// `code`, `$id`, or `related.code` (then `related` holds the related-records field code).
struct FieldRef {
  std::string code;
  std::string related;
  bool operator==(const FieldRef&) const = default;
  std::string ToString() const { return related.empty() ? code : related + "." + code; }
};

// NAME(arg, …): arguments are integers ("5", "-1") or symbols ("DAYS", "LAST"), as written.
struct FunctionCall {
  std::string name;  // upper-cased
  std::vector<std::string> args;
  bool operator==(const FunctionCall&) const = default;
};

struct Value {
  enum class Kind { kString, kNumber, kFunction };
  Kind kind = Kind::kString;
  std::string text;  // kString: unescaped contents; kNumber: the literal as written
  FunctionCall function;
  bool operator==(const Value&) const = default;
};

struct Predicate {
  FieldRef field;
  Op op = Op::kEq;
  std::vector<Value> values;  // one for comparisons and like, ≥1 for in, none for is (not) empty
  bool operator==(const Predicate&) const = default;
};

// A predicate, or an and/or over two or more children (and binds tighter than or).
struct Condition {
  enum class Kind { kPredicate, kAnd, kOr };
  Kind kind = Kind::kPredicate;
  Predicate predicate;
  std::vector<Condition> children;
  bool operator==(const Condition&) const = default;
};

struct SortKey {
  FieldRef field;
  bool descending = false;
  bool operator==(const SortKey&) const = default;
};

struct Query {
  std::optional<Condition> condition;
  std::vector<SortKey> order_by;
  std::optional<int64_t> limit;  // as written; negative values are kept for the binder to reject
  std::optional<int64_t> offset;
};

}  // namespace query

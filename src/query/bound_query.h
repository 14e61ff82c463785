// A query after binding: field codes resolved to typed fields, values checked and converted to
// what the record table stores (ids, unix seconds, dates, option names). Input to the compiler.
// Plain values; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/sql_value.h"
#include "query/ast.h"
#include "query/field_rules.h"
#include "query/schema.h"

namespace query {

// One value of a predicate, in storage terms.
struct Operand {
  enum class Kind {
    kEmpty,    // "": no value
    kPoint,    // exactly `value`
    kRange,    // `value` .. `last` (a date function, or a date literal against an instant)
    kNothing,  // an unknown entity code: matches no stored value
  };
  Kind kind = Kind::kPoint;
  common::SqlValue value;
  common::SqlValue last;
  bool last_exclusive = false;  // instants: [value, last); dates: [value, last]
};

struct BoundPredicate {
  FieldInfo field;
  const FieldRules* rules = nullptr;
  Op op = Op::kEq;
  std::vector<Operand> operands;  // like: one kPoint with the search text
  bool ignored = false;           // PRIMARY_ORGANIZATION() without one: every record passes

  bool in_subtable() const { return field.subtable_id != 0; }
};

struct BoundCondition {
  Condition::Kind kind = Condition::Kind::kPredicate;
  BoundPredicate predicate;
  std::vector<BoundCondition> children;
};

struct BoundSortKey {
  FieldInfo field;
  const FieldRules* rules = nullptr;
  bool descending = false;
};

struct BoundQuery {
  std::optional<BoundCondition> condition;
  std::vector<BoundSortKey> order_by;
  int64_t limit = 100;
  int64_t offset = 0;
};

}  // namespace query

// Emits a bound condition tree as one WHERE expression over the record alias `r`, applying
// kintone's subtable semantics (§6.3): positive predicates need one matching row, and those
// joined by `and` on the same table the same row; negative ones need rows, all complying.
// Not thread-safe; one per fragment.
#pragma once

#include <cstdint>
#include <vector>

#include "query/bound_query.h"
#include "query/predicate_compiler.h"
#include "query/sql_builder.h"

namespace query {

class ConditionCompiler {
 public:
  explicit ConditionCompiler(int64_t app)
      : app_(app), record_(app, RowScope::Record()), row_(app, RowScope::SubtableRow()) {}

  void Emit(const BoundCondition& condition, SqlBuilder& b) const;

 private:
  void EmitAnd(const std::vector<BoundCondition>& children, SqlBuilder& b) const;
  void EmitOr(const std::vector<BoundCondition>& children, SqlBuilder& b) const;
  void EmitPredicate(const BoundPredicate& p, SqlBuilder& b) const;
  // r.id IN (rows of the subtable satisfying every predicate in `group`).
  void EmitSameRow(const std::vector<const BoundPredicate*>& group, SqlBuilder& b) const;

  int64_t app_;
  PredicateCompiler record_;
  PredicateCompiler row_;
};

}  // namespace query

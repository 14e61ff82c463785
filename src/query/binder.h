// Binds a parsed query to an app: resolves field codes through SchemaLookup, enforces the
// operator, option, function, sort and paging rules of §6 (with kintone's error codes), and
// converts values to storage terms. One instance per compile call; not thread-safe.
#pragma once

#include <vector>

#include "common/result.h"
#include "query/ast.h"
#include "query/bound_query.h"
#include "query/operand_binder.h"
#include "query/schema.h"

namespace query {

class Binder {
 public:
  Binder(const SchemaLookup& schema, const QueryContext& context)
      : schema_(schema), context_(context), operands_(context) {}

  // Condition, sort keys, then limit (GAIA_QU01 above max_limit) and offset (GAIA_QU02);
  // a negative limit or offset is CB_VA01 on "query". Default limit 100.
  common::Result<BoundQuery> BindQuery(const Query& query);
  common::Result<BoundCondition> BindCondition(const Condition& condition);
  common::Result<std::vector<BoundSortKey>> BindSortKeys(const std::vector<SortKey>& keys);

 private:
  common::Result<FieldInfo> Resolve(const FieldRef& ref) const;
  common::Result<BoundPredicate> BindPredicate(const Predicate& predicate);

  const SchemaLookup& schema_;
  const QueryContext& context_;
  OperandBinder operands_;
};

}  // namespace query

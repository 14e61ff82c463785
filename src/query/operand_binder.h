// Converts the values of one predicate into storage terms (Operand): entity codes to ids,
// date-times to unix seconds at minute precision, date functions to ranges in the caller's
// time zone. One instance per compile call; not thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "common/result.h"
#include "common/time_zone.h"
#include "query/ast.h"
#include "query/bound_query.h"
#include "query/field_rules.h"
#include "query/schema.h"

namespace query {

class OperandBinder {
 public:
  explicit OperandBinder(const QueryContext& context) : context_(context) {}

  // The operands of `predicate` for `field`; sets `ignored` when PRIMARY_ORGANIZATION() is
  // listed and the caller has none (the predicate then passes every record).
  common::Result<std::vector<Operand>> Bind(const Predicate& predicate, const FieldInfo& field,
                                            const FieldRules& rules, bool& ignored);

 private:
  common::Result<Operand> BindValue(const Value& value, Op op, const FieldInfo& field,
                                    const FieldRules& rules, bool& ignored);
  common::Result<Operand> BindFunction(const FunctionCall& call, const FieldInfo& field,
                                       const FieldRules& rules, bool& ignored);
  common::Result<Operand> BindLiteral(const std::string& text, const FieldRules& rules);
  common::Result<Operand> BindDateTime(const std::string& text);
  common::Result<const common::TimeZone*> Zone();

  const QueryContext& context_;
  std::optional<common::TimeZone> zone_;
};

}  // namespace query

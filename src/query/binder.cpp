#include "query/binder.h"

#include <algorithm>

#include "query/lexer.h"

namespace query {
namespace {

using common::Error;
using common::ErrorCode;
using common::FieldType;

constexpr int64_t kDefaultLimit = 100;

// 10000 -> "10,000", as kintone's GAIA_QU02 message shows it.
std::string WithThousands(int64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool ChecksValues(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kIn || op == Op::kNotIn;
}

FieldInfo PseudoField(std::string code, FieldType type) {
  FieldInfo f;
  f.label = code;
  f.code = std::move(code);
  f.type = type;
  return f;
}

Error NotYetSupported(std::string what) { return Error(ErrorCode::kNotYetSupported, {what}); }

}  // namespace

common::Result<FieldInfo> Binder::Resolve(const FieldRef& ref) const {
  if (!ref.related.empty()) {
    const FieldInfo* related = schema_.Find(ref.related);
    if (related == nullptr) return Error(ErrorCode::kQueryFieldNotFound, {ref.related});
    if (related->type != FieldType::kReferenceTable) {
      return Error(ErrorCode::kNotRelatedRecords, {ref.related});
    }
    return NotYetSupported("related records query");
  }
  if (ref.code == "$id") return PseudoField("$id", FieldType::kId);
  if (ref.code == "$revision") return PseudoField("$revision", FieldType::kRevision);
  const FieldInfo* field = schema_.Find(ref.code);
  if (field == nullptr) return Error(ErrorCode::kQueryFieldNotFound, {ref.code});
  return *field;
}

common::Result<BoundPredicate> Binder::BindPredicate(const Predicate& predicate) {
  BoundPredicate bound;
  TK_ASSIGN_OR_RETURN(bound.field, Resolve(predicate.field));
  bound.op = predicate.op;
  const FieldInfo& field = bound.field;
  const std::string op_text(OpText(predicate.op));
  bound.rules = RulesFor(field.type);
  if (bound.rules == nullptr) {
    return Error(ErrorCode::kOperatorNotAllowed, {field.code, op_text});
  }
  if (field.type == FieldType::kCalc) return NotYetSupported("CALC");
  const FieldRules& rules = *bound.rules;

  // Option values are checked before the operator (kintone answers IQ10 for `radio = "nope"`).
  if (rules.checks_options && ChecksValues(predicate.op)) {
    for (const Value& v : predicate.values) {
      if (v.kind == Value::Kind::kFunction) continue;
      if (v.text.empty() && rules.accepts_empty_option) continue;
      if (std::find(field.options.begin(), field.options.end(), v.text) == field.options.end()) {
        return Error(ErrorCode::kQueryOptionNotFound, {field.code, v.text});
      }
    }
  }
  if (!Allows(rules, predicate.op)) {
    return Error(ErrorCode::kOperatorNotAllowed, {field.code, op_text});
  }
  if (field.subtable_id != 0 && (predicate.op == Op::kEq || predicate.op == Op::kNe)) {
    return Error(ErrorCode::kTableOperatorNotAllowed, {field.code, op_text});
  }
  if (rules.storage == Storage::kFile &&
      (predicate.op == Op::kLike || predicate.op == Op::kNotLike)) {
    return NotYetSupported("FILE like");
  }
  TK_ASSIGN_OR_RETURN(bound.operands, operands_.Bind(predicate, field, rules, bound.ignored));
  return bound;
}

common::Result<BoundCondition> Binder::BindCondition(const Condition& condition) {
  BoundCondition out;
  out.kind = condition.kind;
  if (condition.kind == Condition::Kind::kPredicate) {
    TK_ASSIGN_OR_RETURN(out.predicate, BindPredicate(condition.predicate));
    return out;
  }
  out.children.reserve(condition.children.size());
  for (const Condition& child : condition.children) {
    TK_ASSIGN_OR_RETURN(BoundCondition c, BindCondition(child));
    out.children.push_back(std::move(c));
  }
  return out;
}

common::Result<std::vector<BoundSortKey>> Binder::BindSortKeys(const std::vector<SortKey>& keys) {
  std::vector<BoundSortKey> out;
  out.reserve(keys.size());
  for (const SortKey& key : keys) {
    BoundSortKey bound;
    TK_ASSIGN_OR_RETURN(bound.field, Resolve(key.field));
    bound.rules = RulesFor(bound.field.type);
    bound.descending = key.descending;
    if (bound.rules == nullptr || !bound.rules->sortable || bound.field.subtable_id != 0) {
      return Error(ErrorCode::kUnsortable, {bound.field.label});
    }
    if (bound.field.type == FieldType::kCalc) return NotYetSupported("CALC");
    out.push_back(std::move(bound));
  }
  return out;
}

common::Result<BoundQuery> Binder::BindQuery(const Query& query) {
  BoundQuery out;
  if (query.condition) {
    TK_ASSIGN_OR_RETURN(out.condition, BindCondition(*query.condition));
  }
  TK_ASSIGN_OR_RETURN(out.order_by, BindSortKeys(query.order_by));
  out.limit = query.limit.value_or(kDefaultLimit);
  out.offset = query.offset.value_or(0);
  if (out.limit < 0 || out.offset < 0) return QuerySyntaxError("negative limit or offset");
  if (out.limit > context_.max_limit) {
    return Error(ErrorCode::kLimitTooLarge, {WithThousands(context_.max_limit)});
  }
  if (out.offset > context_.max_offset) {
    return Error(ErrorCode::kOffsetTooLarge, {WithThousands(context_.max_offset)});
  }
  return out;
}

}  // namespace query

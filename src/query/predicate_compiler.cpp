#include "query/predicate_compiler.h"

#include "query/record_layout.h"

namespace query {
namespace {

bool IsMultiValued(const FieldRules& rules) {
  return rules.storage == Storage::kMultiText || rules.storage == Storage::kMultiEntity;
}

struct OperandCounts {
  size_t points = 0;
  bool empty = false;
  size_t ranges = 0;
  size_t terms() const { return (points > 0 ? 1 : 0) + (empty ? 1 : 0) + ranges; }
};

OperandCounts Count(const std::vector<Operand>& operands) {
  OperandCounts c;
  for (const Operand& o : operands) {
    if (o.kind == Operand::Kind::kPoint) ++c.points;
    if (o.kind == Operand::Kind::kEmpty) c.empty = true;
    if (o.kind == Operand::Kind::kRange) ++c.ranges;
  }
  return c;
}

// "?" or "IN (?, ?, …)" over the point operands, with the leading operator.
void EmitPointList(const std::vector<Operand>& operands, size_t points, SqlBuilder& b) {
  b.Raw(points == 1 ? " = " : " IN (");
  bool first = true;
  for (const Operand& o : operands) {
    if (o.kind != Operand::Kind::kPoint) continue;
    if (!first) b.Raw(", ");
    first = false;
    b.Param(o.value);
  }
  if (points > 1) b.Raw(")");
}

}  // namespace

bool IsBlankSearchText(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
      ++i;
    } else if (s.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::string ScalarColumn(const FieldInfo& field, const FieldRules& rules, std::string_view alias) {
  switch (rules.column) {
    case SystemColumn::kId:
      return "r.id";
    case SystemColumn::kRevision:
      return "r.revision";
    case SystemColumn::kCreator:
      return "r.creator";
    case SystemColumn::kModifier:
      return "r.modifier";
    case SystemColumn::kCreatedAt:
      return "r.created_at";
    case SystemColumn::kUpdatedAt:
      return "r.updated_at";
    case SystemColumn::kStatus:
      return "r.status";
    case SystemColumn::kAssignees:
      return "r.assignees";
    case SystemColumn::kNone:
      break;
  }
  const std::string column =
      rules.storage == Storage::kNumber ? NumericColumn(field.id) : FieldColumn(field.id);
  return std::string(alias) + "." + column;
}

Op PositiveOp(Op op) {
  switch (op) {
    case Op::kNe:
      return Op::kEq;
    case Op::kNotIn:
      return Op::kIn;
    case Op::kNotLike:
      return Op::kLike;
    case Op::kIsNotEmpty:
      return Op::kIsEmpty;
    default:
      return op;
  }
}

void PredicateCompiler::Emit(const BoundPredicate& p, SqlBuilder& b) const {
  if (p.ignored) {
    b.Raw("1");
    return;
  }
  const bool negated = IsNegative(p.op);
  if (IsMultiValued(*p.rules)) return EmitMembership(p, negated, b);
  if (PositiveOp(p.op) == Op::kLike) return EmitLike(p, negated, b);
  if (!negated) return EmitPositive(p, b);
  SqlBuilder inner = b.Child();
  EmitPositive(p, inner);
  SqlFragment f = inner.Take();
  f.sql = b.dialect().NotTrue(f.sql);
  b.Append(std::move(f));
}

void PredicateCompiler::EmitPositive(const BoundPredicate& p, SqlBuilder& b) const {
  if (p.ignored) {
    b.Raw("1");
    return;
  }
  const Op op = PositiveOp(p.op);
  if (IsMultiValued(*p.rules)) return EmitMembership(p, false, b);
  if (op == Op::kLike) return EmitLike(p, false, b);
  if (op == Op::kIsEmpty) return EmitIsEmpty(p, b);
  EmitScalar(p, op, b);
}

void PredicateCompiler::EmitScalar(const BoundPredicate& p, Op op, SqlBuilder& b) const {
  const std::string column = ScalarColumn(p.field, *p.rules, scope_.alias);
  if (op == Op::kEq || op == Op::kIn) return EmitAnyOf(p, column, b);
  // Ordering: one operand, a point or a range [value, last] / [value, last).
  const Operand& o = p.operands.at(0);
  const bool range = o.kind == Operand::Kind::kRange;
  switch (op) {
    case Op::kLt:
      b.Raw(column).Raw(" < ").Param(o.value);
      break;
    case Op::kGe:
      b.Raw(column).Raw(" >= ").Param(o.value);
      break;
    case Op::kLe:
      if (!range) {
        b.Raw(column).Raw(" <= ").Param(o.value);
      } else {
        b.Raw(column).Raw(o.last_exclusive ? " < " : " <= ").Param(o.last);
      }
      break;
    case Op::kGt:
      if (!range) {
        b.Raw(column).Raw(" > ").Param(o.value);
      } else {
        b.Raw(column).Raw(o.last_exclusive ? " >= " : " > ").Param(o.last);
      }
      break;
    default:
      b.Raw("0");
      break;
  }
}

void PredicateCompiler::EmitAnyOf(const BoundPredicate& p, const std::string& column,
                                  SqlBuilder& b) const {
  const OperandCounts counts = Count(p.operands);
  const size_t terms = counts.terms();
  if (terms == 0) {
    b.Raw("0");
    return;
  }
  if (terms > 1) b.Raw("(");
  bool first = true;
  auto separator = [&] {
    if (!first) b.Raw(" OR ");
    first = false;
  };
  if (counts.points > 0) {
    separator();
    b.Raw(column);
    EmitPointList(p.operands, counts.points, b);
  }
  if (counts.empty) {
    separator();
    EmitEmpty(p, column, b);
  }
  for (const Operand& o : p.operands) {
    if (o.kind != Operand::Kind::kRange) continue;
    separator();
    b.Raw("(").Raw(column).Raw(" >= ").Param(o.value);
    b.Raw(" AND ").Raw(column).Raw(o.last_exclusive ? " < " : " <= ").Param(o.last).Raw(")");
  }
  if (terms > 1) b.Raw(")");
}

void PredicateCompiler::EmitEmpty(const BoundPredicate& p, const std::string& column,
                                  SqlBuilder& b) const {
  switch (p.rules->storage) {
    case Storage::kText:
      b.Raw(column).Raw(" = ''");
      break;
    case Storage::kFile:
      b.Raw(column).Raw(" IN ('', '[]')");
      break;
    default:  // NULL when empty (NUMBER: its REAL column)
      b.Raw(column).Raw(" IS NULL");
      break;
  }
}

void PredicateCompiler::EmitIsEmpty(const BoundPredicate& p, SqlBuilder& b) const {
  const std::string column = ScalarColumn(p.field, *p.rules, scope_.alias);
  if (p.rules->storage == Storage::kText) {
    b.Raw(b.dialect().IsBlank(column));
  } else {
    EmitEmpty(p, column, b);
  }
}

void PredicateCompiler::EmitMembership(const BoundPredicate& p, bool negated, SqlBuilder& b) const {
  const int64_t field_id =
      p.rules->column == SystemColumn::kAssignees ? kAssigneesFieldId : p.field.id;
  const std::string from =
      "SELECT " + scope_.mv_key + " FROM " + MultiValueTable(app_) + " WHERE field_id = ";
  const OperandCounts counts = Count(p.operands);
  const size_t terms = counts.terms();
  if (terms == 0) {
    b.Raw(negated ? "1" : "0");
    return;
  }
  // Single terms negate natively (ids are never NULL, so NOT IN is the exact complement).
  if (terms == 1) {
    if (counts.points > 0) {
      b.Raw(scope_.key).Raw(negated ? " NOT IN (" : " IN (").Raw(from).Param(field_id);
      b.Raw(" AND value");
      EmitPointList(p.operands, counts.points, b);
      b.Raw(")");
    } else {
      b.Raw(scope_.key).Raw(negated ? " IN (" : " NOT IN (").Raw(from).Param(field_id).Raw(")");
    }
    return;
  }
  SqlBuilder inner = b.Child();
  inner.Raw("(").Raw(scope_.key).Raw(" IN (").Raw(from).Param(field_id);
  inner.Raw(" AND value");
  EmitPointList(p.operands, counts.points, inner);
  inner.Raw(") OR ").Raw(scope_.key).Raw(" NOT IN (").Raw(from).Param(field_id).Raw("))");
  SqlFragment f = inner.Take();
  if (negated) f.sql = b.dialect().NotTrue(f.sql);
  b.Append(std::move(f));
}

void PredicateCompiler::EmitLike(const BoundPredicate& p, bool negated, SqlBuilder& b) const {
  const std::string& text = std::get<std::string>(p.operands.at(0).value);
  if (IsBlankSearchText(text)) {
    b.Raw(negated ? "0" : "1");
    return;
  }
  if (p.in_subtable()) {
    // Subtable rows are indexed by triggers as they are written: the index is always current.
    const std::string placeholder = b.NextPlaceholder();
    b.Raw(scope_.key).Raw(negated ? " NOT IN (" : " IN (");
    b.Raw(b.dialect().FullTextIds(app_, p.field.id, placeholder)).Raw(")");
    b.AddParam(b.dialect().FullTextPattern(text));
    return;
  }
  // Top-level text is indexed in the background (record_layout.h): the index answers for the
  // records not pending, the pending ones are read. Both terms are never NULL, so NOT is exact;
  // each term is a rowid IN (…), which SQLite can drive (a multi-index OR) or probe per row.
  const std::string pending = b.dialect().PendingFullTextIds(app_);
  SqlBuilder inner = b.Child();
  const std::string match = inner.NextPlaceholder();
  inner.Raw("(" + scope_.key + " IN (" +
            b.dialect().BackgroundFullTextIds(app_, p.field.id, match) + " AND rowid NOT IN (" +
            pending + ")) OR (" + scope_.key + " IN (" + pending + ") AND ");
  inner.AddParam(b.dialect().FullTextPattern(text));
  const std::string contains = inner.NextPlaceholder();
  inner.Raw(b.dialect().ContainsText(ScalarColumn(p.field, *p.rules, scope_.alias), contains));
  inner.AddParam(text);
  inner.Raw("))");
  SqlFragment f = inner.Take();
  if (negated) f.sql = "NOT " + f.sql;
  b.Append(std::move(f));
}

}  // namespace query

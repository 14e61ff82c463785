#include "query/condition_compiler.h"

#include <map>

#include "query/record_layout.h"

namespace query {
namespace {

// A positive predicate on a subtable field, which must share its row with its `and` siblings.
bool IsRowPositive(const BoundCondition& c) {
  return c.kind == Condition::Kind::kPredicate && c.predicate.in_subtable() &&
         !c.predicate.ignored && !IsNegative(c.predicate.op);
}

}  // namespace

void ConditionCompiler::Emit(const BoundCondition& condition, SqlBuilder& b) const {
  switch (condition.kind) {
    case Condition::Kind::kPredicate:
      return EmitPredicate(condition.predicate, b);
    case Condition::Kind::kAnd:
      return EmitAnd(condition.children, b);
    case Condition::Kind::kOr:
      return EmitOr(condition.children, b);
  }
}

void ConditionCompiler::EmitAnd(const std::vector<BoundCondition>& children, SqlBuilder& b) const {
  std::map<int64_t, std::vector<const BoundPredicate*>> groups;
  for (const BoundCondition& c : children) {
    if (IsRowPositive(c)) groups[c.predicate.field.subtable_id].push_back(&c.predicate);
  }
  b.Raw("(");
  bool first = true;
  for (const BoundCondition& c : children) {
    const bool grouped = IsRowPositive(c);
    // A group is emitted once, where its first member stands.
    if (grouped && groups[c.predicate.field.subtable_id].front() != &c.predicate) continue;
    if (!first) b.Raw(" AND ");
    first = false;
    if (grouped) {
      EmitSameRow(groups[c.predicate.field.subtable_id], b);
    } else {
      Emit(c, b);
    }
  }
  b.Raw(")");
}

void ConditionCompiler::EmitOr(const std::vector<BoundCondition>& children, SqlBuilder& b) const {
  b.Raw("(");
  for (size_t i = 0; i < children.size(); ++i) {
    if (i > 0) b.Raw(" OR ");
    Emit(children[i], b);
  }
  b.Raw(")");
}

void ConditionCompiler::EmitPredicate(const BoundPredicate& p, SqlBuilder& b) const {
  if (!p.in_subtable() || p.ignored) return record_.Emit(p, b);
  if (!IsNegative(p.op)) return EmitSameRow({&p}, b);
  // Negative: the table has rows and none of them satisfies the positive form.
  const std::string table = SubtableTable(app_, p.field.subtable_id);
  b.Raw("(r.id IN (SELECT record_id FROM ").Raw(table).Raw(") AND r.id NOT IN (");
  b.Raw("SELECT t.record_id FROM ").Raw(table).Raw(" t WHERE ");
  row_.EmitPositive(p, b);
  b.Raw("))");
}

void ConditionCompiler::EmitSameRow(const std::vector<const BoundPredicate*>& group,
                                    SqlBuilder& b) const {
  const std::string table = SubtableTable(app_, group.front()->field.subtable_id);
  b.Raw("r.id IN (SELECT t.record_id FROM ").Raw(table).Raw(" t WHERE ");
  for (size_t i = 0; i < group.size(); ++i) {
    if (i > 0) b.Raw(" AND ");
    row_.EmitPositive(*group[i], b);
  }
  b.Raw(")");
}

}  // namespace query

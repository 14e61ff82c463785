#include "query/count_plan.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "query/predicate_compiler.h"
#include "query/record_layout.h"

namespace query {
namespace {

constexpr int64_t kMin = kCountNull + 1;  // the smallest encoded value
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

bool Digits(std::string_view s, size_t from, size_t n) {
  for (size_t i = from; i < from + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

int64_t Number(std::string_view s, size_t from, size_t n) {
  int64_t v = 0;
  for (size_t i = from; i < from + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

int64_t Before(int64_t v) { return v == kMin ? kCountNull : v - 1; }  // empty range below kMin

// kEq / kIn: any of the operands (predicate_compiler.cpp EmitAnyOf).
bool AddAnyOf(const BoundPredicate& p, CountTerm& t) {
  for (const Operand& o : p.operands) {
    switch (o.kind) {
      case Operand::Kind::kNothing:
        break;
      case Operand::Kind::kEmpty:
        t.null_matches = true;
        break;
      case Operand::Kind::kPoint: {
        if (t.column.kind == CountKind::kChoice) {
          const auto* name = std::get_if<std::string>(&o.value);
          if (!name) return false;
          t.choices.push_back(*name);
          break;
        }
        auto v = EncodeCountValue(t.column.kind, o.value);
        if (!v || *v == kCountNull) return false;
        t.ranges.emplace_back(*v, *v);
        break;
      }
      case Operand::Kind::kRange: {
        if (t.column.kind == CountKind::kChoice) return false;
        auto lo = EncodeCountValue(t.column.kind, o.value);
        auto hi = EncodeCountValue(t.column.kind, o.last);
        if (!lo || !hi || *lo == kCountNull || *hi == kCountNull) return false;
        t.ranges.emplace_back(*lo, o.last_exclusive ? Before(*hi) : *hi);
        break;
      }
    }
  }
  return true;
}

// <, <=, >, >= against one point or range (predicate_compiler.cpp EmitScalar).
bool AddOrdering(const BoundPredicate& p, Op op, CountTerm& t) {
  if (t.column.kind == CountKind::kChoice || p.operands.size() != 1) return false;
  const Operand& o = p.operands.front();
  if (o.kind != Operand::Kind::kPoint && o.kind != Operand::Kind::kRange) return false;
  const bool range = o.kind == Operand::Kind::kRange;
  auto value = EncodeCountValue(t.column.kind, o.value);
  if (!value || *value == kCountNull) return false;
  int64_t last = *value;
  if (range) {
    auto encoded = EncodeCountValue(t.column.kind, o.last);
    if (!encoded || *encoded == kCountNull) return false;
    last = *encoded;
  }
  switch (op) {
    case Op::kLt:
      t.ranges.emplace_back(kMin, Before(*value));
      return true;
    case Op::kGe:
      t.ranges.emplace_back(*value, kMax);
      return true;
    case Op::kLe:
      t.ranges.emplace_back(kMin, range && o.last_exclusive ? Before(last) : last);
      return true;
    case Op::kGt:
      if (range && o.last_exclusive) {
        t.ranges.emplace_back(last, kMax);
      } else if (last != kMax) {
        t.ranges.emplace_back(last + 1, kMax);
      }
      return true;
    default:
      return false;
  }
}

std::optional<CountPlan> PlanPredicate(const BoundPredicate& p) {
  if (p.ignored) return CountPlan{};  // every record passes (predicate_compiler.cpp)
  if (p.in_subtable()) return std::nullopt;
  auto column = CountColumnOf(p.field, *p.rules);
  if (!column) return std::nullopt;
  CountPlan plan;
  plan.kind = CountPlan::Kind::kTerm;
  CountTerm& t = plan.term;
  t.column = std::move(*column);
  t.negated = IsNegative(p.op);
  const Op op = PositiveOp(p.op);
  bool ok = false;
  if (op == Op::kEq || op == Op::kIn) {
    ok = AddAnyOf(p, t);
  } else if (op == Op::kIsEmpty) {
    t.null_matches = true;
    ok = true;
  } else {
    ok = AddOrdering(p, op, t);
  }
  // Long `in` lists are scanned term by term per record: leave them to SQL's indexes.
  if (!ok || t.ranges.size() + t.choices.size() > 32) return std::nullopt;
  return plan;
}

std::optional<CountPlan> Plan(const BoundCondition& c) {
  if (c.kind == Condition::Kind::kPredicate) return PlanPredicate(c.predicate);
  CountPlan plan;
  plan.kind = c.kind == Condition::Kind::kAnd ? CountPlan::Kind::kAnd : CountPlan::Kind::kOr;
  for (const BoundCondition& child : c.children) {
    auto sub = Plan(child);
    if (!sub) return std::nullopt;
    plan.children.push_back(std::move(*sub));
  }
  return plan;
}

void Collect(const CountPlan& plan, std::vector<CountColumn>& out) {
  if (plan.kind == CountPlan::Kind::kTerm &&
      std::find(out.begin(), out.end(), plan.term.column) == out.end()) {
    out.push_back(plan.term.column);
  }
  for (const CountPlan& child : plan.children) Collect(child, out);
}

}  // namespace

std::optional<CountColumn> CountColumnOf(const FieldInfo& field, const FieldRules& rules) {
  switch (rules.column) {
    case SystemColumn::kId:
      return CountColumn{"id", CountKind::kInteger};
    case SystemColumn::kCreator:
      return CountColumn{"creator", CountKind::kInteger};
    case SystemColumn::kModifier:
      return CountColumn{"modifier", CountKind::kInteger};
    case SystemColumn::kCreatedAt:
      return CountColumn{"created_at", CountKind::kInteger};
    case SystemColumn::kUpdatedAt:
      return CountColumn{"updated_at", CountKind::kInteger};
    case SystemColumn::kStatus:
      return CountColumn{"status", CountKind::kChoice};
    case SystemColumn::kRevision:
    case SystemColumn::kAssignees:
      return std::nullopt;
    case SystemColumn::kNone:
      break;
  }
  switch (rules.storage) {
    case Storage::kInstant:
      return CountColumn{FieldColumn(field.id), CountKind::kInteger};
    case Storage::kNumber:
      return CountColumn{NumericColumn(field.id), CountKind::kReal};
    case Storage::kChoice:
      return CountColumn{FieldColumn(field.id), CountKind::kChoice};
    case Storage::kDate:
      return CountColumn{FieldColumn(field.id), CountKind::kDate};
    case Storage::kTime:
      return CountColumn{FieldColumn(field.id), CountKind::kTime};
    default:
      return std::nullopt;
  }
}

std::optional<int64_t> EncodeCountValue(CountKind kind, const common::SqlValue& value) {
  if (common::IsNull(value)) return kCountNull;
  switch (kind) {
    case CountKind::kInteger: {
      const auto* i = std::get_if<int64_t>(&value);
      if (!i || *i == kCountNull) return std::nullopt;
      return *i;
    }
    case CountKind::kReal: {
      double d;
      if (const auto* r = std::get_if<double>(&value)) {
        d = *r;
      } else if (const auto* i = std::get_if<int64_t>(&value)) {
        // Exact only up to 2^53; SQLite compares larger integers with REALs exactly.
        if (*i > (int64_t{1} << 53) || *i < -(int64_t{1} << 53)) return std::nullopt;
        d = static_cast<double>(*i);
      } else {
        return std::nullopt;
      }
      if (std::isnan(d)) return std::nullopt;
      if (d == 0) d = 0;  // -0.0 equals 0.0
      // IEEE bits order positive doubles as integers; negative ones are sign-magnitude, so
      // their magnitude bits are flipped to order them below zero, most negative first.
      int64_t bits = std::bit_cast<int64_t>(d);
      return bits < 0 ? bits ^ kMax : bits;
    }
    case CountKind::kDate: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s || s->size() != 10 || (*s)[4] != '-' || (*s)[7] != '-' || !Digits(*s, 0, 4) ||
          !Digits(*s, 5, 2) || !Digits(*s, 8, 2)) {
        return std::nullopt;
      }
      return Number(*s, 0, 4) * 10000 + Number(*s, 5, 2) * 100 + Number(*s, 8, 2);
    }
    case CountKind::kTime: {
      const auto* s = std::get_if<std::string>(&value);
      if (!s || s->size() != 5 || (*s)[2] != ':' || !Digits(*s, 0, 2) || !Digits(*s, 3, 2)) {
        return std::nullopt;
      }
      return Number(*s, 0, 2) * 100 + Number(*s, 3, 2);
    }
    case CountKind::kChoice:
      break;
  }
  return std::nullopt;
}

std::vector<CountColumn> CountPlan::Columns() const {
  std::vector<CountColumn> out;
  Collect(*this, out);
  return out;
}

std::shared_ptr<const CountPlan> BuildCountPlan(const BoundQuery& bound) {
  return BuildCountPlan(bound.condition ? &*bound.condition : nullptr);
}

std::shared_ptr<const CountPlan> BuildCountPlan(const BoundCondition* condition) {
  if (!condition) return std::make_shared<const CountPlan>();
  auto plan = Plan(*condition);
  if (!plan) return nullptr;
  return std::make_shared<const CountPlan>(std::move(*plan));
}

}  // namespace query

#include "query/aggregate_compiler.h"

#include <algorithm>

#include "query/binder.h"
#include "query/compiler.h"
#include "query/field_rules.h"
#include "query/parser.h"
#include "query/predicate_compiler.h"
#include "query/record_layout.h"
#include "query/sql_builder.h"

namespace query {

using common::Error;
using common::ErrorCode;
using common::FieldType;
using common::Result;
using common::Text;

namespace {

// Transitions are looked for in this window around now; older or later instants take the
// offset of the window's first or last span (zones rarely change rules that far out).
constexpr int64_t kPastSeconds = 40LL * 365 * 86400;
constexpr int64_t kFutureSeconds = 5LL * 365 * 86400;
// Zones change offset at most a few times a year, never twice within a week.
constexpr int64_t kProbeStep = 7 * 86400;

const char* FunctionSql(AggregateFunction f) {
  switch (f) {
    case AggregateFunction::kSum:
      return "sum";
    case AggregateFunction::kAverage:
      return "avg";
    case AggregateFunction::kMin:
      return "min";
    case AggregateFunction::kMax:
      return "max";
    case AggregateFunction::kCount:
      break;
  }
  return "count";
}

// Resolves a group or measure field: GAIA_IQ11 when unknown (hidden fields included), CB_VA01
// on `key` when it is inside a table or of a type that cannot serve.
Result<const FieldInfo*> Resolve(const SchemaLookup& schema, const std::string& code,
                                 const std::string& key, bool (*usable)(FieldType)) {
  const FieldInfo* f = schema.Find(code);
  if (!f) return Error(ErrorCode::kQueryFieldNotFound, {code});
  if (f->subtable_id != 0 || !usable(f->type)) {
    return Error::Invalid(key, Text::kAggregateFieldNotAllowed, {code});
  }
  return f;
}

// The count plan of an aggregate (CompiledAggregate::count_plan), when it has one.
void PlanCounts(const AggregateRequest& request, const std::optional<BoundCondition>& filter,
                CompiledAggregate& out) {
  for (const Measure& m : request.measures) {
    if (m.function != AggregateFunction::kCount) return;
  }
  std::vector<CountGroup> groups;
  for (size_t i = 0; i < out.groups.size(); ++i) {
    const FieldRules& rules = *RulesFor(out.groups[i].type);
    if (rules.storage != Storage::kChoice && rules.storage != Storage::kDate) return;
    auto column = CountColumnOf(out.groups[i], rules);
    if (!column) return;
    groups.push_back({std::move(*column), out.buckets[i]});
  }
  std::shared_ptr<const CountPlan> plan = BuildCountPlan(filter ? &*filter : nullptr);
  if (!plan) return;
  out.count_plan = std::move(plan);
  out.count_groups = std::move(groups);
}

}  // namespace

bool IsDateLike(FieldType t) {
  return t == FieldType::kDate || t == FieldType::kDateTime || t == FieldType::kCreatedTime ||
         t == FieldType::kUpdatedTime;
}

bool IsGroupable(FieldType t) {
  return t == FieldType::kDropDown || t == FieldType::kRadioButton || t == FieldType::kStatus ||
         t == FieldType::kSingleLineText || t == FieldType::kCheckBox ||
         t == FieldType::kMultiSelect || IsDateLike(t);
}

bool IsMeasurable(FieldType t) { return t == FieldType::kNumber || t == FieldType::kCalc; }

SqlFragment OffsetExpression(const common::TimeZone& zone, std::string_view expr, int64_t from,
                             int64_t to, const SqlDialect& dialect, size_t first_param_index) {
  const int first = zone.OffsetSeconds(from);
  std::vector<std::pair<int64_t, int>> changes;  // (first instant of a span, its offset)
  int current = first;
  for (int64_t t = from; t < to;) {
    const int64_t next = std::min(t + kProbeStep, to);
    const int offset = zone.OffsetSeconds(next);
    if (offset != current) {
      int64_t lo = t, hi = next;  // offset(lo) == current, offset(hi) != current
      while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        (zone.OffsetSeconds(mid) == current ? lo : hi) = mid;
      }
      current = zone.OffsetSeconds(hi);
      changes.emplace_back(hi, current);
    }
    t = next;
  }
  SqlBuilder b(dialect, first_param_index);
  if (changes.empty()) {
    b.Param(int64_t{first});
    return b.Take();
  }
  b.Raw("(CASE");
  int before = first;
  for (const auto& [at, offset] : changes) {
    b.Raw(" WHEN ").Raw(expr).Raw(" < ").Param(at).Raw(" THEN ").Param(int64_t{before});
    before = offset;
  }
  b.Raw(" ELSE ").Param(int64_t{before}).Raw(" END)");
  return b.Take();
}

Result<CompiledAggregate> CompileAggregate(const AggregateRequest& request,
                                           const SchemaLookup& schema, const QueryContext& context,
                                           const SqlDialect& dialect,
                                           const std::optional<SqlFragment>& restriction,
                                           int64_t max_groups) {
  if (request.groups.size() > kMaxGroupFields) {
    return Error::Invalid("groups", Text::kBadValueShape);
  }
  if (request.measures.size() > kMaxMeasures) {
    return Error::Invalid("aggregations", Text::kBadValueShape);
  }
  CompiledAggregate out;
  for (size_t i = 0; i < request.groups.size(); ++i) {
    const GroupKey& g = request.groups[i];
    const std::string key = "groups[" + std::to_string(i) + "]";
    TK_ASSIGN_OR_RETURN(const FieldInfo* f, Resolve(schema, g.code, key, &IsGroupable));
    if (g.bucket != TimeBucket::kNone && !IsDateLike(f->type)) {
      return Error::Invalid(key + ".per", Text::kBadValueShape);
    }
    out.groups.push_back(*f);
    out.buckets.push_back(IsDateLike(f->type) && g.bucket == TimeBucket::kNone ? TimeBucket::kDay
                                                                               : g.bucket);
  }
  for (size_t i = 0; i < request.measures.size(); ++i) {
    const Measure& m = request.measures[i];
    if (m.function == AggregateFunction::kCount) {
      out.measures.emplace_back();
      continue;
    }
    const std::string key = "aggregations[" + std::to_string(i) + "]";
    TK_ASSIGN_OR_RETURN(const FieldInfo* f, Resolve(schema, m.code, key, &IsMeasurable));
    out.measures.push_back(*f);
  }

  const common::TimeZone zone =
      common::TimeZone::Find(context.time_zone).value_or(common::TimeZone::Utc());
  const std::string table = RecordTable(schema.app_id());
  SqlBuilder b(dialect, 1);
  b.Raw("SELECT ");
  for (size_t i = 0; i < out.groups.size(); ++i) {
    const FieldInfo& f = out.groups[i];
    const FieldRules& rules = *RulesFor(f.type);
    if (i) b.Raw(", ");
    b.Raw("coalesce(");
    if (rules.storage == Storage::kMultiText) {
      const std::string alias = "m" + std::to_string(i);
      b.Raw(alias + ".value");
    } else if (rules.storage == Storage::kInstant) {
      const std::string column = ScalarColumn(f, rules, "r");
      SqlFragment offset =
          OffsetExpression(zone, column, context.now_seconds - kPastSeconds,
                           context.now_seconds + kFutureSeconds, dialect, b.next_index());
      // The offset (with its parameters) goes inside the dialect's wrapping, which names its
      // argument once: splice it in where the marker stands.
      const std::string marker = "\x01";
      std::string sql = dialect.DateBucket(
          dialect.DateOfInstant("(" + column + " + " + marker + ")"), out.buckets[i]);
      const size_t at = sql.find(marker);
      b.Raw(std::string_view(sql).substr(0, at));
      b.Append(std::move(offset));
      b.Raw(std::string_view(sql).substr(at + marker.size()));
    } else if (rules.storage == Storage::kDate) {
      b.Raw(dialect.DateBucket(ScalarColumn(f, rules, "r"), out.buckets[i]));
    } else {
      b.Raw(ScalarColumn(f, rules, "r"));
    }
    b.Raw(", '')");
  }
  if (!out.groups.empty()) b.Raw(", ");
  b.Raw("count(*)");
  for (size_t i = 0; i < out.measures.size(); ++i) {
    const FieldInfo& f = out.measures[i];
    if (request.measures[i].function == AggregateFunction::kCount) continue;
    b.Raw(", ").Raw(FunctionSql(request.measures[i].function));
    b.Raw("(").Raw(ScalarColumn(f, *RulesFor(f.type), "r")).Raw(")");
  }
  b.Raw(" FROM ").Raw(table).Raw(" r");
  for (size_t i = 0; i < out.groups.size(); ++i) {
    if (RulesFor(out.groups[i].type)->storage != Storage::kMultiText) continue;
    // A record counts once under each option it holds, and under "" when it holds none.
    const std::string alias = "m" + std::to_string(i);
    b.Raw(" LEFT JOIN ").Raw(MultiValueTable(schema.app_id())).Raw(" " + alias);
    b.Raw(" ON " + alias + ".record_id = r.id AND " + alias + ".row_id = 0 AND " + alias +
          ".field_id = ");
    b.Param(out.groups[i].id);
  }
  b.Raw(" WHERE ");
  TK_ASSIGN_OR_RETURN(auto filter, BindCondition(request.filter, schema, context));
  EmitCondition(filter, schema.app_id(), b);
  if (restriction) {
    b.Raw(" AND (").Append(*restriction).Raw(")");
  }
  if (!out.groups.empty()) {
    std::string ordinals;
    for (size_t i = 0; i < out.groups.size(); ++i) {
      ordinals += (i ? ", " : "") + std::to_string(i + 1);
    }
    b.Raw(" GROUP BY " + ordinals + " ORDER BY " + ordinals);
  }
  b.Raw(" LIMIT ").Param(max_groups + 1);
  out.statement = b.Take();
  out.app = schema.app_id();
  out.row_limit = max_groups + 1;
  if (!restriction) PlanCounts(request, filter, out);
  return out;
}

}  // namespace query

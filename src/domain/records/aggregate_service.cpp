#include "domain/records/aggregate_service.h"

#include <algorithm>
#include <cmath>

#include "domain/apps/app_service.h"
#include "domain/fields/date_time.h"
#include "domain/permissions/access.h"
#include "domain/records/record_access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_repository.h"
#include "domain/records/record_schema_lookup.h"
#include "query/sqlite_dialect.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Status;
using common::Text;
using query::AggregateFunction;
using query::TimeBucket;

namespace {

constexpr std::pair<TimeBucket, std::string_view> kBuckets[] = {
    {TimeBucket::kDay, "DAY"},
    {TimeBucket::kWeek, "WEEK"},
    {TimeBucket::kMonth, "MONTH"},
    {TimeBucket::kYear, "YEAR"},
};
constexpr std::pair<AggregateFunction, std::string_view> kFunctions[] = {
    {AggregateFunction::kCount, "COUNT"},     {AggregateFunction::kSum, "SUM"},
    {AggregateFunction::kAverage, "AVERAGE"}, {AggregateFunction::kMin, "MIN"},
    {AggregateFunction::kMax, "MAX"},
};
constexpr size_t kMaxFilterLength = 4000;

std::optional<double> AsDouble(const common::SqlValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
  return std::nullopt;
}

std::string AsText(const common::SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  return "";
}

// Sort rank of a key: option fields in their options' order (empty and unknown values last),
// everything else by text.
std::pair<size_t, std::string> Rank(const query::FieldInfo& f, const std::string& key) {
  if (f.options.empty()) return {0, key};
  auto it = std::find(f.options.begin(), f.options.end(), key);
  return {it == f.options.end() ? f.options.size() + (key.empty() ? 1 : 0)
                                : static_cast<size_t>(it - f.options.begin()),
          key};
}

}  // namespace

std::string_view BucketName(TimeBucket bucket) {
  for (const auto& [b, name] : kBuckets) {
    if (b == bucket) return name;
  }
  return "";
}

std::string_view FunctionName(AggregateFunction function) {
  for (const auto& [f, name] : kFunctions) {
    if (f == function) return name;
  }
  return "";
}

Result<query::AggregateRequest> ParseAggregateRequest(const json::object& body,
                                                      const std::string& prefix) {
  query::AggregateRequest out;
  Error errors = Error::Validation();
  auto list = [&](const char* name) -> const json::array* {
    const json::value* v = body.if_contains(name);
    if (!v) return nullptr;
    if (!v->is_array()) {
      errors.AddField(prefix + name, Text::kBadValueShape);
      return nullptr;
    }
    return &v->as_array();
  };
  if (const json::array* groups = list("groups")) {
    if (groups->size() > query::kMaxGroupFields) {
      errors.AddField(prefix + "groups", Text::kBadValueShape);
    }
    for (size_t i = 0; i < groups->size(); ++i) {
      const std::string path = prefix + "groups[" + std::to_string(i) + "]";
      const json::object* g = (*groups)[i].if_object();
      const json::value* code = g ? g->if_contains("code") : nullptr;
      if (!code || !code->is_string() || code->as_string().empty()) {
        errors.AddField(path + ".code", Text::kRequiredParam);
        continue;
      }
      query::GroupKey key{std::string(code->as_string())};
      if (const json::value* per = g->if_contains("per"); per && !per->is_null()) {
        bool known = false;
        for (const auto& [b, name] : kBuckets) {
          if (per->is_string() && per->as_string() == name) {
            key.bucket = b;
            known = true;
          }
        }
        if (!known) errors.AddField(path + ".per", Text::kBadValueShape);
      }
      out.groups.push_back(std::move(key));
    }
  }
  if (const json::array* measures = list("aggregations")) {
    if (measures->size() > query::kMaxMeasures) {
      errors.AddField(prefix + "aggregations", Text::kBadValueShape);
    }
    for (size_t i = 0; i < measures->size(); ++i) {
      const std::string path = prefix + "aggregations[" + std::to_string(i) + "]";
      const json::object* m = (*measures)[i].if_object();
      const json::value* type = m ? m->if_contains("type") : nullptr;
      std::optional<AggregateFunction> function;
      for (const auto& [f, name] : kFunctions) {
        if (type && type->is_string() && type->as_string() == name) function = f;
      }
      if (!function) {
        errors.AddField(path + ".type", Text::kBadValueShape);
        continue;
      }
      query::Measure measure{*function, ""};
      if (*function != AggregateFunction::kCount) {
        const json::value* code = m->if_contains("code");
        if (!code || !code->is_string() || code->as_string().empty()) {
          errors.AddField(path + ".code", Text::kRequiredParam);
          continue;
        }
        measure.code = std::string(code->as_string());
      }
      out.measures.push_back(std::move(measure));
    }
  }
  if (const json::value* filter = body.if_contains("filterCond"); filter && !filter->is_null()) {
    if (!filter->is_string() || filter->as_string().size() > kMaxFilterLength) {
      errors.AddField(prefix + "filterCond", Text::kBadValueShape);
    } else {
      out.filter = std::string(filter->as_string());
    }
  }
  if (errors.has_fields()) return errors;
  if (out.measures.empty()) out.measures.push_back({AggregateFunction::kCount, ""});
  return out;
}

json::object AggregateRequestToJson(const query::AggregateRequest& request) {
  json::array groups, measures;
  for (const query::GroupKey& g : request.groups) {
    json::object o{{"code", g.code}};
    if (g.bucket != TimeBucket::kNone) o["per"] = BucketName(g.bucket);
    groups.push_back(std::move(o));
  }
  for (const query::Measure& m : request.measures) {
    json::object o{{"type", FunctionName(m.function)}};
    if (!m.code.empty()) o["code"] = m.code;
    measures.push_back(std::move(o));
  }
  return json::object{{"groups", std::move(groups)},
                      {"aggregations", std::move(measures)},
                      {"filterCond", request.filter}};
}

json::object AggregateTable::ToJson() const {
  json::array g, m, r;
  for (size_t i = 0; i < groups.size(); ++i) {
    json::object o{{"code", groups[i].code},
                   {"label", groups[i].label},
                   {"type", common::FieldTypeName(groups[i].type)}};
    if (query::IsDateLike(groups[i].type)) o["per"] = BucketName(buckets[i]);
    g.push_back(std::move(o));
  }
  for (size_t i = 0; i < measures.size(); ++i) {
    json::object o{{"type", FunctionName(measures[i].function)}};
    if (!measures[i].code.empty()) {
      o["code"] = measures[i].code;
      o["label"] = measure_fields[i].label;
    }
    m.push_back(std::move(o));
  }
  for (const AggregateRow& row : rows) {
    json::array keys, values;
    for (const std::string& k : row.keys) keys.push_back(json::string(k));
    for (const auto& v : row.values) values.push_back(v ? json::value(*v) : json::value(nullptr));
    r.push_back(json::object{
        {"keys", std::move(keys)}, {"count", row.count}, {"values", std::move(values)}});
  }
  return json::object{{"groups", std::move(g)},
                      {"aggregations", std::move(m)},
                      {"rows", std::move(r)},
                      {"computedAt", FormatDateTimeSeconds(computed_at)}};
}

Result<AggregateTable> AggregateService::Run(const Principal& who, int64_t app_id,
                                             const query::AggregateRequest& request) {
  AggregateTable out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, app_id, true));
    TK_ASSIGN_OR_RETURN(out, RunIn(tx, who, app, request));
    return Status::Ok();
  }));
  return out;
}

Result<AggregateTable> AggregateService::RunIn(Transaction& tx, const Principal& who,
                                               const App& app,
                                               const query::AggregateRequest& request) {
  TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, app, *live));
  TK_RETURN_IF_ERROR(CheckRight(access, AppRight::kView));
  const int64_t now = clock_.NowSeconds();
  DirectoryEntityResolver resolver(directory_);
  query::QueryContext qc = MakeQueryContext(who, now, resolver, RecordOptions{});
  // Hidden fields are unknown to the aggregate; hidden records are outside it.
  VisibleFieldsLookup visible(*live, access);
  TK_ASSIGN_OR_RETURN(auto viewable, RecordCondition(who, access, *live, directory_, qc, kAclView));
  query::SqliteDialect dialect;
  TK_ASSIGN_OR_RETURN(auto compiled, query::CompileAggregate(request, visible, qc, dialect,
                                                             viewable, options_.max_groups));
  TK_ASSIGN_OR_RETURN(auto rows, tx.records().Aggregate(compiled));
  if (static_cast<int64_t>(rows.size()) > options_.max_groups) {
    return Error::Invalid("groups", Text::kAggregateTooManyGroups,
                          {std::to_string(options_.max_groups)});
  }
  AggregateTable table;
  table.groups = compiled.groups;
  table.buckets = compiled.buckets;
  table.measures = request.measures;
  table.measure_fields = compiled.measures;
  table.computed_at = now;
  const size_t n = compiled.groups.size();
  for (const auto& row : rows) {
    AggregateRow r;
    for (size_t i = 0; i < n; ++i) r.keys.push_back(AsText(row[i]));
    r.count = static_cast<int64_t>(AsDouble(row[n]).value_or(0));
    size_t column = n + 1;
    for (const query::Measure& m : request.measures) {
      if (m.function == AggregateFunction::kCount) {
        r.values.push_back(static_cast<double>(r.count));
      } else {
        r.values.push_back(AsDouble(row[column++]));
      }
    }
    table.rows.push_back(std::move(r));
  }
  std::stable_sort(table.rows.begin(), table.rows.end(),
                   [&](const AggregateRow& a, const AggregateRow& b) {
                     for (size_t i = 0; i < n; ++i) {
                       auto ra = Rank(table.groups[i], a.keys[i]);
                       auto rb = Rank(table.groups[i], b.keys[i]);
                       if (ra != rb) return ra < rb;
                     }
                     return false;
                   });
  return table;
}

}  // namespace domain

#include "domain/sharing/public_dashboard_settings.h"

#include "common/error_code.h"
#include "common/time_zone.h"
#include "domain/records/aggregate_service.h"
#include "query/compiler.h"
#include "query/sqlite_dialect.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::FieldType;
using common::Result;
using common::Text;

namespace {

constexpr std::pair<ChartType, std::string_view> kCharts[] = {
    {ChartType::kBar, "bar"}, {ChartType::kLine, "line"}, {ChartType::kPie, "pie"}};

std::optional<int64_t> IntIn(const json::value& v, int64_t min, int64_t max) {
  if (!v.is_int64() || v.as_int64() < min || v.as_int64() > max) return std::nullopt;
  return v.as_int64();
}

}  // namespace

std::string_view ChartName(ChartType chart) {
  for (const auto& [c, name] : kCharts) {
    if (c == chart) return name;
  }
  return "bar";
}

Result<PublicDashboardSettings> PublicDashboardSettings::FromJson(
    const json::object& body, const query::SchemaLookup& fields) {
  PublicDashboardSettings s;
  Error errors = Error::Validation();
  s.look = PageLook::FromJson(body, errors);

  if (const json::value* v = body.if_contains("allowText")) {
    if (!v->is_bool()) {
      errors.AddField("allowText", Text::kBadValueShape);
    } else {
      s.allow_text = v->as_bool();
    }
  }
  const json::value* aggregate = body.if_contains("aggregate");
  if (!aggregate || !aggregate->is_object()) {
    errors.AddField("aggregate", Text::kRequiredParam);
  } else {
    auto request = ParseAggregateRequest(aggregate->as_object(), "aggregate.");
    if (!request.ok()) {
      errors.MergeFields(request.error());
    } else {
      s.aggregate = std::move(request).value();
      for (size_t i = 0; i < s.aggregate.groups.size(); ++i) {
        const std::string path = "aggregate.groups[" + std::to_string(i) + "]";
        const query::GroupKey& g = s.aggregate.groups[i];
        const query::FieldInfo* f = fields.Find(g.code);
        if (!f) {
          errors.AddField(path + ".code", Text::kQueryFieldNotFound, {g.code});
        } else if (f->subtable_id != 0 || !query::IsGroupable(f->type)) {
          errors.AddField(path + ".code", Text::kAggregateFieldNotAllowed, {g.code});
        } else if (f->type == FieldType::kSingleLineText && !s.allow_text) {
          errors.AddField(path + ".code", Text::kDashboardTextFieldNotAllowed);
        } else if (g.bucket != query::TimeBucket::kNone && !query::IsDateLike(f->type)) {
          errors.AddField(path + ".per", Text::kBadValueShape);
        }
      }
      for (size_t i = 0; i < s.aggregate.measures.size(); ++i) {
        const query::Measure& m = s.aggregate.measures[i];
        if (m.function == query::AggregateFunction::kCount) continue;
        const std::string path = "aggregate.aggregations[" + std::to_string(i) + "].code";
        const query::FieldInfo* f = fields.Find(m.code);
        if (!f) {
          errors.AddField(path, Text::kQueryFieldNotFound, {m.code});
        } else if (f->subtable_id != 0 || !query::IsMeasurable(f->type)) {
          errors.AddField(path, Text::kAggregateFieldNotAllowed, {m.code});
        }
      }
      if (!s.aggregate.filter.empty()) {
        query::QueryContext qc;
        query::SqliteDialect dialect;
        auto compiled = query::CompileCondition(s.aggregate.filter, fields, qc, dialect);
        if (!compiled.ok()) {
          const Error& e = compiled.error();
          if (e.has_fields()) {
            errors.MergeFields(e, "aggregate.filterCond.");
          } else {
            errors.AddField("aggregate.filterCond",
                            common::Message{common::TopMessage(e.code()), e.args()});
          }
        }
      }
    }
  }
  if (const json::value* v = body.if_contains("chart")) {
    bool known = false;
    for (const auto& [c, name] : kCharts) {
      if (v->is_string() && v->as_string() == name) {
        s.chart = c;
        known = true;
      }
    }
    if (!known) errors.AddField("chart", Text::kBadValueShape);
  }
  if (const json::value* v = body.if_contains("labels")) {
    if (!IsLabelMap(*v)) {
      errors.AddField("labels", Text::kBadValueShape);
    } else {
      s.labels = v->as_object();
    }
  }
  if (const json::value* v = body.if_contains("minCount")) {
    if (auto n = IntIn(*v, 1, 1000)) {
      s.min_count = *n;
    } else {
      errors.AddField("minCount", Text::kBadValueShape);
    }
  }
  if (const json::value* v = body.if_contains("refreshMinutes")) {
    if (auto n = IntIn(*v, 5, 1440)) {
      s.refresh_minutes = *n;
    } else {
      errors.AddField("refreshMinutes", Text::kBadValueShape);
    }
  }
  if (const json::value* v = body.if_contains("timeZone")) {
    if (!v->is_string() || !common::TimeZone::Find(v->as_string())) {
      errors.AddField("timeZone", Text::kBadTimeZone);
    } else {
      s.time_zone = std::string(v->as_string());
    }
  }
  if (errors.has_fields()) return errors;
  return s;
}

json::object PublicDashboardSettings::ToJson() const {
  json::object o = look.ToJson();
  o["aggregate"] = AggregateRequestToJson(aggregate);
  o["chart"] = ChartName(chart);
  o["labels"] = labels;
  o["allowText"] = allow_text;
  o["minCount"] = min_count;
  o["refreshMinutes"] = refresh_minutes;
  o["timeZone"] = time_zone;
  return o;
}

}  // namespace domain

// A public dashboard's settings: texts and look, the aggregate it publishes (group-by fields,
// date bucket, measures, filter), the chart, friendly labels, the small-cell threshold and the
// refresh interval. Validated against the app's live fields when saved: only aggregate-able
// types, no single-line text unless explicitly allowed (free text may carry names or
// addresses), a filter that compiles. Pure.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "common/result.h"
#include "domain/sharing/page_look.h"
#include "query/aggregate_compiler.h"
#include "query/schema.h"

namespace domain {

enum class ChartType { kBar, kLine, kPie };

struct PublicDashboardSettings {
  PageLook look;
  query::AggregateRequest aggregate;
  ChartType chart = ChartType::kBar;
  // Column headings by field code or aggregation type ("COUNT", "SUM:amount") and group
  // values ("完了"): "label" or {"ja": "…", "en": "…"}.
  boost::json::object labels;
  // Single-line text fields (an area name) may be grouped by only when this is set.
  bool allow_text = false;
  // Groups with fewer records than this are shown as suppressed ("<5"), so that one
  // resident cannot be singled out; 1 switches suppression off.
  int64_t min_count = 5;
  int64_t refresh_minutes = 60;          // 5 .. 1440: how old the published figures may get
  std::string time_zone = "Asia/Tokyo";  // dates are bucketed in this zone

  // `fields`: the app's live fields (FormSchemaLookup), to check codes and types.
  static common::Result<PublicDashboardSettings> FromJson(const boost::json::object& body,
                                                          const query::SchemaLookup& fields);
  boost::json::object ToJson() const;
};

std::string_view ChartName(ChartType chart);

}  // namespace domain

#include "domain/sharing/public_dashboard_service.h"

#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdio>
#include <functional>

#include "common/csv.h"
#include "common/log.h"
#include "domain/apps/app_repository.h"
#include "domain/apps/app_service.h"
#include "domain/fields/date_time.h"
#include "domain/permissions/access.h"
#include "domain/sharing/public_page.h"
#include "domain/users/user_repository.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;
using query::AggregateFunction;

namespace {

struct Bilingual {
  std::string ja, en;
  json::object ToJson() const { return json::object{{"ja", ja}, {"en", en}}; }
  const std::string& In(std::string_view lang) const { return lang == "en" ? en : ja; }
};

Bilingual Labelled(const json::object& labels, const std::string& key, Bilingual fallback) {
  if (!labels.contains(key)) return fallback;
  return {LabelOf(labels, key, "ja"), LabelOf(labels, key, "en")};
}

// The column key of a measure in labels and open data: "COUNT", "SUM:amount".
std::string MeasureKey(const query::Measure& m) {
  std::string key(FunctionName(m.function));
  return m.code.empty() ? key : key + ":" + m.code;
}

Bilingual MeasureHeading(const PublicDashboardSettings& s, const AggregateTable& t, size_t i) {
  const query::Measure& m = t.measures[i];
  const std::string& field = t.measure_fields[i].label;
  Bilingual fallback;
  switch (m.function) {
    case AggregateFunction::kCount:
      fallback = {"件数", "Count"};
      break;
    case AggregateFunction::kSum:
      fallback = {field + "の合計", "Total " + field};
      break;
    case AggregateFunction::kAverage:
      fallback = {field + "の平均", "Average " + field};
      break;
    case AggregateFunction::kMin:
      fallback = {field + "の最小", "Minimum " + field};
      break;
    case AggregateFunction::kMax:
      fallback = {field + "の最大", "Maximum " + field};
      break;
  }
  return Labelled(s.labels, MeasureKey(m), fallback);
}

Bilingual GroupHeading(const PublicDashboardSettings& s, const AggregateTable& t, size_t i) {
  return Labelled(s.labels, t.groups[i].code, {t.groups[i].label, t.groups[i].label});
}

Bilingual KeyLabel(const PublicDashboardSettings& s, const std::string& key) {
  if (key.empty()) return {"（未設定）", "(none)"};
  return Labelled(s.labels, key, {key, key});
}

bool Suppressed(const PublicDashboardSettings& s, const AggregateRow& row) {
  return row.count < s.min_count;
}

// Sums of decimals come back as binary doubles (0.1 + 0.2): 12 significant digits drop the
// noise and keep every figure a dashboard shows.
json::value Figure(const std::optional<double>& v) {
  if (!v) return nullptr;
  double rounded = std::stod([&] {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.12g", *v);
    return std::string(buf);
  }());
  if (std::floor(rounded) == rounded && std::fabs(rounded) < 9e15) {
    return static_cast<int64_t>(rounded);
  }
  return rounded;
}

// As a person reads it in a spreadsheet: "600.3", not JSON's "6.003E2".
std::string FigureText(const std::optional<double>& v) {
  json::value f = Figure(v);
  if (f.is_null()) return "";
  if (f.is_int64()) return std::to_string(f.as_int64());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", f.as_double());
  return buf;
}

// A text cell Excel would read as a formula gets a leading apostrophe.
std::string CsvText(const std::string& s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) return "'" + s;
  return s;
}

}  // namespace

json::object DashboardPage(const PublicDashboardSettings& s, const AggregateTable& t) {
  json::object out = s.look.ToJson();
  json::array columns, rows;
  for (size_t i = 0; i < t.groups.size(); ++i) {
    json::object c{
        {"kind", "group"}, {"key", t.groups[i].code}, {"label", GroupHeading(s, t, i).ToJson()}};
    if (query::IsDateLike(t.groups[i].type)) c["per"] = BucketName(t.buckets[i]);
    columns.push_back(std::move(c));
  }
  for (size_t i = 0; i < t.measures.size(); ++i) {
    columns.push_back(json::object{{"kind", "measure"},
                                   {"key", MeasureKey(t.measures[i])},
                                   {"label", MeasureHeading(s, t, i).ToJson()}});
  }
  for (const AggregateRow& row : t.rows) {
    json::array keys, values;
    for (const std::string& k : row.keys) keys.push_back(KeyLabel(s, k).ToJson());
    const bool hidden = Suppressed(s, row);
    for (const auto& v : row.values) values.push_back(hidden ? json::value(nullptr) : Figure(v));
    rows.push_back(json::object{
        {"keys", std::move(keys)}, {"values", std::move(values)}, {"suppressed", hidden}});
  }
  out["chart"] = ChartName(s.chart);
  out["columns"] = std::move(columns);
  out["rows"] = std::move(rows);
  out["minCount"] = s.min_count;
  out["refreshMinutes"] = s.refresh_minutes;
  out["asOf"] = FormatDateTimeSeconds(t.computed_at);
  return out;
}

json::object DashboardData(const PublicDashboardSettings& s, const AggregateTable& t,
                           std::string_view lang) {
  json::array columns, rows;
  for (size_t i = 0; i < t.groups.size(); ++i) {
    columns.push_back(
        json::object{{"key", t.groups[i].code}, {"label", GroupHeading(s, t, i).In(lang)}});
  }
  for (size_t i = 0; i < t.measures.size(); ++i) {
    columns.push_back(json::object{{"key", MeasureKey(t.measures[i])},
                                   {"label", MeasureHeading(s, t, i).In(lang)}});
  }
  for (const AggregateRow& row : t.rows) {
    json::object r;
    for (size_t i = 0; i < t.groups.size(); ++i) {
      r[t.groups[i].code] = KeyLabel(s, row.keys[i]).In(lang);
    }
    const bool hidden = Suppressed(s, row);
    for (size_t i = 0; i < t.measures.size(); ++i) {
      r[MeasureKey(t.measures[i])] = hidden ? json::value(nullptr) : Figure(row.values[i]);
    }
    r["suppressed"] = hidden;
    rows.push_back(std::move(r));
  }
  return json::object{{"title", s.look.title},
                      {"asOf", FormatDateTimeSeconds(t.computed_at)},
                      {"minCount", s.min_count},
                      {"columns", std::move(columns)},
                      {"rows", std::move(rows)}};
}

std::string DashboardCsv(const PublicDashboardSettings& s, const AggregateTable& t,
                         std::string_view lang) {
  std::string out(common::kUtf8Bom);
  std::vector<std::string> header;
  for (size_t i = 0; i < t.groups.size(); ++i) header.push_back(GroupHeading(s, t, i).In(lang));
  for (size_t i = 0; i < t.measures.size(); ++i) {
    header.push_back(MeasureHeading(s, t, i).In(lang));
  }
  out += common::FormatCsvRow(header);
  const std::string hidden_cell = "<" + std::to_string(s.min_count);
  for (const AggregateRow& row : t.rows) {
    std::vector<std::string> cells;
    for (const std::string& k : row.keys) cells.push_back(CsvText(KeyLabel(s, k).In(lang)));
    const bool hidden = Suppressed(s, row);
    for (const auto& v : row.values) cells.push_back(hidden ? hidden_cell : FigureText(v));
    out += common::FormatCsvRow(cells);
  }
  return out;
}

int64_t PublicDashboardService::computations() const {
  std::lock_guard lock(mutex_);
  return computations_;
}

void PublicDashboardService::Invalidate(const std::string& token) {
  std::lock_guard lock(mutex_);
  snapshots_.erase(token);
  // A computation already running may have read the old settings: its result still answers
  // the requests waiting for it but is not kept.
  if (auto it = flights_.find(token); it != flights_.end()) it->second->stale = true;
}

Result<std::shared_ptr<const DashboardSnapshot>> PublicDashboardService::Snapshot(
    const std::string& token) {
  const int64_t now = clock_.NowSeconds();
  std::shared_ptr<Flight> flight;
  {
    std::unique_lock lock(mutex_);
    auto snapshot = snapshots_.find(token);
    const bool have = snapshot != snapshots_.end();
    if (have && now < snapshot->second->expires_at) return snapshot->second;
    auto running = flights_.find(token);
    if (running != flights_.end()) {
      // Someone is refreshing: the previous figures meanwhile, else wait for the new ones.
      if (have) return snapshot->second;
      flight = running->second;
      flight_done_.wait(lock, [&] { return flight->done; });
      return flight->result;
    }
    flight = std::make_shared<Flight>();
    flights_[token] = flight;
  }
  auto result = Compute(token);
  {
    std::lock_guard lock(mutex_);
    ++computations_;
    if (result.ok() && !flight->stale) {
      snapshots_[token] = *result;
    } else if (!result.ok()) {
      snapshots_.erase(token);
    }
    flights_.erase(token);
    flight->result = result;
    flight->done = true;
  }
  flight_done_.notify_all();
  return result;
}

Result<std::shared_ptr<const DashboardSnapshot>> PublicDashboardService::Compute(
    const std::string& token) {
  auto snapshot = std::make_shared<DashboardSnapshot>();
  Status status = db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto page, tx.sharing().FindPageByToken(token));
    if (!page || !page->enabled || page->kind != PublicPageKind::kDashboard) {
      return Error(ErrorCode::kPublicPageNotFound);
    }
    TK_ASSIGN_OR_RETURN(auto app, tx.apps().Find(page->app_id));
    if (!app || !app->deployed()) return Error(ErrorCode::kPublicPageNotFound);
    TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, *app));
    TK_ASSIGN_OR_RETURN(auto settings,
                        PublicDashboardSettings::FromJson(page->settings, *live->lookup));
    // The publisher's rights, as they are now.
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindById(page->publisher));
    if (!user || !user->valid) return Error(ErrorCode::kNoPrivilege);
    Principal publisher;
    publisher.user_id = user->id;
    publisher.user_code = user->code;
    publisher.user_name = user->name;
    publisher.is_admin = user->is_admin;
    publisher.primary_organization_id = user->primary_organization_id;
    publisher.time_zone = settings.time_zone;
    TK_RETURN_IF_ERROR(CheckAppRight(tx, publisher, *app, AppRight::kManage));
    TK_ASSIGN_OR_RETURN(AggregateTable table,
                        aggregates_.RunIn(tx, publisher, *app, settings.aggregate));
    snapshot->computed_at = table.computed_at;
    snapshot->expires_at = table.computed_at + settings.refresh_minutes * 60;
    snapshot->page_json = json::serialize(DashboardPage(settings, table));
    snapshot->data_json_ja = json::serialize(DashboardData(settings, table, "ja"));
    snapshot->data_json_en = json::serialize(DashboardData(settings, table, "en"));
    snapshot->data_csv_ja = DashboardCsv(settings, table, "ja");
    snapshot->data_csv_en = DashboardCsv(settings, table, "en");
    common::LogInfo("public dashboard " + std::to_string(page->id) + ": computed " +
                    std::to_string(table.rows.size()) + " groups");
    return Status::Ok();
  });
  if (!status.ok()) {
    // Whatever went wrong, residents learn only that there is no such page.
    return Error(ErrorCode::kPublicPageNotFound).WithDetail(status.error().ToString());
  }
  char etag[40];
  std::snprintf(etag, sizeof etag, "\"%016zx-%llx\"", std::hash<std::string>{}(snapshot->page_json),
                static_cast<unsigned long long>(snapshot->computed_at));
  snapshot->etag = etag;
  return std::shared_ptr<const DashboardSnapshot>(std::move(snapshot));
}

Result<json::object> PublicDashboardService::Preview(const Principal& who, int64_t app_id,
                                                     const json::object& body) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_RETURN_IF_ERROR(RequireUser(who));
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, app_id, true));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
    TK_ASSIGN_OR_RETURN(auto settings, PublicDashboardSettings::FromJson(body, *live->lookup));
    Principal as = who;
    as.time_zone = settings.time_zone;
    TK_ASSIGN_OR_RETURN(AggregateTable table, aggregates_.RunIn(tx, as, app, settings.aggregate));
    out = DashboardPage(settings, table);
    return Status::Ok();
  }));
  return out;
}

}  // namespace domain

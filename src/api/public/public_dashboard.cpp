#include "api/public/public_dashboard.h"

#include <algorithm>

#include "domain/sharing/public_dashboard_service.h"
#include "http/response_head.h"
#include "http/static_files.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

enum class Body { kPage, kJson, kCsv };

// The snapshot's `body` with validators: a repeat request holding the ETag gets 304, and
// browsers and proxies may keep the figures until the next refresh is due.
common::Result<http::Response> Serve(Call& call, Services& s, Body body) {
  TK_ASSIGN_OR_RETURN(std::string token, call.params.RequiredString("token"));
  TK_ASSIGN_OR_RETURN(auto lang_param, call.params.OptionalString("lang"));
  const bool en = lang_param.value_or("ja") == "en";
  TK_ASSIGN_OR_RETURN(auto snap, s.public_dashboards.Snapshot(token));
  http::Response r;
  const std::string etag =
      body == Body::kPage ? snap->etag
                          : snap->etag.substr(0, snap->etag.size() - 1) + (en ? "-en\"" : "-ja\"");
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  const int64_t max_age = std::max<int64_t>(0, snap->expires_at - now);
  r.AddHeader("ETag", etag);
  r.AddHeader("Last-Modified", http::FormatHttpDate(static_cast<std::time_t>(snap->computed_at)));
  r.AddHeader("Cache-Control", "public, max-age=" + std::to_string(max_age));
  if (http::EtagMatches(call.request.Header("If-None-Match"), etag)) {
    r.status = 304;
    return r;
  }
  switch (body) {
    case Body::kPage:
      r.AddHeader("Content-Type", "application/json; charset=utf-8");
      r.body = snap->page_json;
      break;
    case Body::kJson:
      r.AddHeader("Content-Type", "application/json; charset=utf-8");
      r.AddHeader("Access-Control-Allow-Origin", "*");  // open data
      r.body = en ? snap->data_json_en : snap->data_json_ja;
      break;
    case Body::kCsv:
      r.AddHeader("Content-Type", "text/csv; charset=utf-8");
      r.AddHeader("Access-Control-Allow-Origin", "*");
      r.AddHeader("Content-Disposition",
                  std::string("attachment; filename=\"dashboard-") + (en ? "en" : "ja") + ".csv\"");
      r.body = en ? snap->data_csv_en : snap->data_csv_ja;
      break;
  }
  return r;
}

}  // namespace

common::Result<http::Response> GetPublicDashboard(Call& call, Services& s) {
  return Serve(call, s, Body::kPage);
}

common::Result<http::Response> GetPublicDashboardJson(Call& call, Services& s) {
  return Serve(call, s, Body::kJson);
}

common::Result<http::Response> GetPublicDashboardCsv(Call& call, Services& s) {
  return Serve(call, s, Body::kCsv);
}

JsonResult PostDashboardPreview(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  const json::value* settings = call.params.Find("settings");
  if (!settings || !settings->is_object()) return Error::Invalid("settings", Text::kRequiredParam);
  return s.public_dashboards.Preview(call.principal, app, settings->as_object());
}

}  // namespace api

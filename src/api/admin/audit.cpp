// The audit log for administrators: GET /api/audit/log.json searches it (by user, action,
// app and time; newest first), GET /api/audit/export.csv downloads the same selection.
// Every cell of the CSV that a spreadsheet would run as a formula is defused.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdio>

#include "api/admin/admin_endpoints.h"
#include "api/dispatcher.h"
#include "api/json_response.h"
#include "common/csv.h"
#include "domain/fields/date_time.h"
#include "domain/permissions/access.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Text;

namespace {

constexpr int64_t kMaxPage = 500;
constexpr int64_t kMaxExport = 100'000;

common::Result<domain::AuditFilter> ReadFilter(const Call& call, int64_t default_limit,
                                               int64_t max_limit) {
  if (!call.principal.is_admin) return Error(ErrorCode::kNoPrivilege);
  domain::AuditFilter f;
  TK_ASSIGN_OR_RETURN(auto user, call.params.OptionalString("user"));
  TK_ASSIGN_OR_RETURN(auto action, call.params.OptionalString("action"));
  TK_ASSIGN_OR_RETURN(f.app_id, call.params.OptionalId("app"));
  f.user_code = user.value_or("");
  f.action = action.value_or("");
  for (auto [name, out] :
       {std::pair<const char*, std::optional<int64_t>*>{"from", &f.from_ms}, {"to", &f.to_ms}}) {
    TK_ASSIGN_OR_RETURN(auto text, call.params.OptionalString(name));
    if (!text || text->empty()) continue;
    auto seconds = domain::ParseDateTime(*text);
    if (!seconds) return Error::Invalid(name, Text::kBadDateTime);
    *out = *seconds * 1000;
  }
  TK_ASSIGN_OR_RETURN(auto limit, call.params.OptionalInt("limit", 1, max_limit));
  TK_ASSIGN_OR_RETURN(auto offset, call.params.OptionalInt("offset", 0, INT64_MAX));
  f.limit = limit.value_or(default_limit);
  f.offset = offset.value_or(0);
  return f;
}

// "2026-11-21T23:40:05.123Z"
std::string FormatMillis(int64_t ms) {
  int64_t seconds = ms / 1000;
  std::string minute = domain::FormatDateTime(seconds);  // "…THH:MM:00Z"
  char rest[16];
  std::snprintf(rest, sizeof rest, "%02lld.%03lldZ", static_cast<long long>(seconds % 60),
                static_cast<long long>(ms % 1000));
  return minute.substr(0, minute.size() - 3) + rest;
}

json::value OptionalString(const std::optional<int64_t>& v) {
  return v ? json::value(std::to_string(*v)) : json::value(nullptr);
}

}  // namespace

// A spreadsheet runs a cell starting with = + - @ (or a tab/CR that hides one) as a
// formula; a leading apostrophe makes it text.
std::string DefuseCsvFormula(std::string cell) {
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  return cell;
}

JsonResult GetAuditLog(Call& call, domain::AuditLog& log) {
  TK_ASSIGN_OR_RETURN(auto filter, ReadFilter(call, 100, kMaxPage));
  TK_ASSIGN_OR_RETURN(auto entries, log.Search(filter));
  json::array out;
  for (const domain::AuditEntry& e : entries) {
    boost::system::error_code ec;
    json::value detail = json::parse(e.detail, ec);
    if (ec) detail = json::object{};
    out.push_back(json::object{{"seq", std::to_string(e.seq)},
                               {"at", FormatMillis(e.at_ms)},
                               {"user", e.user_code},
                               {"address", e.address},
                               {"action", e.action},
                               {"app", OptionalString(e.app_id)},
                               {"target", e.target},
                               {"detail", std::move(detail)}});
  }
  return json::object{{"entries", std::move(out)}};
}

common::Result<http::Response> GetAuditExport(Call& call, domain::AuditLog& log) {
  TK_ASSIGN_OR_RETURN(auto filter, ReadFilter(call, kMaxExport, kMaxExport));
  TK_ASSIGN_OR_RETURN(auto entries, log.Search(filter));
  std::string csv(common::kUtf8Bom);
  csv +=
      common::FormatCsvRow({"seq", "at", "user", "address", "action", "app", "target", "detail"});
  for (const domain::AuditEntry& e : entries) {
    std::vector<std::string> row = {std::to_string(e.seq),
                                    FormatMillis(e.at_ms),
                                    e.user_code,
                                    e.address,
                                    e.action,
                                    e.app_id ? std::to_string(*e.app_id) : "",
                                    e.target,
                                    e.detail};
    for (std::string& cell : row) cell = DefuseCsvFormula(std::move(cell));
    csv += common::FormatCsvRow(row);
  }
  http::Response r = http::Response::Text(200, std::move(csv), "text/csv; charset=utf-8");
  r.AddHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
  r.AddHeader("Cache-Control", "no-store");
  r.AddHeader("X-Content-Type-Options", "nosniff");
  return r;
}

void AddAuditRoutes(Dispatcher& d, domain::AuditLog& log) {
  d.At("GET", "/api/audit/log.json", Access::kUserOnly,
       [&log](Call& c) { return GetAuditLog(c, log); });
  d.AtRaw("GET", "/api/audit/export.csv", Access::kUserOnly,
          [&log](Call& c) { return GetAuditExport(c, log); });
}

}  // namespace api

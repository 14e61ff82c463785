// GET/POST/PUT/DELETE /api/public/pages.json and GET/PUT /api/app/receipt.json.
#include "api/public/public_endpoints.h"
#include "domain/sharing/public_page_service.h"
#include "domain/sharing/receipt_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

json::object PageJson(const domain::PublicPage& p) {
  std::string path = p.kind == domain::PublicPageKind::kForm     ? "/public/f/"
                     : p.kind == domain::PublicPageKind::kLookup ? "/public/l/"
                                                                 : "/public/d/";
  return json::object{{"id", std::to_string(p.id)},
                      {"app", std::to_string(p.app_id)},
                      {"kind", std::string(domain::KindName(p.kind))},
                      {"token", p.token},
                      {"path", path + p.token},
                      {"enabled", p.enabled},
                      {"settings", p.settings},
                      {"createdAt", p.created_at},
                      {"updatedAt", p.updated_at}};
}

common::Result<json::object> SettingsParam(const Params& params) {
  const json::value* v = params.Find("settings");
  if (!v) return Error::Invalid("settings", Text::kRequiredParam);
  if (!v->is_object()) return Error::Invalid("settings", Text::kBadValueShape);
  return v->as_object();
}

}  // namespace

JsonResult GetPublicPages(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto pages, s.public_pages.List(call.principal, app));
  json::array out;
  for (const auto& p : pages) out.push_back(PageJson(p));
  return json::object{{"pages", std::move(out)}};
}

JsonResult PostPublicPage(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(std::string kind_name, call.params.RequiredString("kind"));
  auto kind = domain::ParseKind(kind_name);
  if (!kind) return Error::Invalid("kind", Text::kBadValueShape);
  TK_ASSIGN_OR_RETURN(json::object settings, SettingsParam(call.params));
  TK_ASSIGN_OR_RETURN(auto enabled, call.params.OptionalBool("enabled"));
  TK_ASSIGN_OR_RETURN(auto page, s.public_pages.Create(call.principal, app, *kind, settings,
                                                       enabled.value_or(true)));
  return PageJson(page);
}

JsonResult PutPublicPage(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  std::optional<json::object> settings;
  if (call.params.Has("settings")) {
    TK_ASSIGN_OR_RETURN(settings, SettingsParam(call.params));
  }
  TK_ASSIGN_OR_RETURN(auto enabled, call.params.OptionalBool("enabled"));
  TK_ASSIGN_OR_RETURN(auto page, s.public_pages.Update(call.principal, id, settings, enabled));
  return PageJson(page);
}

JsonResult DeletePublicPage(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  TK_RETURN_IF_ERROR(s.public_pages.Delete(call.principal, id));
  return json::object{};
}

JsonResult GetReceiptFormat(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto format, s.receipts.Get(call.principal, app));
  return json::object{{"format", format ? json::value(format->ToJson()) : json::value(nullptr)}};
}

JsonResult PutReceiptFormat(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  const json::value* format = call.params.Find("format");
  TK_RETURN_IF_ERROR(s.receipts.Put(call.principal, app, format ? *format : json::value(nullptr)));
  return GetReceiptFormat(call, s);
}

}  // namespace api

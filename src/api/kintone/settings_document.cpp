// GET/PUT of the settings documents kintone stores per app (settings, status, customize,
// notifications, reports, actions, adminNotes, plugins): read back as stored, with the
// revision of the stage read.
#include <boost/json/serialize.hpp>

#include "api/kintone/endpoints.h"
#include "domain/apps/app_service.h"

namespace api {

namespace json = boost::json;

JsonResult GetSettingsDocument(Call& call, Services& s, domain::Stage stage,
                               const std::string& kind) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto doc, s.apps.GetSettings(call.principal, app, stage, kind));
  json::object out = std::move(doc.body);
  out["revision"] = std::to_string(doc.revision);
  return out;
}

JsonResult PutSettingsDocument(Call& call, Services& s, const std::string& kind, bool merge) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, call.params.OptionalInt("revision", -1, INT64_MAX));
  json::object body = call.params.values();
  body.erase("app");
  body.erase("revision");
  TK_ASSIGN_OR_RETURN(int64_t new_revision,
                      s.apps.PutSettings(call.principal, app, kind, std::move(body), merge, revision));
  return json::object{{"revision", std::to_string(new_revision)}};
}

}  // namespace api

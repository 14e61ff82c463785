// /api/app/tokens.json: API tokens of an app (kintone manages them in its UI only).
// GET lists (never the token text), POST creates one and shows its text once, DELETE revokes.
// Needs app management rights; tokens themselves cannot manage tokens.
#include "api/admin/admin_endpoints.h"
#include "auth/authenticator.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

common::Status RequireManager(Call& call, Services& s, int64_t app) {
  TK_RETURN_IF_ERROR(domain::RequireUser(call.principal));
  // Reading the preview settings requires app management: the same right as tokens.
  return s.apps.GetSettings(call.principal, app, domain::Stage::kPreview, "settings").ok()
             ? common::Status::Ok()
             : common::Status(Error(common::ErrorCode::kNoPrivilege));
}

}  // namespace

JsonResult GetApiTokens(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_RETURN_IF_ERROR(RequireManager(call, s, app));
  TK_ASSIGN_OR_RETURN(auto tokens, s.auth.ListApiTokens(app));
  json::array out;
  for (const auto& t : tokens) {
    out.push_back(json::object{{"id", std::to_string(t.id)},
                               {"hint", t.hint},
                               {"viewRecord", t.grant.view},
                               {"addRecord", t.grant.add},
                               {"editRecord", t.grant.edit},
                               {"deleteRecord", t.grant.remove},
                               {"editApp", t.grant.manage},
                               {"revoked", t.revoked_at.has_value()}});
  }
  return json::object{{"tokens", std::move(out)}};
}

JsonResult PostApiToken(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_RETURN_IF_ERROR(RequireManager(call, s, app));
  domain::TokenGrant g;
  g.app_id = app;
  for (auto [name, flag] : {std::pair<const char*, bool*>{"viewRecord", &g.view},
                            {"addRecord", &g.add},
                            {"editRecord", &g.edit},
                            {"deleteRecord", &g.remove},
                            {"editApp", &g.manage}}) {
    TK_ASSIGN_OR_RETURN(auto v, call.params.OptionalBool(name));
    *flag = v.value_or(false);
  }
  TK_ASSIGN_OR_RETURN(std::string token, s.auth.CreateApiToken(app, g, call.principal.user_id));
  return json::object{{"token", token}};
}

JsonResult DeleteApiToken(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  TK_RETURN_IF_ERROR(RequireManager(call, s, app));
  TK_RETURN_IF_ERROR(s.auth.RevokeApiToken(app, id));
  return json::object{};
}

}  // namespace api

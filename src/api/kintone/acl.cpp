// GET/PUT of the app, record and field permissions (§7.7): app/acl.json, record/acl.json,
// field/acl.json and their preview/ forms. A PUT without preview/ changes the preview and
// deploys the app, as kintone's does. GET records/acl/evaluate.json (§5.12), and Tsumiki's
// "check as this user" (GET /api/app/acl/evaluate.json?app&user&ids) for app managers.
#include "api/kintone/endpoints.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/acl_service.h"
#include "domain/records/access_check_service.h"

namespace api {

namespace json = boost::json;

namespace {

// kintone's record and field ACL PUTs accept the app as `id` or `app` (`id` wins).
common::Result<int64_t> AppParam(Call& call) {
  TK_ASSIGN_OR_RETURN(auto id, call.params.OptionalId("id"));
  if (id) return *id;
  return call.params.RequiredId("app");
}

common::Result<std::vector<int64_t>> Ids(Call& call) {
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("ids"));
  std::vector<int64_t> ids;
  if (!list) return ids;
  for (size_t i = 0; i < list->size(); ++i) {
    auto id = AsInt((*list)[i]);
    if (!id || *id < 1) {
      return common::Error::Invalid("ids[" + std::to_string(i) + "]", common::Text::kNotInteger);
    }
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace

JsonResult GetRecordsAclEvaluate(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto ids, Ids(call));
  if (!call.params.Has("ids")) return common::Error::Invalid("ids", common::Text::kRequiredParam);
  return s.access_checks.Evaluate(call.principal, app, ids);
}

JsonResult GetAclCheckAsUser(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(std::string user, call.params.RequiredString("user"));
  TK_ASSIGN_OR_RETURN(auto ids, Ids(call));
  return s.access_checks.EvaluateAs(call.principal, app, user, ids);
}

JsonResult GetAcl(Call& call, Services& s, domain::Stage stage, domain::AclKind kind) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto doc, s.acls.Get(call.principal, app, stage, kind));
  return json::object{{"rights", std::move(doc.rights)},
                      {"revision", std::to_string(doc.revision)}};
}

JsonResult PutAcl(Call& call, Services& s, domain::AclKind kind, bool deploy) {
  TK_ASSIGN_OR_RETURN(int64_t app, AppParam(call));
  TK_ASSIGN_OR_RETURN(auto revision, call.params.OptionalInt("revision", -1, INT64_MAX));
  const json::value* found = call.params.Find("rights");
  json::value rights = found ? NormalizeQsArrays(*found) : json::value();
  TK_ASSIGN_OR_RETURN(int64_t new_revision,
                      s.acls.Put(call.principal, app, kind, rights, revision));
  if (deploy) {
    TK_RETURN_IF_ERROR(s.apps.Deploy(call.principal, {{app, new_revision}}, false));
  }
  return json::object{{"revision", std::to_string(new_revision)}};
}

}  // namespace api

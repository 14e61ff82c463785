// POST/GET preview/app/deploy.json. Tsumiki deploys synchronously: when POST answers {}
// the apps are live, and a failed deploy answers with the error (status FAIL afterwards).
#include "api/kintone/endpoints.h"
#include "domain/apps/app_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PostDeploy(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("apps"));
  if (!list || list->empty()) return Error::Invalid("apps", Text::kRequiredParam);
  if (list->size() > 300) return Error::Invalid("apps", Text::kTooManyItems, {"300"});
  std::vector<domain::DeployTarget> targets;
  for (size_t i = 0; i < list->size(); ++i) {
    const json::value& v = (*list)[i];
    std::string key = "apps[" + std::to_string(i) + "]";
    if (!v.is_object() || !v.as_object().if_contains("app")) {
      return Error::Invalid(key + ".app", Text::kRequiredParam);
    }
    auto app = AsInt(v.as_object().at("app"));
    if (!app || *app < 1) return Error::Invalid(key + ".app", Text::kMinOne);
    domain::DeployTarget t{*app, std::nullopt};
    if (const json::value* r = v.as_object().if_contains("revision")) {
      auto rev = AsInt(*r);
      if (!rev) return Error::Invalid(key + ".revision", Text::kNotInteger);
      t.revision = *rev;
    }
    targets.push_back(t);
  }
  TK_ASSIGN_OR_RETURN(auto revert, call.params.OptionalBool("revert"));
  TK_RETURN_IF_ERROR(s.apps.Deploy(call.principal, targets, revert.value_or(false)));
  return json::object{};
}

JsonResult GetDeployStatus(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("apps"));
  if (!list || list->empty()) return Error::Invalid("apps", Text::kRequiredParam);
  if (list->size() > 300) return Error::Invalid("apps", Text::kTooManyItems, {"300"});
  std::vector<int64_t> ids;
  for (size_t i = 0; i < list->size(); ++i) {
    auto id = AsInt((*list)[i]);
    if (!id || *id < 1) return Error::Invalid("apps[" + std::to_string(i) + "]", Text::kMinOne);
    ids.push_back(*id);
  }
  TK_ASSIGN_OR_RETURN(auto states, s.apps.DeployStatus(call.principal, ids));
  json::array out;
  for (const auto& st : states) {
    out.push_back(json::object{{"app", std::to_string(st.app)}, {"status", st.status}});
  }
  return json::object{{"apps", std::move(out)}};
}

}  // namespace api

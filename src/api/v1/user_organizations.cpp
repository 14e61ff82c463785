// Organisation memberships: GET /v1/user/organizations.json?code= (a user's organisations
// with titles), GET /v1/organization/users.json?code= (an organisation's members, paged) and
// PUT /v1/userOrganizations.json (replaces each listed user's whole list).
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "api/v1/directory_readers.h"
#include "domain/users/organization_service.h"

namespace api {

namespace json = boost::json;
using common::Text;

JsonResult GetUserOrganizations(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string code, call.params.RequiredString("code"));
  TK_ASSIGN_OR_RETURN(auto list, s.organizations.UserOrganizations(call.principal, code));
  json::array out;
  for (const auto& e : list) {
    out.push_back(json::object{{"organization", OrganizationToJson(e.organization)},
                               {"title", TitleToJson(e.title)}});
  }
  return json::object{{"organizationTitles", std::move(out)}};
}

JsonResult GetOrganizationUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto q, ReadMemberQuery(call.params));
  TK_ASSIGN_OR_RETURN(
      auto list, s.organizations.OrganizationUsers(call.principal, q.codes[0], q.offset, q.limit));
  json::array out;
  for (const auto& e : list) {
    out.push_back(json::object{{"user", UserToJson(e.user)}, {"title", TitleToJson(e.title)}});
  }
  return json::object{{"userTitles", std::move(out)}};
}

domain::UserOrganizationsChange ReadUserOrganizations(ItemReader& r) {
  domain::UserOrganizationsChange c;
  c.key = r.key();
  c.user_code = r.String("code").value_or("");
  c.primary_code = r.String("primaryOrganization");
  const json::value* list = r.Find("organizations");
  if (!list) {
    r.Problem("organizations", Text::kRequired);
    return c;
  }
  if (!list->is_array()) {
    r.Problem("organizations", Text::kNotArray);
    return c;
  }
  for (size_t j = 0; j < list->as_array().size(); ++j) {
    const json::value& e = list->as_array()[j];
    std::string name = "organizations[" + std::to_string(j) + "]";
    const json::object* o = e.if_object();
    const json::value* org = o ? o->if_contains("orgCode") : nullptr;
    const json::value* title = o ? o->if_contains("titleCode") : nullptr;
    if (!org || !org->is_string()) {
      r.Problem(name + ".orgCode", Text::kRequired);
      continue;
    }
    if (title && !title->is_string() && !title->is_null()) {
      r.Problem(name + ".titleCode", Text::kNotString);
      continue;
    }
    c.organizations.push_back({"", std::string(org->as_string()),
                               title && title->is_string()
                                   ? std::optional<std::string>(title->as_string())
                                   : std::nullopt});
  }
  return c;
}

JsonResult PutUserOrganizations(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto items, ReadItems<domain::UserOrganizationsChange>(
                                      call.params, "userOrganizations", ReadUserOrganizations));
  TK_RETURN_IF_ERROR(s.organizations.SetUserOrganizations(call.principal, std::move(items)));
  return json::object{};
}

}  // namespace api

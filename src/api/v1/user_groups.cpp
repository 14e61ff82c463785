// Group memberships: GET /v1/user/groups.json?code=, GET /v1/group/users.json?code= (paged)
// and PUT /v1/userGroups.json (Tsumiki's extension; replaces each listed user's groups).
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/group_service.h"

namespace api {

namespace json = boost::json;
using common::Text;

JsonResult GetUserGroups(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string code, call.params.RequiredString("code"));
  TK_ASSIGN_OR_RETURN(auto groups, s.groups.UserGroups(call.principal, code));
  json::array out;
  for (const domain::Group& g : groups) out.push_back(GroupToJson(g));
  return json::object{{"groups", std::move(out)}};
}

JsonResult GetGroupUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto q, ReadMemberQuery(call.params));
  TK_ASSIGN_OR_RETURN(auto users,
                      s.groups.GroupUsers(call.principal, q.codes[0], q.offset, q.limit));
  json::array out;
  for (const domain::User& u : users) out.push_back(UserToJson(u));
  return json::object{{"users", std::move(out)}};
}

namespace {

domain::UserGroupsChange ReadUserGroups(ItemReader& r) {
  domain::UserGroupsChange c;
  c.key = r.key();
  c.user_code = r.String("code").value_or("");
  const json::value* list = r.Find("groups");
  if (!list || !list->is_array()) {
    r.Problem("groups", list ? Text::kNotArray : Text::kRequired);
    return c;
  }
  for (size_t j = 0; j < list->as_array().size(); ++j) {
    const json::value& g = list->as_array()[j];
    if (!g.is_string()) {
      r.Problem("groups[" + std::to_string(j) + "]", Text::kNotString);
      continue;
    }
    c.group_codes.emplace_back(g.as_string());
  }
  return c;
}

}  // namespace

JsonResult PutUserGroups(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(
      auto items, ReadItems<domain::UserGroupsChange>(call.params, "userGroups", ReadUserGroups));
  TK_RETURN_IF_ERROR(s.groups.SetUserGroups(call.principal, std::move(items)));
  return json::object{};
}

}  // namespace api

// POST and PUT /api/directory/user.json (Tsumiki's extension): the administrators' user screen
// saves one user in one request, all or nothing —
//   {"user": {users.json item},
//    "memberships": {"organizations": [{orgCode, titleCode}], "primaryOrganization"},  optional
//    "groups": ["code", …]}                                                           optional
// POST adds the user, PUT updates `user.code` (newCode renames). An absent "memberships" or
// "groups" leaves that list as it is. Problems are keyed "user.name",
// "memberships.organizations[0].orgCode", "groups[1]"…
#include "domain/users/user_account.h"
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_readers.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

JsonResult SaveUserAccount(Call& call, Services& s, bool add) {
  const json::object& body = call.params.values();
  Error errors = Error::Validation();
  domain::UserAccountChange change;
  change.add = add;
  const json::value* user = body.if_contains("user");
  if (!user || user->is_null()) {
    errors.AddField("user", Text::kRequired);
  } else if (!user->is_object()) {
    errors.AddField("user", Text::kNotObject);
  } else {
    ItemReader r(user->as_object(), "user", errors);
    change.user = ReadUser(r);
  }
  if (const json::value* m = body.if_contains("memberships"); m && !m->is_null()) {
    if (!m->is_object()) {
      errors.AddField("memberships", Text::kNotObject);
    } else {
      ItemReader r(m->as_object(), "memberships", errors);
      domain::UserOrganizationsChange read = ReadUserOrganizations(r);
      change.organizations = std::move(read.organizations);
      change.primary_organization = std::move(read.primary_code);
    }
  }
  if (const json::value* g = body.if_contains("groups"); g && !g->is_null()) {
    if (!g->is_array()) {
      errors.AddField("groups", Text::kNotArray);
    } else {
      change.groups.emplace();
      for (size_t j = 0; j < g->as_array().size(); ++j) {
        const json::value& code = g->as_array()[j];
        if (!code.is_string()) {
          errors.AddField("groups[" + std::to_string(j) + "]", Text::kNotString);
          continue;
        }
        change.groups->emplace_back(code.as_string());
      }
    }
  }
  if (errors.has_fields()) return errors;
  TK_RETURN_IF_ERROR(
      s.users.SaveAccount(call.principal, std::move(change), s.organizations, s.groups));
  return json::object{};
}

}  // namespace

JsonResult PostUserAccount(Call& call, Services& s) { return SaveUserAccount(call, s, true); }
JsonResult PutUserAccount(Call& call, Services& s) { return SaveUserAccount(call, s, false); }

}  // namespace api

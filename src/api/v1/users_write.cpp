// POST, PUT and DELETE /v1/users.json: add, partially update (by code, newCode renames) and
// delete up to 100 users; POST and PUT read the same item shape.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "api/v1/directory_readers.h"
#include "domain/users/user_service.h"

namespace api {

namespace json = boost::json;
using common::Text;

domain::UserChange ReadUser(ItemReader& r) {
  domain::UserChange c;
  c.key = r.key();
  c.code = r.String("code").value_or("");
  c.new_code = r.String("newCode");
  c.password = r.String("password");
  c.name = r.String("name");
  c.valid = r.Bool("valid");
  c.is_admin = r.Bool("isAdmin");
  c.locale = r.String("locale");
  c.time_zone = r.String("timezone");
  c.email = r.String("email");
  c.primary_organization = r.String("primaryOrganization");
  c.sort_order = r.Int("sortOrder");
  for (const char* p : domain::kUserProfileProperties) {
    if (auto v = r.String(p)) c.profile[p] = *v;
  }
  if (const json::value* items = r.Find("customItemValues"); items && !items->is_null()) {
    c.custom_items.emplace();
    if (!items->is_array()) {
      r.Problem("customItemValues", Text::kNotArray);
      return c;
    }
    for (const json::value& item : items->as_array()) {
      const json::object* o = item.if_object();
      const json::value* code = o ? o->if_contains("code") : nullptr;
      const json::value* value = o ? o->if_contains("value") : nullptr;
      if (!code || !code->is_string() || (value && !value->is_string() && !value->is_null())) {
        r.Problem("customItemValues", Text::kBadValueShape);
        continue;
      }
      c.custom_items->emplace_back(
          std::string(code->as_string()),
          value && value->is_string() ? std::string(value->as_string()) : std::string());
    }
  }
  return c;
}

JsonResult PostUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto users, ReadItems<domain::UserChange>(call.params, "users", ReadUser));
  TK_RETURN_IF_ERROR(s.users.Add(call.principal, std::move(users)));
  return json::object{};
}

JsonResult PutUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto users, ReadItems<domain::UserChange>(call.params, "users", ReadUser));
  TK_RETURN_IF_ERROR(s.users.Update(call.principal, std::move(users)));
  return json::object{};
}

JsonResult DeleteUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto codes, ReadCodes(call.params));
  TK_RETURN_IF_ERROR(s.users.Delete(call.principal, codes));
  return json::object{};
}

}  // namespace api

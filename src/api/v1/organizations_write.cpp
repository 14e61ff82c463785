// POST, PUT and DELETE /v1/organizations.json: add, update (newCode renames, parentCode
// moves within the tree; "" or null makes a root) and delete up to 100 organisations.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/organization_service.h"

namespace api {

namespace json = boost::json;

namespace {

domain::OrganizationChange ReadOrganization(ItemReader& r) {
  domain::OrganizationChange c;
  c.key = r.key();
  c.code = r.String("code").value_or("");
  c.new_code = r.String("newCode");
  c.name = r.String("name");
  c.parent_code = r.String("parentCode");
  if (const json::value* v = r.Find("parentCode"); v && v->is_null()) c.parent_code = "";
  c.local_name = r.String("localName");
  c.local_name_locale = r.String("localNameLocale");
  c.description = r.String("description");
  return c;
}

}  // namespace

JsonResult PostOrganizations(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto items, ReadItems<domain::OrganizationChange>(
                                      call.params, "organizations", ReadOrganization));
  TK_RETURN_IF_ERROR(s.organizations.Add(call.principal, std::move(items)));
  return json::object{};
}

JsonResult PutOrganizations(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto items, ReadItems<domain::OrganizationChange>(
                                      call.params, "organizations", ReadOrganization));
  TK_RETURN_IF_ERROR(s.organizations.Update(call.principal, std::move(items)));
  return json::object{};
}

JsonResult DeleteOrganizations(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto codes, ReadCodes(call.params));
  TK_RETURN_IF_ERROR(s.organizations.Delete(call.principal, codes));
  return json::object{};
}

}  // namespace api

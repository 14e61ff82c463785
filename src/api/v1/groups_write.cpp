// POST, PUT and DELETE /v1/groups.json (Tsumiki's extension; kintone edits groups in its
// UI): add, update (newCode renames) and delete up to 100 groups.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/group_service.h"

namespace api {

namespace json = boost::json;

namespace {

domain::GroupChange ReadGroup(ItemReader& r) {
  domain::GroupChange c;
  c.key = r.key();
  c.code = r.String("code").value_or("");
  c.new_code = r.String("newCode");
  c.name = r.String("name");
  c.description = r.String("description");
  return c;
}

}  // namespace

JsonResult PostGroups(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto items, ReadItems<domain::GroupChange>(call.params, "groups", ReadGroup));
  TK_RETURN_IF_ERROR(s.groups.Add(call.principal, std::move(items)));
  return json::object{};
}

JsonResult PutGroups(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto items, ReadItems<domain::GroupChange>(call.params, "groups", ReadGroup));
  TK_RETURN_IF_ERROR(s.groups.Update(call.principal, std::move(items)));
  return json::object{};
}

JsonResult DeleteGroups(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto codes, ReadCodes(call.params));
  TK_RETURN_IF_ERROR(s.groups.Delete(call.principal, codes));
  return json::object{};
}

}  // namespace api

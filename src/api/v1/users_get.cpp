// GET /v1/users.json: users by ids[] or codes[], paged by offset and size.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/user_service.h"

namespace api {

JsonResult GetUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto filter, ReadDirectoryFilter(call.params));
  TK_ASSIGN_OR_RETURN(auto users, s.users.List(call.principal, filter));
  boost::json::array out;
  for (const domain::User& u : users) {
    boost::json::object o = UserToJson(u);
    // Tsumiki's extension; only administrators learn who the administrators are.
    if (call.principal.is_admin) o["isAdmin"] = u.is_admin;
    out.push_back(std::move(o));
  }
  return boost::json::object{{"users", std::move(out)}};
}

}  // namespace api

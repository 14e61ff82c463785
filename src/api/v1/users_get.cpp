// GET /v1/users.json: users by ids[] or codes[], paged by offset and size.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/user_service.h"

namespace api {

JsonResult GetUsers(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto filter, ReadDirectoryFilter(call.params));
  TK_ASSIGN_OR_RETURN(auto users, s.users.List(call.principal, filter));
  boost::json::array out;
  for (const domain::User& u : users) out.push_back(UserToJson(u));
  return boost::json::object{{"users", std::move(out)}};
}

}  // namespace api

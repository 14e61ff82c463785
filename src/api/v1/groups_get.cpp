// GET /v1/groups.json: groups (roles) by ids[] or codes[], paged by offset and size.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/group_service.h"

namespace api {

JsonResult GetGroups(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto filter, ReadDirectoryFilter(call.params));
  TK_ASSIGN_OR_RETURN(auto groups, s.groups.List(call.principal, filter));
  boost::json::array out;
  for (const domain::Group& g : groups) out.push_back(GroupToJson(g));
  return boost::json::object{{"groups", std::move(out)}};
}

}  // namespace api

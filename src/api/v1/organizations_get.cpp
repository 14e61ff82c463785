// GET /v1/organizations.json: organisations by ids[] or codes[], paged by offset and size.
#include "api/v1/directory_endpoints.h"
#include "api/v1/directory_json.h"
#include "domain/users/organization_service.h"

namespace api {

JsonResult GetOrganizations(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto filter, ReadDirectoryFilter(call.params));
  TK_ASSIGN_OR_RETURN(auto orgs, s.organizations.List(call.principal, filter));
  boost::json::array out;
  for (const domain::Organization& o : orgs) out.push_back(OrganizationToJson(o));
  return boost::json::object{{"organizations", std::move(out)}};
}

}  // namespace api

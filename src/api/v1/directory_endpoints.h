// The cybozu User API (/v1/users.json …, spec §10) and Tsumiki's directory CSV endpoints
// (/api/directory/…); one handler per file, bound to paths in routes.cpp.
#pragma once

#include "api/kintone/endpoints.h"

namespace api {

// Users
JsonResult GetUsers(Call& call, Services& s);
JsonResult PostUsers(Call& call, Services& s);
JsonResult PutUsers(Call& call, Services& s);
JsonResult DeleteUsers(Call& call, Services& s);
// The user screen's save in one request (Tsumiki's extension, user_account.cpp)
JsonResult PostUserAccount(Call& call, Services& s);
JsonResult PutUserAccount(Call& call, Services& s);
// Organisations and memberships
JsonResult GetOrganizations(Call& call, Services& s);
JsonResult PostOrganizations(Call& call, Services& s);
JsonResult PutOrganizations(Call& call, Services& s);
JsonResult DeleteOrganizations(Call& call, Services& s);
JsonResult GetUserOrganizations(Call& call, Services& s);
JsonResult GetOrganizationUsers(Call& call, Services& s);
JsonResult PutUserOrganizations(Call& call, Services& s);
// Groups (the write endpoints are Tsumiki's extension)
JsonResult GetGroups(Call& call, Services& s);
JsonResult PostGroups(Call& call, Services& s);
JsonResult PutGroups(Call& call, Services& s);
JsonResult DeleteGroups(Call& call, Services& s);
JsonResult GetUserGroups(Call& call, Services& s);
JsonResult GetGroupUsers(Call& call, Services& s);
JsonResult PutUserGroups(Call& call, Services& s);
// CSV export/import of users, organisations and memberships
common::Result<http::Response> GetDirectoryExport(Call& call, Services& s);
JsonResult PostDirectoryImport(Call& call, Services& s);

}  // namespace api

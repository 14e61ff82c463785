// Request items of the User API write endpoints, shared with the user screen's one-request save
// (/api/directory/user.json): a users.json item and a userOrganizations.json item.
#pragma once

#include "api/v1/directory_json.h"
#include "domain/users/organization_service.h"
#include "domain/users/user_service.h"

namespace api {

domain::UserChange ReadUser(ItemReader& r);
// {code, organizations: [{orgCode, titleCode}], primaryOrganization}
domain::UserOrganizationsChange ReadUserOrganizations(ItemReader& r);

}  // namespace api

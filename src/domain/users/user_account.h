// One user as the administrators' user screen edits it — the account, the organisations with
// their titles and the primary one, and the groups — checked together and written in one
// transaction: all of it or nothing. Problems are keyed like the request: "user.<property>",
// "memberships.organizations[j].orgCode|titleCode", "memberships.primaryOrganization",
// "groups[j]"; every one is reported at once.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "domain/users/group_service.h"
#include "domain/users/organization_service.h"
#include "domain/users/user_service.h"

namespace domain {

struct UserAccountChange {
  bool add = false;  // add a new user; otherwise update `user.code` (newCode renames it)
  UserChange user;
  // The whole organisation list (replaces the current one); nullopt leaves it as it is.
  std::optional<std::vector<UserOrganizationsChange::Entry>> organizations;
  std::optional<std::string> primary_organization;
  // The whole group list; nullopt leaves it as it is.
  std::optional<std::vector<std::string>> groups;
};

}  // namespace domain

// Memberships that follow the directory (LDAP / Active Directory): at each directory
// sign-in the operator's mapping is applied to the account inside the caller's transaction.
//  - Groups: each mapped directory group (by DN) names a Tsumiki group; the account is a
//    member of a mapped Tsumiki group exactly when the directory puts it in one of the groups
//    mapped to it. Memberships of groups no mapping names are never touched.
//  - Organisation: an attribute of the entry holds the code of the primary organisation.
//    The primary organisation belongs to the directory: when the attribute changes (April's
//    reshuffle), the membership of the previous primary organisation is removed and the new
//    one added and made primary; an empty or unknown code leaves no primary organisation.
//    Other organisation memberships (added by hand) stay.
// Pure business rules over the repositories; the caller audits the result.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/transaction.h"
#include "domain/users/user.h"

namespace domain {

struct DirectorySyncRules {
  // Directory group DN (canonical form, see auth::CanonicalDn) → Tsumiki group code. Several
  // DNs may name one group.
  std::vector<std::pair<std::string, std::string>> groups;
  bool organization = false;  // the primary organisation follows the directory
  bool empty() const { return groups.empty() && !organization; }
};

// What the directory says of one person.
struct DirectoryMemberships {
  std::vector<std::string> group_dns;  // canonical DNs of every group the person is in
  std::string organization_code;       // "" = none
};

// What changed, for the audit log and the operator's log.
struct DirectorySyncResult {
  std::vector<std::string> groups_added;  // Tsumiki group codes
  std::vector<std::string> groups_removed;
  bool organization_changed = false;
  std::string organization_from;  // codes; "" = none
  std::string organization_to;
  // Mapping targets that do not exist here (a group code, the organisation code): skipped.
  std::vector<std::string> unknown;
  bool changed() const {
    return !groups_added.empty() || !groups_removed.empty() || organization_changed;
  }
};

// Applies `rules` to `user` (an existing account, updated in place) with what the directory
// says. Writes only what differs.
common::Result<DirectorySyncResult> SyncDirectoryMemberships(Transaction& tx, User& user,
                                                             const DirectorySyncRules& rules,
                                                             const DirectoryMemberships& says,
                                                             int64_t now);

}  // namespace domain

#include "domain/users/directory_sync.h"

#include <algorithm>
#include <set>

#include "domain/users/directory_repository.h"
#include "domain/users/user_repository.h"

namespace domain {

using common::Result;
using common::Status;

namespace {

Status SyncGroups(Transaction& tx, const User& user, const DirectorySyncRules& rules,
                  const DirectoryMemberships& says, DirectorySyncResult& result) {
  std::set<std::string> mapped, wanted;
  std::set<std::string> member_of(says.group_dns.begin(), says.group_dns.end());
  for (const auto& [dn, code] : rules.groups) {
    mapped.insert(code);
    if (member_of.contains(dn)) wanted.insert(code);
  }
  TK_ASSIGN_OR_RETURN(std::vector<int64_t> current, tx.directory().UserGroups(user.id));
  std::vector<int64_t> next = current;
  for (const std::string& code : mapped) {
    TK_ASSIGN_OR_RETURN(std::optional<Group> group, tx.directory().FindGroup(code));
    if (!group) {
      result.unknown.push_back("group " + code);
      continue;
    }
    bool is_member = std::find(next.begin(), next.end(), group->id) != next.end();
    if (wanted.contains(code) && !is_member) {
      next.push_back(group->id);
      result.groups_added.push_back(code);
    } else if (!wanted.contains(code) && is_member) {
      std::erase(next, group->id);
      result.groups_removed.push_back(code);
    }
  }
  if (next == current) return Status::Ok();
  return tx.directory().SetUserGroups(user.id, next);
}

Status SyncOrganization(Transaction& tx, User& user, const DirectoryMemberships& says, int64_t now,
                        DirectorySyncResult& result) {
  std::optional<int64_t> target;
  if (!says.organization_code.empty()) {
    TK_ASSIGN_OR_RETURN(std::optional<Organization> org,
                        tx.directory().FindOrganization(says.organization_code));
    if (org) {
      target = org->id;
    } else {
      result.unknown.push_back("organization " + says.organization_code);
    }
  }
  if (target == user.primary_organization_id) return Status::Ok();

  TK_ASSIGN_OR_RETURN(std::vector<OrganizationMembership> list,
                      tx.directory().UserOrganizations(user.id));
  if (user.primary_organization_id) {
    int64_t previous = *user.primary_organization_id;
    std::erase_if(list,
                  [&](const OrganizationMembership& m) { return m.organization_id == previous; });
    DirectoryFilter by_id;
    by_id.ids = {previous};
    TK_ASSIGN_OR_RETURN(auto found, tx.directory().ListOrganizations(by_id));
    if (!found.empty()) result.organization_from = found.front().code;
  }
  if (target && std::none_of(list.begin(), list.end(), [&](const OrganizationMembership& m) {
        return m.organization_id == *target;
      })) {
    list.insert(list.begin(), OrganizationMembership{*target, std::nullopt});
  }
  TK_RETURN_IF_ERROR(tx.directory().SetUserOrganizations(user.id, list));
  user.primary_organization_id = target;
  user.updated_at = now;
  TK_RETURN_IF_ERROR(tx.users().Update(user));
  result.organization_changed = true;
  result.organization_to = target ? says.organization_code : "";
  return Status::Ok();
}

}  // namespace

Result<DirectorySyncResult> SyncDirectoryMemberships(Transaction& tx, User& user,
                                                     const DirectorySyncRules& rules,
                                                     const DirectoryMemberships& says,
                                                     int64_t now) {
  DirectorySyncResult result;
  if (!rules.groups.empty()) TK_RETURN_IF_ERROR(SyncGroups(tx, user, rules, says, result));
  if (rules.organization) TK_RETURN_IF_ERROR(SyncOrganization(tx, user, says, now, result));
  return result;
}

}  // namespace domain

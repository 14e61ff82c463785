#include "domain/users/user_account.h"

#include "domain/permissions/access.h"
#include "domain/users/directory_rules.h"

namespace domain {

using common::Error;
using common::Status;

namespace {

// The membership steps name the user by code; when the account step refused the user (an add
// that failed, an unknown code) they cannot find it, which the account's own problem already
// says. Their other problems (an unknown organisation or group, a bad title) still count.
void MergeMembershipProblems(const Error& from, Error& into) {
  for (const common::FieldError& f : from.fields()) {
    if (f.key == "memberships.code" || f.key == "groups.code") continue;
    for (const common::Message& m : f.messages) into.AddField(f.key, m);
  }
}

}  // namespace

Status UserService::SaveAccount(const Principal& who, UserAccountChange change,
                                const OrganizationService& organizations, GroupService& groups) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  change.user.key = "user";
  std::vector<UserChange> account{std::move(change.user)};
  Error hash_errors = Error::Validation();
  HashPasswords(account, hash_errors);  // slow: outside the transaction
  const UserChange& u = account[0];
  const std::string code = u.new_code && !u.new_code->empty() ? *u.new_code : u.code;
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    errors.MergeFields(hash_errors);
    TK_RETURN_IF_ERROR(change.add ? AddIn(tx, who, account, errors)
                                  : UpdateIn(tx, who, account, errors));
    Error memberships = Error::Validation();
    if (change.organizations) {
      UserOrganizationsChange orgs;
      orgs.key = "memberships";
      orgs.user_code = code;
      orgs.organizations = std::move(*change.organizations);
      orgs.primary_code = change.primary_organization;
      TK_RETURN_IF_ERROR(organizations.SetUserOrganizationsIn(tx, {orgs}, memberships));
    }
    if (change.groups) {
      UserGroupsChange list;
      list.key = "groups";
      list.user_code = code;
      list.group_codes = std::move(*change.groups);
      for (size_t j = 0; j < list.group_codes.size(); ++j) {
        list.group_keys.push_back("groups[" + std::to_string(j) + "]");
      }
      TK_RETURN_IF_ERROR(groups.SetUserGroupsIn(tx, {list}, memberships));
    }
    MergeMembershipProblems(memberships, errors);  // any problem rolls everything back
    return Status::Ok();
  });
}

}  // namespace domain

// Groups (roles) and their members: Tsumiki's extension of the User API (kintone edits
// groups in its UI and CSV only). Writes are administrator-only and all or nothing.
// Thread-safe (state lives in the database).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "domain/users/directory.h"
#include "domain/users/user.h"

namespace domain {

// One item of POST/PUT groups.json; unset members stay as they are.
struct GroupChange {
  std::string key;  // "groups[1]"
  std::string code;
  std::optional<std::string> new_code;
  std::optional<std::string> name;
  std::optional<std::string> description;
};

// One item of PUT userGroups.json: the user's whole group list.
struct UserGroupsChange {
  std::string key;  // "userGroups[0]"
  std::string user_code;
  std::vector<std::string> group_codes;
  // Where each group code's problems go (a CSV row); empty: `key`.groups[i].
  std::vector<std::string> group_keys;
};

class GroupService {
 public:
  GroupService(TransactionRunner& db, std::function<void()> on_change);

  common::Result<std::vector<Group>> List(const Principal& who, const DirectoryFilter& f);
  common::Status Add(const Principal& who, std::vector<GroupChange> items);
  common::Status Update(const Principal& who, std::vector<GroupChange> items);
  common::Status Delete(const Principal& who, const std::vector<std::string>& codes);

  common::Result<std::vector<Group>> UserGroups(const Principal& who, const std::string& user_code);
  common::Result<std::vector<User>> GroupUsers(const Principal& who, const std::string& group_code,
                                               int64_t offset, int64_t limit);
  common::Status SetUserGroups(const Principal& who, std::vector<UserGroupsChange> items);
  // The same inside the caller's transaction (the directory CSV import), every problem into
  // `errors`; the caller checks the administrator right and rolls back when errors were added.
  common::Status SetUserGroupsIn(Transaction& tx, const std::vector<UserGroupsChange>& items,
                                 common::Error& errors);

 private:
  TransactionRunner& db_;
  std::function<void()> on_change_;
};

}  // namespace domain

// Users as the cybozu User API manages them: list, add, update (rename with newCode keeps
// the id, so records' USER_SELECT values follow), delete. Writes are administrator-only and
// all or nothing; every violation is reported at once, keyed like "users[3].code".
// Thread-safe (state lives in the database).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "domain/users/directory.h"
#include "domain/users/password_hasher.h"
#include "domain/users/password_policy.h"
#include "domain/users/user.h"

namespace domain {

// One item of POST/PUT users.json or one CSV row: what to set; unset members stay as they are.
struct UserChange {
  std::string key;  // error-key prefix ("users[3]", "rows[12]"); the service fills it if empty
  std::string code;
  std::optional<std::string> new_code;
  std::optional<std::string> password;
  std::string password_hash;  // filled from `password` by UserService::HashPasswords
  std::optional<std::string> name;
  std::optional<bool> valid;
  std::optional<bool> is_admin;  // Tsumiki's "isAdmin" (system administrator)
  std::optional<std::string> locale;
  std::optional<std::string> time_zone;
  std::optional<std::string> email;
  std::optional<std::string> primary_organization;  // an organisation code the user belongs to
  std::map<std::string, std::string> profile;       // kUserProfileProperties to set
  std::optional<int64_t> sort_order;
  std::optional<std::vector<std::pair<std::string, std::string>>> custom_items;
};

struct UserAccountChange;  // user_account.h
class OrganizationService;
class GroupService;

class UserService {
 public:
  // `on_change` runs after every committed change (the entity cache reloads).
  UserService(TransactionRunner& db, const PasswordHasher& hasher, const common::Clock& clock,
              std::function<void()> on_change, PasswordPolicy policy = {});

  common::Result<std::vector<User>> List(const Principal& who, const DirectoryFilter& filter);
  common::Status Add(const Principal& who, std::vector<UserChange> users);
  common::Status Update(const Principal& who, std::vector<UserChange> users);
  common::Status Delete(const Principal& who, const std::vector<std::string>& codes);
  // The user screen's save: account, organisations and groups in one transaction
  // (user_account.h).
  common::Status SaveAccount(const Principal& who, UserAccountChange change,
                             const OrganizationService& organizations, GroupService& groups);

  // For imports, inside the caller's transaction: checks passwords against the policy and
  // hashes them
  // (call before opening the transaction: hashing is slow), then adds or updates each item,
  // collecting violations in `errors` instead of stopping.
  void HashPasswords(std::vector<UserChange>& users, common::Error& errors) const;
  common::Status AddIn(Transaction& tx, const Principal& who, const std::vector<UserChange>& users,
                       common::Error& errors) const;
  common::Status UpdateIn(Transaction& tx, const Principal& who,
                          const std::vector<UserChange>& users, common::Error& errors) const;

 private:
  // Applies the optional members of `change` to `user`; violations go to `errors`.
  common::Status Apply(Transaction& tx, const Principal& who, const UserChange& change, User& user,
                       common::Error& errors) const;

  TransactionRunner& db_;
  const PasswordHasher& hasher_;
  const common::Clock& clock_;
  std::function<void()> on_change_;
  PasswordPolicy policy_;
};

}  // namespace domain

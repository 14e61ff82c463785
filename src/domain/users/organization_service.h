// Organisations as a tree (parentCode; no cycles), and users' memberships with titles.
// Deleting an organisation is refused while it has child organisations not deleted in the
// same call (as kintone); its memberships go with it, and users whose primary organisation
// it was fall back to their next one. Writes are administrator-only and all or nothing.
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

// One item of POST/PUT organizations.json or one CSV row; unset members stay as they are.
struct OrganizationChange {
  std::string key;  // error-key prefix ("organizations[2]", "rows[5]")
  std::string code;
  std::optional<std::string> new_code;
  std::optional<std::string> name;
  std::optional<std::string> parent_code;  // "" = a root organisation
  std::optional<std::string> local_name;
  std::optional<std::string> local_name_locale;
  std::optional<std::string> description;
};

// One item of PUT userOrganizations.json: the user's whole list, in order.
struct UserOrganizationsChange {
  struct Entry {
    std::string key;  // error-key prefix; "<item key>.organizations[j]" when empty
    std::string organization_code;
    std::optional<std::string> title_code;  // a title is created on first use
  };
  std::string key;  // "userOrganizations[0]"
  std::string user_code;
  std::vector<Entry> organizations;
  // The primary organisation; when unset the current one stays if still listed, else the
  // first listed becomes primary.
  std::optional<std::string> primary_code;
};

struct OrganizationTitle {
  Organization organization;
  std::optional<Title> title;
};
struct UserTitle {
  User user;
  std::optional<Title> title;
};

class OrganizationService {
 public:
  OrganizationService(TransactionRunner& db, std::function<void()> on_change);

  common::Result<std::vector<Organization>> List(const Principal& who, const DirectoryFilter& f);
  common::Status Add(const Principal& who, std::vector<OrganizationChange> items);
  common::Status Update(const Principal& who, std::vector<OrganizationChange> items);
  common::Status Delete(const Principal& who, const std::vector<std::string>& codes);

  // GET user/organizations.json and organization/users.json.
  common::Result<std::vector<OrganizationTitle>> UserOrganizations(const Principal& who,
                                                                   const std::string& user_code);
  common::Result<std::vector<UserTitle>> OrganizationUsers(const Principal& who,
                                                           const std::string& org_code,
                                                           int64_t offset, int64_t limit);
  common::Status SetUserOrganizations(const Principal& who,
                                      std::vector<UserOrganizationsChange> items);

  // For imports, inside the caller's transaction; violations collect in `errors`.
  common::Status AddIn(Transaction& tx, const std::vector<OrganizationChange>& items,
                       common::Error& errors) const;
  common::Status UpdateIn(Transaction& tx, const std::vector<OrganizationChange>& items,
                          common::Error& errors) const;
  common::Status SetUserOrganizationsIn(Transaction& tx,
                                        const std::vector<UserOrganizationsChange>& items,
                                        common::Error& errors) const;

 private:
  TransactionRunner& db_;
  std::function<void()> on_change_;
};

}  // namespace domain

// A user account and the directory entities (organisations, groups) records refer to.
// Value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace domain {

struct User {
  int64_t id = 0;
  std::string code;  // login name
  std::string name;  // display name
  bool is_admin = false;
  bool valid = true;
  std::string locale = "auto";  // "ja", "en" or "auto" (follow the browser)
  std::string time_zone = "Asia/Tokyo";
  std::string email;
  std::optional<int64_t> primary_organization_id;
  // The User API's optional string properties by their JSON names (surName, givenName,
  // phone, joinDate…; see kUserProfileProperties). Absent = "".
  std::map<std::string, std::string> profile;
  std::optional<int64_t> sort_order;
  std::vector<std::pair<std::string, std::string>> custom_items;  // customItemValues code → value
  // Where the password is checked: kAuthSourceLocal (the Argon2id hash here) or
  // kAuthSourceLdap (a bind to the directory; no password is kept here).
  std::string auth_source = "local";
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// The string properties User::profile may hold, in the User API's order.
inline constexpr const char* kUserProfileProperties[] = {
    "surName",        "givenName",   "surNameReading", "givenNameReading", "localName",
    "localNameLocale", "description", "phone",          "mobilePhone",      "extensionNumber",
    "employeeNumber", "joinDate",    "birthDate",      "url",              "callto"};

inline constexpr const char* kAuthSourceLocal = "local";
inline constexpr const char* kAuthSourceLdap = "ldap";

// The built-in account that API-token actions are attributed to (kintone's "Administrator").
inline constexpr const char* kTokenUserCode = "Administrator";

}  // namespace domain

// A user account and the directory entities (organisations, groups) records refer to.
// Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// The built-in account that API-token actions are attributed to (kintone's "Administrator").
inline constexpr const char* kTokenUserCode = "Administrator";

}  // namespace domain

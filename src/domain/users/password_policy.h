// What a new password must satisfy: a minimum length, not the login name, not one of the
// passwords every attacker tries first. One rule set for the admin CLI, the User API and a
// user's own password change. Pure; value type.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/text.h"

namespace domain {

struct PasswordPolicy {
  int min_length = 8;         // in characters (UTF-8 code points)
  bool reject_login = true;   // refuse a password that contains the login name
  bool reject_common = true;  // refuse a password from the built-in list of common ones
};

using PasswordProblem = common::Message;

// nullopt when `password` is acceptable for the account `login`.
std::optional<PasswordProblem> CheckPassword(const PasswordPolicy& policy, std::string_view login,
                                             std::string_view password);

}  // namespace domain

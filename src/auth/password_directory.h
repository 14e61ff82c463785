// A directory that checks passwords on Tsumiki's behalf (LDAP / Active Directory): the
// port Authenticator asks for accounts whose auth source is "ldap". Tests inject fakes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace auth {

// What the directory says about a person who proved their password.
struct DirectoryPerson {
  std::string dn;
  std::string name;   // display name; "" when the directory has none
  std::string email;  // "" when none
  // Only when the directory was asked to read memberships: the canonical DNs of the
  // person's groups and the organisation attribute's value ("" when none).
  std::optional<std::vector<std::string>> groups;
  std::string organization;
};

class PasswordDirectory {
 public:
  virtual ~PasswordDirectory() = default;
  // The person when the directory accepts `login` with `password`; nullopt when it refuses
  // them (wrong password, unknown or ambiguous login); kDirectoryUnavailable when it cannot
  // be asked (down, timed out, TLS failure, misconfigured service account). Blocking, bounded
  // by the configured timeouts; thread-safe. Never called with an empty password.
  virtual common::Result<std::optional<DirectoryPerson>> Check(std::string_view login,
                                                               std::string_view password) = 0;
};

}  // namespace auth

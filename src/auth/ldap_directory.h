// PasswordDirectory over LDAP / Active Directory with libldap (OpenLDAP). Two ways to find
// the person: a direct bind with a name template (uid={login},ou=people,dc=… or AD's
// {login}@city.local), or search-then-bind (a service account finds the entry by a filter,
// then the user's own password binds as that entry). A fresh connection per check (no
// shared state: thread-safe), with network and operation timeouts so an unreachable server
// answers kDirectoryUnavailable in bounded time instead of holding a worker.
#pragma once

#include <string>
#include <vector>

#include "auth/password_directory.h"

namespace auth {

enum class StartTls { kOff, kOptional, kRequired };

struct LdapOptions {
  std::vector<std::string> urls;  // ldap:// or ldaps://, tried in order
  StartTls start_tls = StartTls::kOff;
  std::string ca_file;  // PEM bundle to verify the server; "" = the system's
  int timeout_seconds = 5;
  // Direct bind: the name to bind as ("{login}" is replaced). Empty = search-then-bind.
  std::string bind_name;
  // Search-then-bind (and, for a UPN bind name, where to read the person's attributes).
  std::string base_dn;
  std::string filter = "(uid={login})";
  std::string service_dn;  // "" = search anonymously
  std::string service_password;
  std::string name_attribute = "displayName";  // falls back to cn
  std::string mail_attribute = "mail";
  // Memberships for the mapping (ldap-group-map, ldap-organization-attribute); read only when
  // asked for, and then a person whose groups or entry cannot be read is not let in.
  bool read_groups = false;
  std::string group_attribute = "memberOf";  // on the person's entry
  // When set, groups are found by searching here instead (nested AD groups, servers without
  // memberOf), as the signed-in person, with group_filter ({dn} = the person's DN).
  std::string group_base_dn;
  std::string group_filter = "(|(member={dn})(uniqueMember={dn}))";
  std::string organization_attribute;  // "" = not read
};

class LdapDirectory : public PasswordDirectory {
 public:
  explicit LdapDirectory(LdapOptions options);
  common::Result<std::optional<DirectoryPerson>> Check(std::string_view login,
                                                       std::string_view password) override;

 private:
  LdapOptions options_;
  std::string url_list_;  // the URLs space-separated, as ldap_initialize takes them
};

}  // namespace auth

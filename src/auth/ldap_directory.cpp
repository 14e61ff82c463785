#include "auth/ldap_directory.h"

#include <ldap.h>
#include <sys/time.h>

#include <algorithm>
#include <memory>

#include "auth/ldap_names.h"
#include "common/log.h"

namespace auth {

using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

namespace {

struct Unbind {
  void operator()(LDAP* ld) const { ldap_unbind_ext_s(ld, nullptr, nullptr); }
};
using Connection = std::unique_ptr<LDAP, Unbind>;

struct FreeMessage {
  void operator()(LDAPMessage* m) const { ldap_msgfree(m); }
};

// The operator-readable reason in the error's detail (logged with the request id; the
// client sees only TK_LD01's message).
Error Unavailable(const std::string& urls, const std::string& what, int rc, LDAP* ld = nullptr) {
  std::string detail = "LDAP " + urls + ": " + what + ": " + ldap_err2string(rc);
  char* diagnostic = nullptr;
  if (ld && ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS &&
      diagnostic) {
    if (*diagnostic) detail += std::string(" (") + diagnostic + ")";
    ldap_memfree(diagnostic);
  }
  return Error(ErrorCode::kDirectoryUnavailable).WithDetail(detail);
}

// Results of a user's own bind that mean "not this password / not this account" rather than
// "the directory cannot answer". AD reports locked or expired accounts as 49 too.
bool IsRefusal(int rc) {
  return rc == LDAP_INVALID_CREDENTIALS || rc == LDAP_INVALID_DN_SYNTAX ||
         rc == LDAP_NO_SUCH_OBJECT || rc == LDAP_UNWILLING_TO_PERFORM ||
         rc == LDAP_INAPPROPRIATE_AUTH || rc == LDAP_CONSTRAINT_VIOLATION ||
         rc == LDAP_INSUFFICIENT_ACCESS;
}

int SimpleBind(LDAP* ld, const std::string& name, std::string_view password) {
  berval credential;
  credential.bv_val = const_cast<char*>(password.data());
  credential.bv_len = password.size();
  return ldap_sasl_bind_s(ld, name.c_str(), LDAP_SASL_SIMPLE, &credential, nullptr, nullptr,
                          nullptr);
}

std::vector<std::string> AllValues(LDAP* ld, LDAPMessage* entry, const std::string& attribute) {
  std::vector<std::string> out;
  berval** values = ldap_get_values_len(ld, entry, attribute.c_str());
  if (!values) return out;
  for (berval** v = values; *v; ++v) out.emplace_back((*v)->bv_val, (*v)->bv_len);
  ldap_value_free_len(values);
  return out;
}

std::string FirstValue(LDAP* ld, LDAPMessage* entry, const std::string& attribute) {
  if (attribute.empty()) return "";
  berval** values = ldap_get_values_len(ld, entry, attribute.c_str());
  if (!values) return "";
  std::string out;
  if (values[0]) out.assign(values[0]->bv_val, values[0]->bv_len);
  ldap_value_free_len(values);
  return out;
}

}  // namespace

LdapDirectory::LdapDirectory(LdapOptions options) : options_(std::move(options)) {
  for (const std::string& url : options_.urls) {
    if (!url_list_.empty()) url_list_ += ' ';
    url_list_ += url;
  }
}

namespace {

// A handle with the options every connection gets; `verify` false only for the diagnosis in
// Connect, which sends nothing but a TLS handshake.
Result<Connection> Open(const LdapOptions& o, const std::string& urls, bool verify) {
  LDAP* raw = nullptr;
  int rc = ldap_initialize(&raw, urls.c_str());
  if (rc != LDAP_SUCCESS) return Unavailable(urls, "bad server URL", rc);
  Connection ld(raw);
  int version = LDAP_VERSION3;
  ldap_set_option(raw, LDAP_OPT_PROTOCOL_VERSION, &version);
  ldap_set_option(raw, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  timeval timeout{o.timeout_seconds, 0};
  ldap_set_option(raw, LDAP_OPT_NETWORK_TIMEOUT, &timeout);
  ldap_set_option(raw, LDAP_OPT_TIMEOUT, &timeout);
  int require = verify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER;
  ldap_set_option(raw, LDAP_OPT_X_TLS_REQUIRE_CERT, &require);
  if (!o.ca_file.empty()) ldap_set_option(raw, LDAP_OPT_X_TLS_CACERTFILE, o.ca_file.c_str());
  int is_server = 0;
  ldap_set_option(raw, LDAP_OPT_X_TLS_NEWCTX, &is_server);  // apply the TLS options above
  return ld;
}

// Opens the connection (for ldaps:// that includes the TLS handshake) and runs StartTLS.
int Handshake(LDAP* ld, bool start_tls) {
  int rc = ldap_connect(ld);
  if (rc == LDAP_SUCCESS && start_tls) rc = ldap_start_tls_s(ld, nullptr, nullptr);
  return rc;
}

// A connected handle (StartTLS done when asked for), or why not.
Result<Connection> Connect(const LdapOptions& o, const std::string& urls, bool start_tls) {
  TK_ASSIGN_OR_RETURN(Connection ld, Open(o, urls, true));
  int rc = Handshake(ld.get(), start_tls);
  if (rc == LDAP_SUCCESS) return ld;
  bool tls = start_tls || urls.find("ldaps://") != std::string::npos;
  if (tls) {
    // libldap (over GnuTLS) reports a refused certificate only as "Can't contact LDAP server
    // ((unknown error code))". To tell the operator why, shake hands once more without
    // verifying (no bind, no data): if that works, the certificate was the problem.
    Result<Connection> probe = Open(o, urls, false);
    if (probe.ok() && Handshake(probe->get(), start_tls) == LDAP_SUCCESS) {
      return Error(ErrorCode::kDirectoryUnavailable)
          .WithDetail("LDAP " + urls +
                      ": TLS: the server's certificate is not trusted (not signed by a CA in " +
                      (o.ca_file.empty() ? "the system's CA store" : "ldap-ca-file " + o.ca_file) +
                      ", expired, or issued for another host name than the URL's)");
    }
  }
  return Unavailable(urls, start_tls ? "StartTLS failed" : "connect", rc, ld.get());
}

}  // namespace

Result<std::optional<DirectoryPerson>> LdapDirectory::Check(std::string_view login,
                                                            std::string_view password) {
  using Refused = std::optional<DirectoryPerson>;
  // An empty password would be an unauthenticated bind, which many servers (AD among them)
  // accept as success: never send one.
  if (password.empty() || !IsDirectoryLogin(login)) return Refused();

  Result<Connection> connected = Error(ErrorCode::kDirectoryUnavailable);
  if (options_.start_tls == StartTls::kOff) {
    connected = Connect(options_, url_list_, false);
  } else {
    connected = Connect(options_, url_list_, true);
    if (!connected.ok() && options_.start_tls == StartTls::kOptional) {
      common::LogWarn(connected.error().detail() + "; continuing without TLS (start-tls optional)");
      connected = Connect(options_, url_list_, false);
    }
  }
  if (!connected.ok()) return connected.error();
  LDAP* ld = connected->get();

  std::string name_attribute = options_.name_attribute;
  std::string mail_attribute = options_.mail_attribute;
  std::string cn = "cn";
  bool group_attribute = options_.read_groups && options_.group_base_dn.empty();
  std::string group_attribute_name = options_.group_attribute;
  std::string organization_attribute = options_.organization_attribute;
  std::vector<char*> attributes = {name_attribute.data(), mail_attribute.data(), cn.data()};
  if (group_attribute) attributes.push_back(group_attribute_name.data());
  if (!organization_attribute.empty()) attributes.push_back(organization_attribute.data());
  attributes.push_back(nullptr);
  bool memberships = options_.read_groups || !organization_attribute.empty();
  timeval timeout{options_.timeout_seconds, 0};
  DirectoryPerson person;
  // Reads `filter` under `base` (at most two entries: one is a match, two are ambiguous).
  // Returns the bind result code of the search; fills `person` when exactly one matched.
  auto find = [&](const std::string& base, int scope, const std::string& filter,
                  int& matches) -> int {
    LDAPMessage* raw = nullptr;
    int rc = ldap_search_ext_s(ld, base.c_str(), scope, filter.c_str(), attributes.data(), 0,
                               nullptr, nullptr, &timeout, 2, &raw);
    std::unique_ptr<LDAPMessage, FreeMessage> result(raw);
    matches = 0;
    if (rc != LDAP_SUCCESS && rc != LDAP_SIZELIMIT_EXCEEDED) return rc;
    matches = ldap_count_entries(ld, raw);
    if (rc == LDAP_SIZELIMIT_EXCEEDED) matches = std::max(matches, 2);
    if (matches != 1) return LDAP_SUCCESS;
    LDAPMessage* entry = ldap_first_entry(ld, raw);
    if (char* dn = ldap_get_dn(ld, entry)) {
      person.dn = dn;
      ldap_memfree(dn);
    }
    person.name = FirstValue(ld, entry, name_attribute);
    if (person.name.empty()) person.name = FirstValue(ld, entry, cn);
    person.email = FirstValue(ld, entry, mail_attribute);
    if (group_attribute) {
      person.groups.emplace();
      for (const std::string& dn : AllValues(ld, entry, group_attribute_name)) {
        person.groups->push_back(CanonicalDn(dn));
      }
    }
    if (!organization_attribute.empty()) {
      person.organization = FirstValue(ld, entry, organization_attribute);
    }
    return LDAP_SUCCESS;
  };
  // After the person's own bind: the groups whose members name the person's DN, found as
  // the person (ldap-group-base-dn). Any failure refuses the sign-in: memberships that
  // cannot be read must not be left as they were.
  auto search_groups = [&]() -> Status {
    if (!options_.read_groups || options_.group_base_dn.empty()) return Status::Ok();
    std::string filter = ExpandDnFilter(options_.group_filter, person.dn);
    char no_attributes[] = "1.1";
    char* only_dn[] = {no_attributes, nullptr};
    LDAPMessage* raw = nullptr;
    int rc = ldap_search_ext_s(ld, options_.group_base_dn.c_str(), LDAP_SCOPE_SUBTREE,
                               filter.c_str(), only_dn, 0, nullptr, nullptr, &timeout, 0, &raw);
    std::unique_ptr<LDAPMessage, FreeMessage> result(raw);
    if (rc != LDAP_SUCCESS) {
      return Unavailable(url_list_, "group search under " + options_.group_base_dn, rc, ld);
    }
    person.groups.emplace();
    for (LDAPMessage* e = ldap_first_entry(ld, raw); e; e = ldap_next_entry(ld, e)) {
      if (char* dn = ldap_get_dn(ld, e)) {
        person.groups->push_back(CanonicalDn(dn));
        ldap_memfree(dn);
      }
    }
    return Status::Ok();
  };

  if (options_.bind_name.empty()) {
    // Search-then-bind: the service account finds the one entry, the password binds as it.
    if (!options_.service_dn.empty()) {
      int rc = SimpleBind(ld, options_.service_dn, options_.service_password);
      if (rc != LDAP_SUCCESS) {
        return Unavailable(url_list_, "service account bind as " + options_.service_dn, rc, ld);
      }
    }
    int matches = 0;
    int rc =
        find(options_.base_dn, LDAP_SCOPE_SUBTREE, ExpandFilter(options_.filter, login), matches);
    if (rc != LDAP_SUCCESS)
      return Unavailable(url_list_, "search under " + options_.base_dn, rc, ld);
    if (matches > 1) {
      common::LogWarn("LDAP: the filter matches several entries for login '" + std::string(login) +
                      "'; refused (make ldap-user-filter unique)");
    }
    if (matches != 1) return Refused();
    rc = SimpleBind(ld, person.dn, password);
    if (IsRefusal(rc)) return Refused();
    if (rc != LDAP_SUCCESS) return Unavailable(url_list_, "bind as " + person.dn, rc, ld);
    TK_RETURN_IF_ERROR(search_groups());
    return std::optional(person);
  }

  // Direct bind with the name template.
  std::optional<std::string> name = ExpandBindName(options_.bind_name, login);
  if (!name) return Refused();
  int rc = SimpleBind(ld, *name, password);
  if (IsRefusal(rc)) return Refused();
  if (rc != LDAP_SUCCESS) return Unavailable(url_list_, "bind as " + *name, rc, ld);
  // The password is right; reading the name and address is a courtesy that may fail
  // (the entry may not be readable by its owner).
  int matches = 0;
  if (IsDnPattern(options_.bind_name)) {
    rc = find(*name, LDAP_SCOPE_BASE, "(objectClass=*)", matches);
  } else if (!options_.base_dn.empty()) {
    rc = find(options_.base_dn, LDAP_SCOPE_SUBTREE, ExpandFilter(options_.filter, login), matches);
  }
  if (rc != LDAP_SUCCESS || (memberships && person.dn.empty())) {
    std::string why = rc != LDAP_SUCCESS ? ldap_err2string(rc) : "no entry found";
    // Without the entry its memberships are unknown: not let in with stale ones.
    if (memberships) {
      return Error(ErrorCode::kDirectoryUnavailable)
          .WithDetail("LDAP " + url_list_ + ": cannot read the entry of '" + std::string(login) +
                      "' for its group and organisation mapping: " + why);
    }
    common::LogWarn("LDAP: cannot read the entry of '" + std::string(login) +
                    "' after its bind: " + why);
  }
  if (person.dn.empty()) person = DirectoryPerson{*name, "", "", std::nullopt, ""};
  TK_RETURN_IF_ERROR(search_groups());
  return std::optional(person);
}

}  // namespace auth

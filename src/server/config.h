// Server configuration for `tsumiki serve`: defaults, then an optional `key = value` file,
// then TSUMIKI_* environment variables, then command-line flags, each overriding the last.
// Plain value type; the parse functions are pure apart from reading the config file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/ldap_directory.h"
#include "common/log.h"
#include "common/result.h"
#include "domain/users/directory_sync.h"
#include "domain/users/password_policy.h"
#include "http/server.h"

namespace server {

struct Config {
  std::string data_dir = "./data";
  std::string listen = "127.0.0.1:8080";  // HOST:PORT, [IPv6]:PORT; port 0 = any free port
  int io_threads = 0;                     // 0 = one per CPU
  int worker_threads = 0;                 // 0 = max(4, 2 per CPU)
  std::string tls_cert;                   // PEM chain; with tls_key, serve HTTPS
  std::string tls_key;
  size_t max_body_bytes = 110u * 1024 * 1024;
  std::string log_level = "info";  // debug | info | warn | error
  std::string web_root;            // built SPA; default <exe dir>/../web/dist or ./web/dist
  int64_t max_records_limit = 500;
  int64_t max_offset = 10000;
  std::string default_language = "ja";  // ja | en
  std::string default_time_zone = "Asia/Tokyo";
  bool access_log = true;
  // Accounts and sessions (see docs/security.md).
  int64_t password_min_length = 8;
  bool password_reject_login = true;
  bool password_reject_common = true;
  int64_t session_idle_minutes = 12 * 60;  // signed out after this long without a request
  int64_t session_max_hours = 7 * 24;      // and after this long whatever the activity
  int64_t login_failures_before_lock = 5;  // per account; back-off doubles after that
  std::string admin_allow_from;            // CIDR list; empty = administrators from anywhere
  std::string trusted_proxies;             // CIDR list whose X-Forwarded-For is believed
  int64_t mail_retry_seconds = 60;         // first wait after a failed send; doubles per try
  std::string mail_ca_file;                // PEM CA bundle for the SMTP server; "" = the system's
  // The key sealing stored secrets (the SMTP password): base64 text, or else a key file
  // (default <data>/secret.key, created 0600 when first needed). docs/configuration.md.
  std::string secret_key;
  std::string secret_key_file;
  // How often the background search indexer looks for records to index when it found none.
  int64_t search_index_interval_ms = 200;
  int64_t count_memory_mb = 64;  // storage/count_index.h

  // LDAP / Active Directory sign-in (docs/ldap.md); off while ldap_url is empty.
  std::string ldap_url;                // ldap:// or ldaps:// URLs, tried in order
  std::string ldap_start_tls = "off";  // off | optional | required (ldap:// only)
  std::string ldap_ca_file;            // PEM CA bundle; "" = the system's
  int64_t ldap_timeout_seconds = 5;    // connect and each operation
  std::string ldap_bind_dn;            // direct bind: "uid={login},ou=…" or "{login}@city.local"
  std::string ldap_base_dn;            // search-then-bind: where to look
  std::string ldap_user_filter = "(uid={login})";
  std::string ldap_service_dn;        // search as; "" = anonymous
  std::string ldap_service_password;  // better from the variable or ldap_service_password_file
  std::string ldap_service_password_file;
  std::string ldap_name_attribute = "displayName";
  std::string ldap_mail_attribute = "mail";
  bool ldap_create_users = true;  // unknown logins the directory accepts become accounts
  // Memberships that follow the directory at each sign-in (docs/ldap.md); off while empty.
  std::string ldap_group_map;  // "DN => group-code; …"
  std::string ldap_group_attribute = "memberOf";
  std::string ldap_group_base_dn;  // set: groups are searched instead of read from the entry
  std::string ldap_group_filter = "(|(member={dn})(uniqueMember={dn}))";
  std::string ldap_organization_attribute;  // its value is the primary organisation's code

  std::string config_file;  // the file that was read, if any
  bool help = false;        // --help was given: print ConfigHelp() and exit 0
};

// Reads one environment variable; nullopt when unset. Injected so tests need no setenv.
using Environment = std::function<std::optional<std::string>(const std::string& name)>;
Environment ProcessEnvironment();

// Parses the words after `tsumiki serve`. On failure the Error's detail() is a one-line
// message for the operator ("--listen: port must be 0-65535, got '99999'").
common::Result<Config> ParseConfig(const std::vector<std::string>& args,
                                   const Environment& env = ProcessEnvironment());

// "127.0.0.1:8080" -> ("127.0.0.1", 8080); "[::1]:8080" -> ("::1", 8080).
common::Status SplitListen(std::string_view listen, std::string& host, uint16_t& port);

// The http::Server options a parsed (hence valid) Config asks for.
http::ServerOptions ToServerOptions(const Config& config);
common::LogLevel ToLogLevel(std::string_view level);
domain::PasswordPolicy PasswordPolicyOf(const Config& config);
// The LDAP client settings (reads ldap_service_password_file); nullopt when LDAP is off.
common::Result<std::optional<auth::LdapOptions>> LdapOptionsOf(const Config& config);
// The membership mapping the LDAP options ask for (empty when LDAP or the mapping is off).
domain::DirectorySyncRules DirectorySyncRulesOf(const Config& config);

// The usage text for `tsumiki serve --help`: every flag, its variable and default.
std::string ConfigHelp();

}  // namespace server

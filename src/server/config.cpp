#include "server/config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "auth/address_list.h"
#include "auth/ldap_names.h"

namespace server {
namespace {

// Returns "" when `value` was accepted, else what is wrong with it.
using Setter = std::string (*)(Config&, std::string_view value);

struct Option {
  std::string_view name;   // flag without "--"; also the config-file key
  std::string_view env;    // environment variable
  std::string_view value;  // placeholder in the help; "" for on/off options
  std::string_view help;
  Setter set;
};

common::Error ConfigError(std::string message) {
  return common::Error(common::ErrorCode::kInvalidInput).WithDetail(std::move(message));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

std::string ParseInteger(std::string_view text, int64_t min, int64_t max, int64_t& out) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return "expected a whole number, got '" + std::string(text) + "'";
  }
  if (value < min || value > max) {
    return "must be " + std::to_string(min) + "-" + std::to_string(max) + ", got '" +
           std::string(text) + "'";
  }
  out = value;
  return {};
}

// "1048576", "512K", "110M", "1G" (binary multiples; a trailing "B" or "iB" is allowed).
std::string ParseSize(std::string_view text, size_t& out) {
  std::string_view digits = text;
  uint64_t multiplier = 1;
  auto strip = [&](std::string_view suffix) {
    if (digits.size() > suffix.size() &&
        std::equal(suffix.rbegin(), suffix.rend(), digits.rbegin(),
                   [](char a, char b) { return a == (b | 0x20) || a == b; })) {
      digits.remove_suffix(suffix.size());
      return true;
    }
    return false;
  };
  if (!strip("ib")) strip("b");
  if (strip("k")) {
    multiplier = 1024;
  } else if (strip("m")) {
    multiplier = 1024 * 1024;
  } else if (strip("g")) {
    multiplier = 1024 * 1024 * 1024;
  }
  constexpr int64_t kMax = int64_t{1} << 40;  // 1 TiB
  int64_t value = 0;
  std::string error = ParseInteger(digits, 1, kMax, value);
  if (!error.empty() || static_cast<uint64_t>(value) > kMax / multiplier) {
    return "expected a size like 110M (at most 1T), got '" + std::string(text) + "'";
  }
  out = static_cast<size_t>(value) * multiplier;
  return {};
}

std::string ParseBool(std::string_view text, bool& out) {
  for (std::string_view yes : {"true", "1", "yes", "on"}) {
    if (text == yes) {
      out = true;
      return {};
    }
  }
  for (std::string_view no : {"false", "0", "no", "off"}) {
    if (text == no) {
      out = false;
      return {};
    }
  }
  return "expected true or false, got '" + std::string(text) + "'";
}

std::string SetThreads(int& field, std::string_view text) {
  int64_t value = 0;
  std::string error = ParseInteger(text, 0, 1024, value);
  if (error.empty()) field = static_cast<int>(value);
  return error;
}

std::string RequireValue(std::string& field, std::string_view text) {
  if (text.empty()) return "must not be empty";
  field = std::string(text);
  return {};
}

// The whole option table: adding an option is adding a line here.
constexpr Option kOptions[] = {
    {"data", "TSUMIKI_DATA", "DIR", "data directory (database, files)",
     [](Config& c, std::string_view v) { return RequireValue(c.data_dir, v); }},
    {"listen", "TSUMIKI_LISTEN", "HOST:PORT", "address to listen on; [::1]:8080 for IPv6",
     [](Config& c, std::string_view v) {
       std::string host;
       uint16_t port = 0;
       common::Status status = SplitListen(v, host, port);
       if (!status.ok()) return status.error().detail();
       c.listen = std::string(v);
       return std::string();
     }},
    {"tls-cert", "TSUMIKI_TLS_CERT", "FILE", "PEM certificate chain; serve HTTPS with --tls-key",
     [](Config& c, std::string_view v) { return RequireValue(c.tls_cert, v); }},
    {"tls-key", "TSUMIKI_TLS_KEY", "FILE", "PEM private key for --tls-cert",
     [](Config& c, std::string_view v) { return RequireValue(c.tls_key, v); }},
    {"threads", "TSUMIKI_THREADS", "N", "network I/O threads (0 = one per CPU)",
     [](Config& c, std::string_view v) { return SetThreads(c.io_threads, v); }},
    {"workers", "TSUMIKI_WORKERS", "N", "workers for GET; 2N for writes (0 = max(4, 2 per CPU))",
     [](Config& c, std::string_view v) { return SetThreads(c.worker_threads, v); }},
    {"max-body-bytes", "TSUMIKI_MAX_BODY_BYTES", "SIZE", "largest request body, e.g. 110M",
     [](Config& c, std::string_view v) { return ParseSize(v, c.max_body_bytes); }},
    {"log-level", "TSUMIKI_LOG_LEVEL", "LEVEL", "debug, info, warn or error",
     [](Config& c, std::string_view v) {
       for (std::string_view level : {"debug", "info", "warn", "error"}) {
         if (v == level) {
           c.log_level = std::string(v);
           return std::string();
         }
       }
       return "expected debug, info, warn or error, got '" + std::string(v) + "'";
     }},
    {"web-root", "TSUMIKI_WEB_ROOT", "DIR",
     "built web UI (default <exe>/../web/dist or ./web/dist)",
     [](Config& c, std::string_view v) { return RequireValue(c.web_root, v); }},
    {"max-limit", "TSUMIKI_MAX_LIMIT", "N", "most records one GET may return (kintone: 500)",
     [](Config& c, std::string_view v) {
       return ParseInteger(v, 1, 1000000, c.max_records_limit);
     }},
    {"max-offset", "TSUMIKI_MAX_OFFSET", "N", "largest query offset (kintone: 10000)",
     [](Config& c, std::string_view v) {
       return ParseInteger(v, 0, int64_t{1} << 40, c.max_offset);
     }},
    {"default-language", "TSUMIKI_DEFAULT_LANGUAGE", "LANG", "ja or en, for messages",
     [](Config& c, std::string_view v) {
       if (v != "ja" && v != "en") return "expected ja or en, got '" + std::string(v) + "'";
       c.default_language = std::string(v);
       return std::string();
     }},
    {"default-time-zone", "TSUMIKI_DEFAULT_TIME_ZONE", "ZONE", "IANA zone, e.g. Asia/Tokyo",
     [](Config& c, std::string_view v) { return RequireValue(c.default_time_zone, v); }},
    {"access-log", "TSUMIKI_ACCESS_LOG", "", "log one line per request (--no-access-log: off)",
     [](Config& c, std::string_view v) { return ParseBool(v, c.access_log); }},
    {"password-min-length", "TSUMIKI_PASSWORD_MIN_LENGTH", "N", "shortest password allowed",
     [](Config& c, std::string_view v) { return ParseInteger(v, 1, 64, c.password_min_length); }},
    {"password-reject-login", "TSUMIKI_PASSWORD_REJECT_LOGIN", "",
     "refuse passwords containing the login name",
     [](Config& c, std::string_view v) { return ParseBool(v, c.password_reject_login); }},
    {"password-reject-common", "TSUMIKI_PASSWORD_REJECT_COMMON", "",
     "refuse the most common passwords",
     [](Config& c, std::string_view v) { return ParseBool(v, c.password_reject_common); }},
    {"session-idle-minutes", "TSUMIKI_SESSION_IDLE_MINUTES", "N",
     "browser sessions end after N idle minutes",
     [](Config& c, std::string_view v) {
       return ParseInteger(v, 1, 366 * 24 * 60, c.session_idle_minutes);
     }},
    {"session-max-hours", "TSUMIKI_SESSION_MAX_HOURS", "N",
     "browser sessions end N hours after sign-in",
     [](Config& c, std::string_view v) {
       return ParseInteger(v, 1, 366 * 24, c.session_max_hours);
     }},
    {"login-failures-before-lock", "TSUMIKI_LOGIN_FAILURES_BEFORE_LOCK", "N",
     "failed logins before an account is locked (back-off doubles)",
     [](Config& c, std::string_view v) {
       return ParseInteger(v, 1, 1000, c.login_failures_before_lock);
     }},
    {"admin-allow-from", "TSUMIKI_ADMIN_ALLOW_FROM", "CIDRS",
     "administrators only from these networks, e.g. 10.0.0.0/8",
     [](Config& c, std::string_view v) {
       auto list = auth::AddressList::Parse(v);
       if (!list.ok()) return list.error().detail();
       c.admin_allow_from = std::string(v);
       return std::string();
     }},
    {"mail-retry-seconds", "TSUMIKI_MAIL_RETRY_SECONDS", "N",
     "wait N seconds after a failed mail delivery, doubling per attempt (up to an hour)",
     [](Config& c, std::string_view v) { return ParseInteger(v, 1, 86400, c.mail_retry_seconds); }},
    {"mail-ca-file", "TSUMIKI_MAIL_CA_FILE", "FILE",
     "PEM CA certificates the SMTP server's certificate is verified with (default: the system's)",
     [](Config& c, std::string_view v) { return RequireValue(c.mail_ca_file, v); }},
    {"secret-key-file", "TSUMIKI_SECRET_KEY_FILE", "FILE",
     "key sealing stored secrets such as the SMTP password (default DATA/secret.key, created "
     "0600 when first needed; back it up with the database)",
     [](Config& c, std::string_view v) { return RequireValue(c.secret_key_file, v); }},
    {"secret-key", "TSUMIKI_SECRET_KEY", "BASE64",
     "that key itself (32 bytes in base64, e.g. from `openssl rand -base64 32`) instead of a file",
     [](Config& c, std::string_view v) { return RequireValue(c.secret_key, v); }},
    {"search-index-interval-ms", "TSUMIKI_SEARCH_INDEX_INTERVAL_MS", "N",
     "the background search indexer looks for new text every N ms when idle (search is exact "
     "at once regardless; a longer wait only leaves more records to read per `like`)",
     [](Config& c, std::string_view v) {
       return ParseInteger(v, 10, 86400000, c.search_index_interval_ms);
     }},
    {"count-memory-mb", "TSUMIKI_COUNT_MEMORY_MB", "N",
     "memory for the in-memory columns that answer totalCount (8 MB per filtered field per "
     "million records); 0 counts with SQL only",
     [](Config& c, std::string_view v) { return ParseInteger(v, 0, 65536, c.count_memory_mb); }},
    {"trusted-proxies", "TSUMIKI_TRUSTED_PROXIES", "CIDRS",
     "reverse proxies whose X-Forwarded-For is believed",
     [](Config& c, std::string_view v) {
       auto list = auth::AddressList::Parse(v);
       if (!list.ok()) return list.error().detail();
       c.trusted_proxies = std::string(v);
       return std::string();
     }},
    {"ldap-url", "TSUMIKI_LDAP_URL", "URLS",
     "sign in against LDAP/AD: ldap://host or ldaps://host, several space-separated",
     [](Config& c, std::string_view v) {
       std::string urls(v);
       for (char& ch : urls) {
         if (ch == ',') ch = ' ';
       }
       std::istringstream words(urls);
       std::string url;
       int count = 0;
       while (words >> url) {
         if (!url.starts_with("ldap://") && !url.starts_with("ldaps://")) {
           return "expected ldap:// or ldaps:// URLs, got '" + url + "'";
         }
         ++count;
       }
       c.ldap_url = count ? urls : "";
       return std::string();
     }},
    {"ldap-start-tls", "TSUMIKI_LDAP_START_TLS", "MODE",
     "StartTLS on ldap:// URLs: off, optional or required",
     [](Config& c, std::string_view v) {
       if (v != "off" && v != "optional" && v != "required") {
         return "expected off, optional or required, got '" + std::string(v) + "'";
       }
       c.ldap_start_tls = std::string(v);
       return std::string();
     }},
    {"ldap-ca-file", "TSUMIKI_LDAP_CA_FILE", "FILE", "PEM CA certificates for the LDAP server",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_ca_file, v); }},
    {"ldap-timeout-seconds", "TSUMIKI_LDAP_TIMEOUT_SECONDS", "N",
     "give up on the LDAP server after N seconds (connect and each operation)",
     [](Config& c, std::string_view v) { return ParseInteger(v, 1, 120, c.ldap_timeout_seconds); }},
    {"ldap-bind-dn", "TSUMIKI_LDAP_BIND_DN", "TEMPLATE",
     "direct bind as e.g. uid={login},ou=people,dc=example,dc=jp or {login}@city.local",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_bind_dn, v); }},
    {"ldap-base-dn", "TSUMIKI_LDAP_BASE_DN", "DN", "search-then-bind: where users are looked up",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_base_dn, v); }},
    {"ldap-user-filter", "TSUMIKI_LDAP_USER_FILTER", "FILTER",
     "search filter, e.g. (&(objectClass=user)(sAMAccountName={login}))",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_user_filter, v); }},
    {"ldap-service-dn", "TSUMIKI_LDAP_SERVICE_DN", "DN",
     "account that searches (empty: search anonymously)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_service_dn, v); }},
    {"ldap-service-password", "TSUMIKI_LDAP_SERVICE_PASSWORD", "SECRET",
     "its password (prefer the variable or a file to a flag)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_service_password, v); }},
    {"ldap-service-password-file", "TSUMIKI_LDAP_SERVICE_PASSWORD_FILE", "FILE",
     "file holding its password (first line)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_service_password_file, v); }},
    {"ldap-name-attribute", "TSUMIKI_LDAP_NAME_ATTRIBUTE", "ATTR",
     "display name attribute (default displayName, then cn)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_name_attribute, v); }},
    {"ldap-mail-attribute", "TSUMIKI_LDAP_MAIL_ATTRIBUTE", "ATTR",
     "e-mail attribute (default mail)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_mail_attribute, v); }},
    {"ldap-create-users", "TSUMIKI_LDAP_CREATE_USERS", "",
     "create the account at a directory user's first sign-in (--no-ldap-create-users: off)",
     [](Config& c, std::string_view v) { return ParseBool(v, c.ldap_create_users); }},
    {"ldap-group-map", "TSUMIKI_LDAP_GROUP_MAP", "MAP",
     "directory groups whose members are put in Tsumiki groups at each sign-in: "
     "'cn=kosodate,ou=groups,dc=city,dc=jp => kosodate; …'",
     [](Config& c, std::string_view v) {
       std::vector<std::pair<std::string, std::string>> map;
       if (std::string error = auth::ParseGroupMap(v, map); !error.empty()) return error;
       c.ldap_group_map = std::string(v);
       return std::string();
     }},
    {"ldap-group-attribute", "TSUMIKI_LDAP_GROUP_ATTRIBUTE", "ATTR",
     "attribute of the user's entry listing its groups (default memberOf)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_group_attribute, v); }},
    {"ldap-group-base-dn", "TSUMIKI_LDAP_GROUP_BASE_DN", "DN",
     "search groups here instead (nested AD groups, servers without memberOf)",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_group_base_dn, v); }},
    {"ldap-group-filter", "TSUMIKI_LDAP_GROUP_FILTER", "FILTER",
     "that search's filter, {dn} = the user's DN (default (|(member={dn})(uniqueMember={dn})))",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_group_filter, v); }},
    {"ldap-organization-attribute", "TSUMIKI_LDAP_ORGANIZATION_ATTRIBUTE", "ATTR",
     "attribute holding the code of the user's primary organisation, set at each sign-in",
     [](Config& c, std::string_view v) { return RequireValue(c.ldap_organization_attribute, v); }},
};

// Settings that make sense only together; "" when they do.
std::string CheckLdap(const Config& c) {
  if (c.ldap_url.empty()) return {};
  if (c.ldap_start_tls != "off" && c.ldap_url.find("ldaps://") != std::string::npos) {
    return "--ldap-start-tls applies to ldap:// URLs; ldaps:// is TLS already";
  }
  if (!c.ldap_group_map.empty() && !c.ldap_group_base_dn.empty() &&
      (c.ldap_group_filter.find("{dn}") == std::string::npos ||
       !c.ldap_group_filter.starts_with('(') || !c.ldap_group_filter.ends_with(')'))) {
    return "--ldap-group-filter must be a (…) filter containing {dn}, got '" + c.ldap_group_filter +
           "'";
  }
  if (!c.ldap_bind_dn.empty()) {
    if (c.ldap_bind_dn.find("{login}") == std::string::npos) {
      return "--ldap-bind-dn must contain {login}, got '" + c.ldap_bind_dn + "'";
    }
    bool mapping = !c.ldap_group_map.empty() || !c.ldap_organization_attribute.empty();
    if (mapping && !auth::IsDnPattern(c.ldap_bind_dn) && c.ldap_base_dn.empty()) {
      return "--ldap-group-map and --ldap-organization-attribute read the user's entry: with a "
             "bind name like '" +
             c.ldap_bind_dn + "' give --ldap-base-dn (and --ldap-user-filter) to find it";
    }
    return {};
  }
  if (c.ldap_base_dn.empty()) {
    return "--ldap-url needs --ldap-bind-dn (direct bind) or --ldap-base-dn (search then bind)";
  }
  if (c.ldap_user_filter.find("{login}") == std::string::npos ||
      !c.ldap_user_filter.starts_with('(') || !c.ldap_user_filter.ends_with(')')) {
    return "--ldap-user-filter must be a (…) filter containing {login}, got '" +
           c.ldap_user_filter + "'";
  }
  if (!c.ldap_service_password.empty() && !c.ldap_service_password_file.empty()) {
    return "give --ldap-service-password or --ldap-service-password-file, not both";
  }
  return {};
}

const Option* FindOption(std::string_view name) {
  for (const Option& option : kOptions) {
    if (option.name == name) return &option;
  }
  return nullptr;
}

// Config-file keys may use '_' for '-': "max_body_bytes" is "max-body-bytes".
std::string KeyName(std::string_view key) {
  std::string name(key);
  for (char& c : name) {
    if (c == '_') c = '-';
  }
  return name;
}

common::Status ReadConfigFile(const std::string& path, Config& config) {
  std::ifstream in(path);
  if (!in) return ConfigError("cannot read config file '" + path + "'");
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string where = path + ":" + std::to_string(number) + ": ";
    std::string_view text = line;
    if (size_t hash = text.find('#'); hash != std::string_view::npos) {
      if (hash == 0 || text[hash - 1] == ' ' || text[hash - 1] == '\t') text = text.substr(0, hash);
    }
    text = Trim(text);
    if (text.empty()) continue;
    size_t equals = text.find('=');
    if (equals == std::string_view::npos) return ConfigError(where + "expected 'key = value'");
    std::string key = KeyName(Trim(text.substr(0, equals)));
    std::string_view value = Trim(text.substr(equals + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    const Option* option = FindOption(key);
    if (!option) return ConfigError(where + "unknown key '" + key + "'");
    if (std::string error = option->set(config, value); !error.empty()) {
      return ConfigError(where + key + ": " + error);
    }
  }
  return {};
}

std::string DefaultWebRoot() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    std::filesystem::path beside = (exe.parent_path() / ".." / "web" / "dist").lexically_normal();
    if (std::filesystem::is_directory(beside, ec)) return beside.string();
  }
  return "./web/dist";
}

}  // namespace

Environment ProcessEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

common::Status SplitListen(std::string_view listen, std::string& host, uint16_t& port) {
  std::string_view host_part;
  std::string_view port_part;
  if (listen.starts_with('[')) {
    size_t close = listen.find(']');
    if (close == std::string_view::npos || close + 1 >= listen.size() || listen[close + 1] != ':') {
      return ConfigError("listen address must be [IPv6]:PORT, got '" + std::string(listen) + "'");
    }
    host_part = listen.substr(1, close - 1);
    port_part = listen.substr(close + 2);
  } else {
    size_t colon = listen.rfind(':');
    if (colon == std::string_view::npos || listen.find(':') != colon) {
      return ConfigError("listen address must be HOST:PORT, got '" + std::string(listen) + "'");
    }
    host_part = listen.substr(0, colon);
    port_part = listen.substr(colon + 1);
  }
  if (host_part.empty()) {
    return ConfigError("listen address needs a host (0.0.0.0 for all), got '" +
                       std::string(listen) + "'");
  }
  int64_t number = 0;
  if (std::string error = ParseInteger(port_part, 0, 65535, number); !error.empty()) {
    return ConfigError("listen port " + error);
  }
  host = std::string(host_part);
  port = static_cast<uint16_t>(number);
  return {};
}

common::Result<Config> ParseConfig(const std::vector<std::string>& args, const Environment& env) {
  Config config;
  // The config file goes first whatever its position among the flags.
  std::optional<std::string> file = env ? env("TSUMIKI_CONFIG") : std::nullopt;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      config.help = true;
      return config;
    }
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) return ConfigError("--config needs a value");
      file = args[++i];
    } else if (args[i].starts_with("--config=")) {
      file = args[i].substr(9);
    }
  }
  if (file) {
    TK_RETURN_IF_ERROR(ReadConfigFile(*file, config));
    config.config_file = *file;
  }

  if (env) {
    for (const Option& option : kOptions) {
      std::optional<std::string> value = env(std::string(option.env));
      if (!value) continue;
      if (std::string error = option.set(config, *value); !error.empty()) {
        return ConfigError(std::string(option.env) + ": " + error);
      }
    }
  }

  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (!arg.starts_with("--")) {
      return ConfigError("unexpected argument '" + std::string(arg) + "' (see --help)");
    }
    std::string_view name = arg.substr(2);
    std::optional<std::string_view> value;
    if (size_t equals = name.find('='); equals != std::string_view::npos) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (name == "config") {
      if (!value) ++i;
      continue;
    }
    const Option* option = FindOption(name);
    if (!option && name.starts_with("no-") && !value) {
      option = FindOption(name.substr(3));
      if (option && option->value.empty())
        value = "false";
      else
        option = nullptr;
    }
    if (!option) return ConfigError("unknown option '--" + std::string(name) + "' (see --help)");
    if (!value) {
      if (option->value.empty()) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        return ConfigError("--" + std::string(name) + " needs a value");
      }
    }
    if (std::string error = option->set(config, *value); !error.empty()) {
      return ConfigError("--" + std::string(name) + ": " + error);
    }
  }

  if (config.tls_cert.empty() != config.tls_key.empty()) {
    return ConfigError(config.tls_cert.empty() ? "--tls-key needs --tls-cert"
                                               : "--tls-cert needs --tls-key");
  }
  if (std::string error = CheckLdap(config); !error.empty()) return ConfigError(error);
  if (config.web_root.empty()) config.web_root = DefaultWebRoot();
  return config;
}

http::ServerOptions ToServerOptions(const Config& config) {
  http::ServerOptions options;
  std::string host;
  uint16_t port = 0;
  if (SplitListen(config.listen, host, port).ok()) {
    options.host = host;
    options.port = port;
  }
  options.io_threads = config.io_threads;
  options.worker_threads = config.worker_threads;
  options.max_body_bytes = config.max_body_bytes;
  options.tls_cert_file = config.tls_cert;
  options.tls_key_file = config.tls_key;
  options.access_log = config.access_log;
  return options;
}

domain::PasswordPolicy PasswordPolicyOf(const Config& config) {
  domain::PasswordPolicy policy;
  policy.min_length = static_cast<int>(config.password_min_length);
  policy.reject_login = config.password_reject_login;
  policy.reject_common = config.password_reject_common;
  return policy;
}

common::Result<std::optional<auth::LdapOptions>> LdapOptionsOf(const Config& config) {
  if (config.ldap_url.empty()) return std::optional<auth::LdapOptions>();
  auth::LdapOptions o;
  std::istringstream words(config.ldap_url);
  for (std::string url; words >> url;) o.urls.push_back(url);
  o.start_tls = config.ldap_start_tls == "required"   ? auth::StartTls::kRequired
                : config.ldap_start_tls == "optional" ? auth::StartTls::kOptional
                                                      : auth::StartTls::kOff;
  o.ca_file = config.ldap_ca_file;
  o.timeout_seconds = static_cast<int>(config.ldap_timeout_seconds);
  o.bind_name = config.ldap_bind_dn;
  o.base_dn = config.ldap_base_dn;
  o.filter = config.ldap_user_filter;
  o.service_dn = config.ldap_service_dn;
  o.service_password = config.ldap_service_password;
  if (!config.ldap_service_password_file.empty()) {
    std::ifstream in(config.ldap_service_password_file);
    if (!in || !std::getline(in, o.service_password)) {
      return ConfigError("cannot read --ldap-service-password-file '" +
                         config.ldap_service_password_file + "'");
    }
    if (!o.service_password.empty() && o.service_password.back() == '\r') {
      o.service_password.pop_back();
    }
  }
  if (!o.service_dn.empty() && o.service_password.empty()) {
    return ConfigError(
        "--ldap-service-dn needs a password (TSUMIKI_LDAP_SERVICE_PASSWORD or "
        "--ldap-service-password-file)");
  }
  o.name_attribute = config.ldap_name_attribute;
  o.mail_attribute = config.ldap_mail_attribute;
  o.read_groups = !config.ldap_group_map.empty();
  o.group_attribute = config.ldap_group_attribute;
  o.group_base_dn = config.ldap_group_base_dn;
  o.group_filter = config.ldap_group_filter;
  o.organization_attribute = config.ldap_organization_attribute;
  return std::optional(o);
}

domain::DirectorySyncRules DirectorySyncRulesOf(const Config& config) {
  domain::DirectorySyncRules rules;
  if (config.ldap_url.empty()) return rules;
  auth::ParseGroupMap(config.ldap_group_map, rules.groups);  // validated when it was set
  rules.organization = !config.ldap_organization_attribute.empty();
  return rules;
}

common::LogLevel ToLogLevel(std::string_view level) {
  if (level == "debug") return common::LogLevel::kDebug;
  if (level == "warn") return common::LogLevel::kWarn;
  if (level == "error") return common::LogLevel::kError;
  return common::LogLevel::kInfo;
}

std::string ConfigHelp() {
  std::ostringstream out;
  out << "Usage: tsumiki serve [options]\n\n"
         "Each option may also come from its environment variable or from a config file\n"
         "(--config FILE or TSUMIKI_CONFIG) with `key = value` lines, key = option name,\n"
         "# for comments. Flags override the environment, which overrides the file.\n\n";
  auto line = [&](std::string left, std::string_view env, std::string_view help) {
    if (left.size() < 28) left.resize(28, ' ');
    out << "  " << left << ' ' << help;
    if (!env.empty()) out << " [" << env << "]";
    out << '\n';
  };
  line("--config FILE", "TSUMIKI_CONFIG", "read options from FILE first");
  for (const Option& option : kOptions) {
    std::string left = "--" + std::string(option.name);
    if (!option.value.empty()) left += " " + std::string(option.value);
    line(left, option.env, option.help);
  }
  line("-h, --help", "", "show this help");
  Config defaults;
  out << "\nDefaults: --data " << defaults.data_dir << " --listen " << defaults.listen
      << " --max-body-bytes 110M --log-level " << defaults.log_level << "\n          --max-limit "
      << defaults.max_records_limit << " --max-offset " << defaults.max_offset
      << " --default-language " << defaults.default_language << " --default-time-zone "
      << defaults.default_time_zone << "\n";
  return out.str();
}

}  // namespace server

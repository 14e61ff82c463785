#include "server/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "common/random.h"

namespace server {
namespace {

using Args = std::vector<std::string>;

Environment FakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

class ConfigFile {
 public:
  explicit ConfigFile(std::string_view content)
      : path_((std::filesystem::temp_directory_path() / ("tsumiki_config_" + common::RandomId(8)))
                  .string()) {
    std::ofstream(path_) << content;
  }
  ~ConfigFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string ErrorOf(const Args& args, const Environment& env = FakeEnv({})) {
  auto config = ParseConfig(args, env);
  return config.ok() ? "" : config.error().detail();
}

TEST(Config, DefaultsWithoutAnySource) {
  auto config = ParseConfig({}, FakeEnv({}));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->data_dir, "./data");
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->max_body_bytes, 110u * 1024 * 1024);
  EXPECT_EQ(config->max_records_limit, 500);
  EXPECT_EQ(config->max_offset, 10000);
  EXPECT_EQ(config->default_language, "ja");
  EXPECT_EQ(config->default_time_zone, "Asia/Tokyo");
  EXPECT_EQ(config->log_level, "info");
  EXPECT_TRUE(config->access_log);
  EXPECT_FALSE(config->web_root.empty());
  EXPECT_TRUE(config->tls_cert.empty());
}

TEST(Config, ServeContractFlags) {
  auto config = ParseConfig({"--data", "/srv/tsumiki", "--listen", "0.0.0.0:9000"}, FakeEnv({}));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->data_dir, "/srv/tsumiki");
  EXPECT_EQ(config->listen, "0.0.0.0:9000");
}

TEST(Config, EveryFlagInBothForms) {
  auto config =
      ParseConfig({"--tls-cert=/c.pem", "--tls-key", "/k.pem", "--threads", "3", "--workers=12",
                   "--max-body-bytes", "2M", "--log-level=debug", "--web-root", "/w", "--max-limit",
                   "1000", "--max-offset=50000", "--default-language", "en",
                   "--default-time-zone=UTC", "--no-access-log"},
                  FakeEnv({}));
  ASSERT_TRUE(config.ok()) << config.error().detail();
  EXPECT_EQ(config->tls_cert, "/c.pem");
  EXPECT_EQ(config->tls_key, "/k.pem");
  EXPECT_EQ(config->io_threads, 3);
  EXPECT_EQ(config->worker_threads, 12);
  EXPECT_EQ(config->max_body_bytes, 2u * 1024 * 1024);
  EXPECT_EQ(config->log_level, "debug");
  EXPECT_EQ(config->web_root, "/w");
  EXPECT_EQ(config->max_records_limit, 1000);
  EXPECT_EQ(config->max_offset, 50000);
  EXPECT_EQ(config->default_language, "en");
  EXPECT_EQ(config->default_time_zone, "UTC");
  EXPECT_FALSE(config->access_log);
}

TEST(Config, AccountAndNetworkSecurityOptions) {
  ConfigFile file(
      "password_min_length = 12\n"
      "admin_allow_from = 10.20.0.0/16, 192.168.5.7\n"
      "trusted_proxies = 127.0.0.1\n");
  auto config = ParseConfig({"--config", file.path(), "--no-password-reject-login",
                             "--session-idle-minutes", "30", "--session-max-hours=8"},
                            FakeEnv({{"TSUMIKI_LOGIN_FAILURES_BEFORE_LOCK", "3"}}));
  ASSERT_TRUE(config.ok()) << config.error().detail();
  domain::PasswordPolicy policy = PasswordPolicyOf(*config);
  EXPECT_EQ(policy.min_length, 12);
  EXPECT_FALSE(policy.reject_login);
  EXPECT_TRUE(policy.reject_common);
  EXPECT_EQ(config->session_idle_minutes, 30);
  EXPECT_EQ(config->session_max_hours, 8);
  EXPECT_EQ(config->login_failures_before_lock, 3);
  EXPECT_EQ(config->admin_allow_from, "10.20.0.0/16, 192.168.5.7");
  EXPECT_EQ(config->trusted_proxies, "127.0.0.1");
  // Defaults: the shipped policy, sessions of 12 hours idle and a week at most.
  auto defaults = ParseConfig({}, FakeEnv({}));
  EXPECT_EQ(PasswordPolicyOf(*defaults).min_length, 8);
  EXPECT_TRUE(PasswordPolicyOf(*defaults).reject_login);
  EXPECT_EQ(defaults->session_idle_minutes, 720);
  EXPECT_EQ(defaults->session_max_hours, 168);
  // Malformed networks are refused with the entry named.
  EXPECT_EQ(ErrorOf({"--admin-allow-from", "10.0.0.0/33"}),
            "--admin-allow-from: expected an address or network like 10.0.0.0/8, got "
            "'10.0.0.0/33'");
  EXPECT_NE(ErrorOf({"--trusted-proxies", "proxy.local"}), "");
  EXPECT_NE(ErrorOf({"--password-min-length", "0"}), "");
}

TEST(Config, FlagsOverrideEnvironmentOverrideFileOverrideDefaults) {
  ConfigFile file(
      "# tsumiki.conf\n"
      "data = /from/file\n"
      "listen = 0.0.0.0:7000   # all interfaces\n"
      "max_limit = 700\n"
      "log-level = \"warn\"\n"
      "\n");
  auto env = FakeEnv({{"TSUMIKI_LISTEN", "127.0.0.1:7100"}, {"TSUMIKI_MAX_LIMIT", "800"}});
  auto config = ParseConfig({"--max-limit", "900", "--config", file.path()}, env);
  ASSERT_TRUE(config.ok()) << config.error().detail();
  EXPECT_EQ(config->data_dir, "/from/file");    // file only
  EXPECT_EQ(config->log_level, "warn");         // file only, quotes stripped
  EXPECT_EQ(config->listen, "127.0.0.1:7100");  // env beats file
  EXPECT_EQ(config->max_records_limit, 900);    // flag beats env and file
  EXPECT_EQ(config->config_file, file.path());
}

TEST(Config, ConfigFileFromEnvironment) {
  ConfigFile file("workers = 6\n");
  auto config = ParseConfig({}, FakeEnv({{"TSUMIKI_CONFIG", file.path()}}));
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->worker_threads, 6);
}

TEST(Config, LdapMembershipMappingAndMailCaFile) {
  auto config = ParseConfig(
      {"--ldap-url", "ldap://dc1", "--ldap-base-dn", "ou=people,dc=x", "--ldap-group-map",
       "CN=A, DC=x => a; cn=b,dc=x => b", "--ldap-organization-attribute", "departmentNumber",
       "--mail-ca-file", "/etc/tsumiki/ca.pem"},
      FakeEnv({}));
  ASSERT_TRUE(config.ok()) << config.error().detail();
  EXPECT_EQ(config->mail_ca_file, "/etc/tsumiki/ca.pem");
  domain::DirectorySyncRules rules = DirectorySyncRulesOf(*config);
  ASSERT_EQ(rules.groups.size(), 2u);
  EXPECT_EQ(rules.groups[0].first, "cn=a,dc=x");
  EXPECT_TRUE(rules.organization);
  auto options = LdapOptionsOf(*config);
  ASSERT_TRUE(options.ok() && *options);
  EXPECT_TRUE((*options)->read_groups);
  EXPECT_EQ((*options)->organization_attribute, "departmentNumber");
  // Without a mapping nothing is read or changed.
  auto plain = ParseConfig({"--ldap-url", "ldap://dc1", "--ldap-base-dn", "dc=x"}, FakeEnv({}));
  EXPECT_TRUE(DirectorySyncRulesOf(*plain).empty());
  EXPECT_FALSE((*LdapOptionsOf(*plain))->read_groups);

  EXPECT_NE(ErrorOf({"--ldap-group-map", "cn=a,dc=x kosodate"}).find("--ldap-group-map: expected"),
            std::string::npos);
  EXPECT_NE(ErrorOf({"--ldap-url", "ldap://dc1", "--ldap-bind-dn", "{login}@city.local",
                     "--ldap-organization-attribute", "department"})
                .find("give --ldap-base-dn"),
            std::string::npos);
  EXPECT_NE(ErrorOf({"--ldap-url", "ldap://dc1", "--ldap-base-dn", "dc=x", "--ldap-group-map",
                     "cn=a,dc=x => a", "--ldap-group-base-dn", "dc=x", "--ldap-group-filter",
                     "(member=*)"})
                .find("--ldap-group-filter must be"),
            std::string::npos);
}

TEST(Config, SplitsListenAddresses) {
  std::string host;
  uint16_t port = 0;
  ASSERT_TRUE(SplitListen("127.0.0.1:8080", host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(SplitListen("[::1]:443", host, port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 443);
  ASSERT_TRUE(SplitListen("localhost:0", host, port).ok());
  EXPECT_EQ(port, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:99999", "host:http", "::1:80", "[::1]80",
                          "[::1]:", "h:8080x"}) {
    EXPECT_FALSE(SplitListen(bad, host, port).ok()) << bad;
  }
}

TEST(Config, ReportsBadInputClearly) {
  EXPECT_EQ(ErrorOf({"--bogus"}), "unknown option '--bogus' (see --help)");
  EXPECT_EQ(ErrorOf({"serve"}), "unexpected argument 'serve' (see --help)");
  EXPECT_EQ(ErrorOf({"--data"}), "--data needs a value");
  EXPECT_NE(ErrorOf({"--listen", "localhost:99999"}).find("0-65535"), std::string::npos);
  EXPECT_NE(ErrorOf({"--threads", "many"}).find("whole number"), std::string::npos);
  EXPECT_NE(ErrorOf({"--max-limit", "0"}).find("--max-limit: must be 1-"), std::string::npos);
  EXPECT_NE(ErrorOf({"--max-body-bytes", "10X"}).find("110M"), std::string::npos);
  EXPECT_NE(ErrorOf({"--log-level", "loud"}).find("debug, info"), std::string::npos);
  EXPECT_EQ(ErrorOf({"--tls-cert", "/c.pem"}), "--tls-cert needs --tls-key");
  EXPECT_EQ(ErrorOf({"--tls-key", "/k.pem"}), "--tls-key needs --tls-cert");
  EXPECT_EQ(ErrorOf({"--no-data"}), "unknown option '--no-data' (see --help)");
  EXPECT_NE(ErrorOf({}, FakeEnv({{"TSUMIKI_WORKERS", "-1"}})).find("TSUMIKI_WORKERS: "),
            std::string::npos);
}

TEST(Config, ConfigFileErrorsNameFileAndLine) {
  EXPECT_EQ(ErrorOf({"--config", "/nonexistent/tsumiki.conf"}),
            "cannot read config file '/nonexistent/tsumiki.conf'");
  ConfigFile unknown("data = /x\ncolour = blue\n");
  EXPECT_EQ(ErrorOf({"--config=" + unknown.path()}), unknown.path() + ":2: unknown key 'colour'");
  ConfigFile malformed("# ok\nlisten 0.0.0.0:80\n");
  EXPECT_EQ(ErrorOf({"--config", malformed.path()}),
            malformed.path() + ":2: expected 'key = value'");
  ConfigFile bad_value("threads = lots\n");
  EXPECT_NE(ErrorOf({"--config", bad_value.path()}).find(":1: threads: expected a whole number"),
            std::string::npos);
}

TEST(Config, SizesAcceptBinarySuffixes) {
  for (auto [text, bytes] : std::vector<std::pair<std::string, size_t>>{{"1024", 1024},
                                                                        {"4k", 4096},
                                                                        {"110M", 110u << 20},
                                                                        {"1GiB", 1u << 30},
                                                                        {"2MB", 2u << 20}}) {
    auto config = ParseConfig({"--max-body-bytes", text}, FakeEnv({}));
    ASSERT_TRUE(config.ok()) << text;
    EXPECT_EQ(config->max_body_bytes, bytes) << text;
  }
  EXPECT_FALSE(ParseConfig({"--max-body-bytes", "0"}, FakeEnv({})).ok());
  EXPECT_FALSE(ParseConfig({"--max-body-bytes", "2000G"}, FakeEnv({})).ok());
}

TEST(Config, HelpShortCircuitsAndListsEveryFlag) {
  auto config = ParseConfig({"--bogus", "--help"}, FakeEnv({}));
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->help);
  std::string help = ConfigHelp();
  for (const char* flag :
       {"--data DIR", "--listen HOST:PORT", "--tls-cert FILE", "--tls-key FILE", "--threads N",
        "--workers N", "--max-body-bytes SIZE", "--log-level", "--web-root DIR", "--max-limit N",
        "--max-offset N", "--config FILE", "TSUMIKI_DATA", "TSUMIKI_LISTEN", "--access-log"}) {
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
  }
}

TEST(Config, ConvertsToServerOptions) {
  auto config =
      ParseConfig({"--listen", "[::1]:9443", "--threads", "2", "--workers", "8", "--max-body-bytes",
                   "1M", "--tls-cert", "c", "--tls-key", "k", "--access-log=false"},
                  FakeEnv({}));
  ASSERT_TRUE(config.ok());
  http::ServerOptions options = ToServerOptions(*config);
  EXPECT_EQ(options.host, "::1");
  EXPECT_EQ(options.port, 9443);
  EXPECT_EQ(options.io_threads, 2);
  EXPECT_EQ(options.worker_threads, 8);
  EXPECT_EQ(options.max_body_bytes, 1024u * 1024);
  EXPECT_EQ(options.tls_cert_file, "c");
  EXPECT_EQ(options.tls_key_file, "k");
  EXPECT_FALSE(options.access_log);
  EXPECT_EQ(ToLogLevel("warn"), common::LogLevel::kWarn);
  EXPECT_EQ(ToLogLevel("nonsense"), common::LogLevel::kInfo);
}

}  // namespace
}  // namespace server

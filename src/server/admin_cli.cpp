#include "server/admin_cli.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "auth/authenticator.h"
#include "domain/fields/field_type_registry.h"
#include "domain/users/user_repository.h"
#include "server/config.h"
#include "storage/migrations.h"
#include "storage/repositories/sql_audit_log.h"
#include "storage/repositories/sql_two_factor_store.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/sqlite_database.h"

namespace server {

namespace {

constexpr const char* kUsage =
    "usage: tsumiki admin user add LOGIN [--name NAME] [--admin] [--ldap] [--data DIR]\n"
    "         [--config FILE]\n"
    "       tsumiki admin user passwd LOGIN [--data DIR] [--config FILE]\n"
    "       tsumiki admin user source LOGIN ldap|local [--data DIR]   (password checked where)\n"
    "       tsumiki admin user list [--data DIR]\n"
    "       tsumiki admin user reset-2fa LOGIN [--data DIR]   (a lost phone: password only)\n"
    "       tsumiki admin audit verify [--data DIR]\n"
    "--ldap: the account signs in with its LDAP/Active Directory password (none is asked).\n"
    "The password is read from TSUMIKI_PASSWORD, or asked for on the terminal. It must meet\n"
    "the password policy of the server's configuration (--config FILE or TSUMIKI_CONFIG).\n";

// What is wrong with a refused password, in words, else the error itself.
std::string Explain(const common::Error& e) {
  if (!e.has_fields()) return e.ToString();
  std::string out;
  for (const auto& f : e.fields()) {
    for (const auto& m : f.messages) {
      if (!out.empty()) out += "; ";
      out += common::Render(m, common::Lang::kEn);
    }
  }
  return out;
}

std::string ReadPassword() {
  if (const char* p = std::getenv("TSUMIKI_PASSWORD")) return p;
  std::cerr << "Password: " << std::flush;
  termios old{};
  bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string password;
  std::getline(std::cin, password);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  return password;
}

// `tsumiki admin audit verify`: walks the hash chain. 0 = intact, 1 = broken or unreadable.
int VerifyAudit(const std::vector<std::string>& args) {
  std::string data = "./data";
  if (const char* env = std::getenv("TSUMIKI_DATA")) data = env;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--data" && i + 1 < args.size()) {
      data = args[++i];
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  storage::sqlite::SqliteOptions options;
  options.path = (std::filesystem::path(data) / "tsumiki.db").string();
  options.count_columns_bytes = 0;  // no counts here: no loader thread
  if (!std::filesystem::exists(options.path)) {
    std::cerr << "no Tsumiki database in " << data << "\n";
    return 1;
  }
  auto db = storage::sqlite::SqliteDatabase::Open(options);
  if (!db.ok()) {
    std::cerr << db.error().ToString() << "\n";
    return 1;
  }
  if (auto s = storage::Migrate(**db); !s.ok()) {
    std::cerr << s.error().ToString() << "\n";
    return 1;
  }
  storage::SqlAuditLog log(**db);
  auto v = log.Verify();
  if (!v.ok()) {
    std::cerr << "cannot read the audit log: " << v.error().ToString() << "\n";
    return 1;
  }
  if (!v->intact) {
    std::cout << "audit log BROKEN: " << v->problem << " (" << v->entries
              << " entries verified before it)\n";
    return 1;
  }
  std::cout << "audit log intact: " << v->entries << " entries";
  if (v->entries > 0) std::cout << "; head entry " << v->last_seq << " " << v->head_hash;
  std::cout << "\ncompare the head with a copy kept elsewhere (the server logs it at start) to "
               "detect a truncated tail\n";
  return 0;
}

}  // namespace

int RunAdmin(const std::vector<std::string>& args) {
  if (args.size() >= 2 && args[0] == "audit" && args[1] == "verify") return VerifyAudit(args);
  if (args.size() < 2 || args[0] != "user") {
    std::cerr << kUsage;
    return 2;
  }
  const std::string& command = args[1];
  std::string login, name, data = "./data";
  std::vector<std::string> config_args;
  std::string source;
  bool admin = false;
  bool ldap = false;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--name" && i + 1 < args.size()) {
      name = args[++i];
    } else if (args[i] == "--config" && i + 1 < args.size()) {
      config_args = {"--config", args[++i]};
    } else if (args[i] == "--data" && i + 1 < args.size()) {
      data = args[++i];
    } else if (args[i] == "--admin") {
      admin = true;
    } else if (args[i] == "--ldap" && command == "add") {
      ldap = true;
    } else if (login.empty() && !args[i].starts_with("--")) {
      login = args[i];
    } else if (command == "source" && source.empty() && !args[i].starts_with("--")) {
      source = args[i];
    } else {
      std::cerr << kUsage;
      return 2;
    }
  }
  if (const char* env = std::getenv("TSUMIKI_DATA"); env && data == "./data") data = env;
  if (command != "list" && login.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  storage::sqlite::SqliteOptions options;
  options.path = (std::filesystem::path(data) / "tsumiki.db").string();
  options.count_columns_bytes = 0;  // no counts here: no loader thread
  if (!std::filesystem::exists(options.path)) {
    std::cerr << "no Tsumiki database in " << data << " (start the server once first)\n";
    return 1;
  }
  auto db = storage::sqlite::SqliteDatabase::Open(options);
  if (!db.ok()) {
    std::cerr << db.error().ToString() << "\n";
    return 1;
  }
  if (auto s = storage::Migrate(**db); !s.ok()) {
    std::cerr << s.error().ToString() << "\n";
    return 1;
  }
  // The same password policy as the server: from the config file and TSUMIKI_* variables.
  auto config = ParseConfig(config_args);
  if (!config.ok()) {
    std::cerr << config.error().detail() << "\n";
    return 1;
  }
  auth::AuthOptions auth_options;
  auth_options.password_policy = PasswordPolicyOf(*config);
  storage::SqlTwoFactorStore two_factor(**db);
  auth_options.two_factor = &two_factor;
  domain::FieldTypeRegistry registry;
  storage::SqlTransactionRunner tx(**db, registry);
  common::SystemClock clock;
  auth::Authenticator auth(tx, clock, auth_options);

  if (command == "list") {
    std::vector<domain::User> users;
    auto s = tx.Read([&](domain::Transaction& t) -> common::Status {
      TK_ASSIGN_OR_RETURN(users, t.users().List(0, 1000000));
      return common::Status::Ok();
    });
    if (!s.ok()) {
      std::cerr << s.error().ToString() << "\n";
      return 1;
    }
    for (const auto& u : users) {
      std::cout << u.code << "\t" << u.name << (u.is_admin ? "\tadmin" : "")
                << (u.valid ? "" : "\tinactive")
                << (u.auth_source == domain::kAuthSourceLdap ? "\tldap" : "") << "\n";
    }
    return 0;
  }
  if (command == "reset-2fa") {
    auto s = auth.ResetTotp(login);
    if (!s.ok()) {
      std::cerr << "cannot reset two-factor sign-in of " << login << ": " << Explain(s.error())
                << "\n";
      return 1;
    }
    std::cout << "two-factor sign-in of " << login << " turned off; they can enrol again\n";
    return 0;
  }
  if (command == "source") {
    auto s = auth.SetAuthSource(login, source);
    if (!s.ok()) {
      std::cerr << "cannot change where " << login << " signs in: " << Explain(s.error()) << "\n";
      return 1;
    }
    std::cout << login << " now signs in with its "
              << (source == domain::kAuthSourceLdap ? "LDAP password" : "local password")
              << "; its sessions were ended"
              << (source == domain::kAuthSourceLdap ? "" : " (set one with `user passwd`)") << "\n";
    return 0;
  }
  std::string password = ldap && command == "add" ? "" : ReadPassword();
  if (command == "add") {
    domain::User u;
    u.code = login;
    u.name = name.empty() ? login : name;
    u.is_admin = admin;
    if (ldap) u.auth_source = domain::kAuthSourceLdap;
    auto r = auth.CreateUser(u, password);
    if (!r.ok()) {
      std::cerr << "cannot add " << login << ": " << Explain(r.error()) << "\n";
      return 1;
    }
    std::cout << "added " << login << (admin ? " (administrator)" : "") << "\n";
    return 0;
  }
  if (command == "passwd") {
    auto s = auth.SetPassword(login, password);
    if (!s.ok()) {
      std::cerr << "cannot change the password of " << login << ": " << Explain(s.error()) << "\n";
      return 1;
    }
    std::cout << "password of " << login << " changed; its browser sessions were ended\n";
    return 0;
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace server

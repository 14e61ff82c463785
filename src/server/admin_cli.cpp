#include "server/admin_cli.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "auth/authenticator.h"
#include "domain/fields/field_type_registry.h"
#include "domain/users/user_repository.h"
#include "storage/migrations.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/sqlite_database.h"

namespace server {

namespace {

constexpr const char* kUsage =
    "usage: tsumiki admin user add LOGIN [--name NAME] [--admin] [--data DIR]\n"
    "       tsumiki admin user passwd LOGIN [--data DIR]\n"
    "       tsumiki admin user list [--data DIR]\n"
    "The password is read from TSUMIKI_PASSWORD, or asked for on the terminal.\n";

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

}  // namespace

int RunAdmin(const std::vector<std::string>& args) {
  if (args.size() < 2 || args[0] != "user") {
    std::cerr << kUsage;
    return 2;
  }
  const std::string& command = args[1];
  std::string login, name, data = "./data";
  bool admin = false;
  for (size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--name" && i + 1 < args.size()) {
      name = args[++i];
    } else if (args[i] == "--data" && i + 1 < args.size()) {
      data = args[++i];
    } else if (args[i] == "--admin") {
      admin = true;
    } else if (login.empty() && !args[i].starts_with("--")) {
      login = args[i];
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
  domain::FieldTypeRegistry registry;
  storage::SqlTransactionRunner tx(**db, registry);
  common::SystemClock clock;
  auth::Authenticator auth(tx, clock);

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
                << (u.valid ? "" : "\tinactive") << "\n";
    }
    return 0;
  }
  std::string password = ReadPassword();
  if (password.size() < 8) {
    std::cerr << "the password must have at least 8 characters\n";
    return 1;
  }
  if (command == "add") {
    domain::User u;
    u.code = login;
    u.name = name.empty() ? login : name;
    u.is_admin = admin;
    auto r = auth.CreateUser(u, password);
    if (!r.ok()) {
      std::cerr << "cannot add " << login << ": " << r.error().ToString() << "\n";
      return 1;
    }
    std::cout << "added " << login << (admin ? " (administrator)" : "") << "\n";
    return 0;
  }
  if (command == "passwd") {
    auto s = auth.SetPassword(login, password);
    if (!s.ok()) {
      std::cerr << "cannot change the password of " << login << ": " << s.error().ToString()
                << "\n";
      return 1;
    }
    std::cout << "password of " << login << " changed\n";
    return 0;
  }
  std::cerr << kUsage;
  return 2;
}

}  // namespace server

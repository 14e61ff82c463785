#include "server/bootstrap.h"

#include <iostream>

#include "common/text.h"
#include "domain/users/user_repository.h"

namespace server {

using common::Status;

common::Result<BootstrapResult> Bootstrap(domain::TransactionRunner& db, auth::Authenticator& auth,
                                          const std::string& admin_user,
                                          const std::string& admin_password) {
  int64_t users = 0;
  TK_RETURN_IF_ERROR(db.Read([&](domain::Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(users, tx.users().Count());
    return Status::Ok();
  }));
  BootstrapResult result;
  if (users > 0) return result;
  result.first_start = true;
  result.admin_login = admin_user.empty() ? domain::kTokenUserCode : admin_user;
  std::string password = admin_password;
  if (password.empty()) {
    password = auth::NewSecret(16);
    result.generated_password = password;
  } else if (auto problem = domain::CheckPassword(auth.options().password_policy,
                                                  result.admin_login, password)) {
    // Refusing would leave a fresh install with no way in; say it loudly instead.
    std::cerr << "Tsumiki: warning: TSUMIKI_ADMIN_PASSWORD does not meet the password policy ("
              << common::Render(*problem, common::Lang::kEn)
              << "); change it with `tsumiki admin user passwd`\n";
  }
  domain::User builtin;
  builtin.code = domain::kTokenUserCode;
  builtin.name = domain::kTokenUserCode;
  builtin.is_admin = true;
  // The built-in account can sign in only when it is also the chosen first administrator.
  bool builtin_is_admin = result.admin_login == domain::kTokenUserCode;
  TK_RETURN_IF_ERROR(auth.CreateUser(builtin, builtin_is_admin ? password : "", false));
  if (!builtin_is_admin) {
    domain::User admin;
    admin.code = result.admin_login;
    admin.name = result.admin_login;
    admin.is_admin = true;
    TK_RETURN_IF_ERROR(auth.CreateUser(admin, password, false));
  }
  return result;
}

}  // namespace server

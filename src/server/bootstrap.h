// First start: creates the built-in "Administrator" account (API-token actions are
// attributed to it, as in kintone) and the first administrator, from TSUMIKI_ADMIN_USER /
// TSUMIKI_ADMIN_PASSWORD or with a generated password printed once. Runs before serving.
#pragma once

#include <string>

#include "auth/authenticator.h"
#include "domain/transaction.h"

namespace server {

struct BootstrapResult {
  bool first_start = false;
  std::string admin_login;
  std::string generated_password;  // empty unless we generated one
};

common::Result<BootstrapResult> Bootstrap(domain::TransactionRunner& db, auth::Authenticator& auth,
                                          const std::string& admin_user,
                                          const std::string& admin_password);

}  // namespace server

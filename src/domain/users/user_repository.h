// Ports: users, sessions, login throttling and API tokens. Implemented once in storage/.
// Bound to one transaction; not thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/users/directory.h"
#include "domain/users/user.h"

namespace domain {

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual common::Result<int64_t> Insert(const User& user, const std::string& password_hash) = 0;
  virtual common::Result<std::optional<User>> FindByCode(std::string_view code) = 0;
  // The LDAP account whose code is `login` ignoring ASCII case (directory logins are not
  // case-sensitive: "Tanaka" and "tanaka" are one person); none if no or several match.
  virtual common::Result<std::optional<User>> FindDirectoryAccount(std::string_view login) = 0;
  virtual common::Result<std::optional<User>> FindById(int64_t id) = 0;
  virtual common::Result<std::optional<std::string>> PasswordHash(int64_t user_id) = 0;
  virtual common::Status SetPasswordHash(int64_t user_id, const std::string& hash) = 0;
  virtual common::Result<std::vector<User>> List(int64_t offset, int64_t limit) = 0;
  virtual common::Result<int64_t> Count() = 0;
  // Users matching `filter` (ids or codes), ordered by id.
  virtual common::Result<std::vector<User>> Find(const DirectoryFilter& filter) = 0;
  // Every property but the password and created_at.
  virtual common::Status Update(const User& user) = 0;
  virtual common::Status Delete(int64_t id) = 0;
};

struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0;
  int64_t expires_at = 0;
  int64_t last_seen_at = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual common::Status Insert(const Session& session) = 0;
  virtual common::Result<std::optional<Session>> Find(std::string_view token_hash) = 0;
  virtual common::Status Touch(std::string_view token_hash, int64_t last_seen, int64_t expires) = 0;
  virtual common::Status Delete(std::string_view token_hash) = 0;
  virtual common::Status DeleteExpired(int64_t now) = 0;
  // Every session of the user ("log out everywhere", password change, deactivation).
  virtual common::Status DeleteForUser(int64_t user_id) = 0;
};

// Failed-login counters, keyed by "user:<code>" or "addr:<ip>".
struct LoginFailures {
  int64_t failures = 0;
  int64_t window_start = 0;
  int64_t locked_until = 0;
};

class LoginThrottleRepository {
 public:
  virtual ~LoginThrottleRepository() = default;
  virtual common::Result<LoginFailures> Get(std::string_view key) = 0;
  virtual common::Status Put(std::string_view key, const LoginFailures& value) = 0;
  virtual common::Status Clear(std::string_view key) = 0;
};

struct ApiToken {
  int64_t id = 0;
  int64_t app_id = 0;
  std::string token_hash;
  std::string hint;  // first characters, to tell tokens apart in lists
  TokenGrant grant;
  int64_t created_by = 0;
  int64_t created_at = 0;
  std::optional<int64_t> revoked_at;
};

class ApiTokenRepository {
 public:
  virtual ~ApiTokenRepository() = default;
  virtual common::Result<int64_t> Insert(const ApiToken& token) = 0;
  virtual common::Result<std::optional<ApiToken>> FindByHash(std::string_view token_hash) = 0;
  virtual common::Result<std::vector<ApiToken>> ListForApp(int64_t app_id) = 0;
  virtual common::Status Revoke(int64_t app_id, int64_t token_id, int64_t at) = 0;
};

}  // namespace domain

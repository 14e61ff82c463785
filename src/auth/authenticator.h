// Turns credentials into a Principal: passwords (Argon2id, with a short-lived cache of
// verified credentials so scripted clients do not pay a hash per request), API tokens,
// browser sessions with CSRF tokens. Failed logins are throttled per account and per
// address with exponential back-off. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/credentials.h"
#include "auth/password.h"
#include "common/clock.h"
#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "domain/users/user.h"
#include "domain/users/user_repository.h"

namespace auth {

struct AuthOptions {
  int64_t session_idle_seconds = 12 * 3600;
  int64_t session_max_seconds = 7 * 24 * 3600;
  int account_failures_before_lock = 5;
  int address_failures_before_lock = 30;
  int64_t failure_window_seconds = 15 * 60;
  int64_t max_lock_seconds = 15 * 60;
  std::string default_time_zone = "Asia/Tokyo";
};

struct NewSession {
  std::string session_id;  // the cookie value (only its hash is stored)
  std::string csrf_token;
  domain::User user;
  int64_t expires_at = 0;
};

class Authenticator {
 public:
  Authenticator(domain::TransactionRunner& db, const common::Clock& clock, AuthOptions options = {});

  // The caller, or CB_AU01 (none), CB_WA01 (bad password), GAIA_IA02 (bad token),
  // CB_LO01 (locked after too many failures), CB_NO02 (session write without CSRF token).
  common::Result<domain::Principal> Authenticate(const Credentials& credentials);

  // Browser sign-in: checks the password (throttled) and opens a session.
  common::Result<NewSession> Login(std::string_view login, std::string_view password,
                                   std::string_view remote_address);
  common::Status Logout(std::string_view session_id);
  // The session's user and CSRF token, for the web UI's start-up call.
  common::Result<NewSession> CurrentSession(std::string_view session_id);

  // Creates or updates an account's password (CLI and first start). Not throttled.
  common::Result<domain::User> CreateUser(const domain::User& user, std::string_view password);
  common::Status SetPassword(std::string_view login, std::string_view password);

  // A new API token for `app` with `grant` rights; returns the token text (shown once).
  common::Result<std::string> CreateApiToken(int64_t app, const domain::TokenGrant& grant,
                                             int64_t created_by);
  common::Result<std::vector<domain::ApiToken>> ListApiTokens(int64_t app);
  common::Status RevokeApiToken(int64_t app, int64_t token_id);

 private:
  common::Result<domain::Principal> ByPassword(std::string_view base64, std::string_view remote);
  common::Result<domain::Principal> ByTokens(const std::vector<std::string>& tokens);
  common::Result<domain::Principal> BySession(const Credentials& c);
  // Verifies login/password with throttling; the user on success.
  common::Result<domain::User> Verify(std::string_view login, std::string_view password,
                                      std::string_view remote, bool for_api);
  common::Status CheckNotLocked(std::string_view login, std::string_view remote);
  void RecordFailure(std::string_view login, std::string_view remote);
  void ClearFailures(std::string_view login);
  domain::Principal ToPrincipal(const domain::User& user) const;

  struct CachedCredential {
    int64_t user_id;
    std::string password_hash;
    int64_t expires_at;
  };

  domain::TransactionRunner& db_;
  const common::Clock& clock_;
  AuthOptions options_;
  KeyedDigest digest_;
  std::string dummy_hash_;  // verified against for unknown logins, to equalise timing
  std::mutex cache_mutex_;  // guards verified_
  std::unordered_map<std::string, CachedCredential> verified_;
};

// Decodes base64 "login:password"; nullopt-equivalent false when malformed.
bool DecodeBasicPair(std::string_view base64, std::string* login, std::string* password);

}  // namespace auth

// Turns credentials into a Principal: passwords (Argon2id, with a short-lived cache of
// verified credentials so scripted clients do not pay a hash per request), API tokens,
// browser sessions with CSRF tokens. Failed logins are throttled per account and per
// address with exponential back-off. Thread-safe.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "auth/address_list.h"
#include "auth/credentials.h"
#include "auth/password.h"
#include "auth/password_directory.h"
#include "auth/token_cache.h"
#include "common/clock.h"
#include "common/result.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "domain/users/directory_sync.h"
#include "domain/users/password_policy.h"
#include "domain/users/two_factor_store.h"
#include "domain/users/user.h"
#include "domain/users/user_repository.h"

namespace domain {
class AuditLog;
}

namespace auth {

struct AuthOptions {
  int64_t session_idle_seconds = 12 * 3600;
  int64_t session_max_seconds = 7 * 24 * 3600;
  int account_failures_before_lock = 5;
  int address_failures_before_lock = 30;
  int64_t failure_window_seconds = 15 * 60;
  int64_t max_lock_seconds = 15 * 60;
  std::string default_time_zone = "Asia/Tokyo";
  domain::PasswordPolicy password_policy;
  // When not empty, administrators are recognised only from these networks; from anywhere
  // else their credentials are refused (a stolen admin password is useless off-site).
  AddressList admin_allow;
  // TOTP second factor (nullptr: not offered). Users who enrol must give a code at browser
  // sign-in; their password is refused on the REST API (CB_TW02), as kintone does.
  domain::TwoFactorStore* two_factor = nullptr;
  std::string totp_issuer = "Tsumiki";  // the name authenticator apps show
  // LDAP / Active Directory sign-in (nullptr: off). Accounts whose auth source is "ldap"
  // are checked there and only there; local accounts (the first administrator among them)
  // keep their local password, so they still sign in when the directory is down.
  PasswordDirectory* directory = nullptr;
  // A login unknown here but accepted by the directory becomes a new "ldap" account;
  // when false such a login is refused until an administrator creates the account.
  bool directory_creates_users = true;
  // Runs after the directory created or refreshed an account (the entity cache reloads).
  std::function<void()> on_directory_change;
  // Group and organisation memberships that follow the directory at each directory sign-in,
  // in the same transaction as the account's refresh (empty: memberships are left alone).
  domain::DirectorySyncRules directory_sync;
  // Where such membership changes are recorded ("membership.directory"); nullptr: nowhere.
  domain::AuditLog* audit_log = nullptr;
};

// A started TOTP enrolment: the secret to type in, and the same as an otpauth:// URI.
struct TotpEnrolment {
  std::string secret;
  std::string uri;
};

struct NewSession {
  std::string session_id;  // the cookie value (only its hash is stored)
  std::string csrf_token;
  domain::User user;
  int64_t expires_at = 0;
};

class Authenticator {
 public:
  Authenticator(domain::TransactionRunner& db, const common::Clock& clock,
                AuthOptions options = {});

  // The caller, or CB_AU01 (none), CB_WA01 (bad password), GAIA_IA02 (bad token),
  // CB_LO01 (locked after too many failures), CB_NO02 (session write without CSRF token).
  common::Result<domain::Principal> Authenticate(const Credentials& credentials);

  // Browser sign-in: checks the password (throttled) and, for users with two-factor
  // sign-in, `otp` (a TOTP code or a recovery code; TK_TF01 when missing, CB_VA01 "otp"
  // when wrong, throttled like a wrong password), then opens a session.
  common::Result<NewSession> Login(std::string_view login, std::string_view password,
                                   std::string_view remote_address, std::string_view otp = "");

  // Two-factor sign-in for the signed-in user: start (a new secret), confirm with a first
  // code (returns the recovery codes, shown once), turn off (needs the password).
  common::Result<TotpEnrolment> BeginTotp(const domain::Principal& who);
  common::Result<std::vector<std::string>> ConfirmTotp(const domain::Principal& who,
                                                       std::string_view code);
  common::Status DisableTotp(const domain::Principal& who, std::string_view password,
                             std::string_view remote_address);
  // Whether `user_id` signs in with a second factor.
  bool UsesTotp(int64_t user_id);
  // For an administrator helping a user who lost the phone (CLI).
  common::Status ResetTotp(std::string_view login);
  common::Status Logout(std::string_view session_id);
  // Ends every session of the user ("log out everywhere").
  common::Status LogoutEverywhere(int64_t user_id);
  // The signed-in user's own password change: checks the current password (throttled) and
  // the policy, ends every session of the account, and opens a fresh one for this browser.
  common::Result<NewSession> ChangePassword(const domain::Principal& who,
                                            std::string_view current_password,
                                            std::string_view new_password,
                                            std::string_view remote_address);
  // The session's user and CSRF token, for the web UI's start-up call.
  common::Result<NewSession> CurrentSession(std::string_view session_id);

  // Creates or updates an account's password (CLI and first start). Not throttled; the
  // password policy applies (CB_VA01 on "password").
  // `check_policy` false only for the first administrator at first start, whose password
  // the operator chose in the environment (Bootstrap warns instead).
  common::Result<domain::User> CreateUser(const domain::User& user, std::string_view password,
                                          bool check_policy = true);
  const AuthOptions& options() const { return options_; }
  // Refused (CB_VA01 "password") for an account whose password lives in the directory.
  common::Status SetPassword(std::string_view login, std::string_view password);
  // Moves an account to "ldap" (its local password is erased) or back to "local" (it has
  // no password until SetPassword); either way its sessions end. CLI only.
  common::Status SetAuthSource(std::string_view login, std::string_view source);

  // A new API token for `app` with `grant` rights; returns the token text (shown once).
  common::Result<std::string> CreateApiToken(int64_t app, const domain::TokenGrant& grant,
                                             int64_t created_by);
  common::Result<std::vector<domain::ApiToken>> ListApiTokens(int64_t app);
  common::Status RevokeApiToken(int64_t app, int64_t token_id);

 private:
  common::Result<domain::Principal> ByPassword(std::string_view base64, std::string_view remote);
  common::Result<domain::Principal> ByTokens(const std::vector<std::string>& tokens);
  common::Result<domain::Principal> BySession(const Credentials& c);
  // Verifies login/password with throttling; the user on success. `clear_failures` false
  // keeps the failure count when a second factor is still to come.
  common::Result<domain::User> Verify(std::string_view login, std::string_view password,
                                      std::string_view remote, bool for_api,
                                      bool clear_failures = true);
  // The directory's half of Verify for an "ldap" account (`user` set) or an unknown login.
  common::Result<domain::User> VerifyWithDirectory(
      std::string_view login, std::string_view password, std::string_view remote,
      const std::optional<domain::User>& user, const common::Error& failure, bool clear_failures);
  // The local account for a person the directory accepted: created, or its name and mail
  // address refreshed from the directory.
  common::Result<domain::User> AdoptDirectoryPerson(std::string_view login,
                                                    const std::optional<domain::User>& user,
                                                    const DirectoryPerson& person,
                                                    std::string_view remote);
  // Logs and audits what SyncDirectoryMemberships changed for `user`.
  void RecordDirectorySync(const domain::User& user, const domain::DirectorySyncResult& synced,
                           std::string_view remote);
  bool IsDirectoryAccount(int64_t user_id);
  common::Status CheckNotLocked(std::string_view login, std::string_view remote);
  void RecordFailure(std::string_view login, std::string_view remote);
  void ClearFailures(std::string_view login);
  domain::Principal ToPrincipal(const domain::User& user) const;
  // CB_NO02 when `user` is an administrator outside the admin allow-list.
  common::Status CheckAdminAddress(const domain::User& user, std::string_view remote) const;
  common::Status CheckPolicy(std::string_view login, std::string_view password) const;
  common::Result<NewSession> OpenSession(const domain::User& user);
  // CB_VA01 "otp" unless `otp` is a fresh TOTP code or an unused recovery code of `user`.
  common::Status CheckSecondFactor(const domain::User& user, std::string_view otp);

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
  // user id -> (uses TOTP, valid until): spares password-API calls a read; guarded by
  // cache_mutex_. Another server process (the CLI's reset) is seen within 30 s.
  std::unordered_map<int64_t, std::pair<bool, int64_t>> totp_users_;
  TokenCache token_cache_;  // API tokens -> principal; cleared by RevokeApiToken
};

// Decodes base64 "login:password"; nullopt-equivalent false when malformed.
bool DecodeBasicPair(std::string_view base64, std::string* login, std::string* password);

}  // namespace auth

#include "auth/authenticator.h"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "auth/totp.h"
#include "common/log.h"
#include "domain/audit/audit_log.h"
#include "domain/users/user_repository.h"

namespace auth {

using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;
using domain::Principal;
using domain::Transaction;
using domain::User;

namespace {

constexpr size_t kMaxCachedCredentials = 10000;
constexpr int64_t kCredentialCacheSeconds = 300;
constexpr size_t kMaxTokens = 9;
constexpr int64_t kTotpCacheSeconds = 30;

// Case-folded (ASCII): directory logins ignore case, and "Tanaka", "TANAKA", … must share one
// throttle, not give an attacker a fresh allowance each.
std::string AccountKey(std::string_view login) {
  std::string key = "user:";
  for (char c : login) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}
std::string AddressKey(std::string_view remote) { return "addr:" + std::string(remote); }

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

bool DecodeBasicPair(std::string_view base64, std::string* login, std::string* password) {
  while (!base64.empty() && base64.back() == ' ') base64.remove_suffix(1);
  while (!base64.empty() && base64.front() == ' ') base64.remove_prefix(1);
  if (base64.empty() || base64.size() > 4096) return false;
  std::string bin(base64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), base64.data(),
                        base64.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  bin.resize(len);
  size_t colon = bin.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  *login = bin.substr(0, colon);
  *password = bin.substr(colon + 1);
  return true;
}

Authenticator::Authenticator(domain::TransactionRunner& db, const common::Clock& clock,
                             AuthOptions options)
    : db_(db), clock_(clock), options_(std::move(options)), dummy_hash_(HashPassword("x")) {}

Status Authenticator::CheckAdminAddress(const User& user, std::string_view remote) const {
  if (!user.is_admin || options_.admin_allow.empty() || options_.admin_allow.Contains(remote)) {
    return Status::Ok();
  }
  return Error(ErrorCode::kAdminAddressNotAllowed);
}

Status Authenticator::CheckPolicy(std::string_view login, std::string_view password) const {
  if (auto problem = domain::CheckPassword(options_.password_policy, login, password)) {
    return Error::Invalid("password", problem->text, problem->args);
  }
  return Status::Ok();
}

Result<Principal> Authenticator::Authenticate(const Credentials& c) {
  if (!c.cybozu_authorization.empty()) return ByPassword(c.cybozu_authorization, c.remote_address);
  if (!c.api_tokens.empty()) return ByTokens(c.api_tokens);
  if (!c.basic.empty()) return ByPassword(c.basic, c.remote_address);
  if (!c.session_id.empty()) return BySession(c);
  return Error(ErrorCode::kNotLoggedIn);
}

Principal Authenticator::ToPrincipal(const User& user) const {
  Principal p;
  p.user_id = user.id;
  p.user_code = user.code;
  p.user_name = user.name;
  p.is_admin = user.is_admin;
  p.time_zone = user.time_zone.empty() ? options_.default_time_zone : user.time_zone;
  p.primary_organization_id = user.primary_organization_id;
  p.locale = user.locale;
  return p;
}

Result<Principal> Authenticator::ByPassword(std::string_view base64, std::string_view remote) {
  std::string login, password;
  if (!DecodeBasicPair(base64, &login, &password)) return Error(ErrorCode::kPasswordAuthFailed);
  TK_ASSIGN_OR_RETURN(User user, Verify(login, password, remote, true));
  TK_RETURN_IF_ERROR(CheckAdminAddress(user, remote));
  // A password alone must not open an account protected by a second factor.
  if (UsesTotp(user.id)) return Error(ErrorCode::kTwoFactorNotSupported);
  return ToPrincipal(user);
}

Status Authenticator::CheckNotLocked(std::string_view login, std::string_view remote) {
  int64_t now = clock_.NowSeconds();
  bool locked = false;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    for (const std::string& key : {AccountKey(login), AddressKey(remote)}) {
      TK_ASSIGN_OR_RETURN(auto f, tx.login_throttle().Get(key));
      if (f.locked_until > now) locked = true;
    }
    return Status::Ok();
  }));
  if (locked) return Error(ErrorCode::kTooManyLoginAttempts);
  return Status::Ok();
}

void Authenticator::RecordFailure(std::string_view login, std::string_view remote) {
  int64_t now = clock_.NowSeconds();
  Status s = db_.Write([&](Transaction& tx) -> Status {
    auto bump = [&](const std::string& key, int threshold) -> Status {
      TK_ASSIGN_OR_RETURN(auto f, tx.login_throttle().Get(key));
      if (now - f.window_start > options_.failure_window_seconds && f.locked_until <= now) {
        f = domain::LoginFailures{0, now, 0};
      }
      ++f.failures;
      if (f.failures >= threshold) {
        // Back-off doubles with every failure past the threshold.
        int64_t exponent = std::min<int64_t>(f.failures - threshold, 20);
        int64_t lock = std::min<int64_t>(int64_t{1} << exponent, options_.max_lock_seconds);
        f.locked_until = now + lock;
      }
      return tx.login_throttle().Put(key, f);
    };
    TK_RETURN_IF_ERROR(bump(AccountKey(login), options_.account_failures_before_lock));
    return bump(AddressKey(remote), options_.address_failures_before_lock);
  });
  (void)s;  // throttling bookkeeping must never turn a 401 into a 500
}

void Authenticator::ClearFailures(std::string_view login) {
  Status s =
      db_.Write([&](Transaction& tx) { return tx.login_throttle().Clear(AccountKey(login)); });
  (void)s;
}

Result<User> Authenticator::Verify(std::string_view login, std::string_view password,
                                   std::string_view remote, bool for_api, bool clear_failures) {
  TK_RETURN_IF_ERROR(CheckNotLocked(login, remote));
  std::optional<User> user;
  std::optional<std::string> hash;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(user, tx.users().FindByCode(login));
    if (!user && options_.directory) {
      TK_ASSIGN_OR_RETURN(user, tx.users().FindDirectoryAccount(login));
    }
    if (user) {
      TK_ASSIGN_OR_RETURN(hash, tx.users().PasswordHash(user->id));
    }
    return Status::Ok();
  }));
  Error failure = for_api ? Error(ErrorCode::kPasswordAuthFailed)
                          : Error::Invalid("password", common::Text::kBadCredentials);
  // The account decides where its password is checked; a login unknown here goes to the
  // directory when there is one (it may become an account on success).
  bool in_directory =
      user ? user->auth_source == domain::kAuthSourceLdap : options_.directory != nullptr;
  if (in_directory) {
    return VerifyWithDirectory(login, password, remote, user, failure, clear_failures);
  }
  std::string cache_key = digest_.Digest(std::string(login) + '\0' + std::string(password));
  int64_t now = clock_.NowSeconds();
  if (user && user->valid && hash && !hash->empty()) {
    {
      std::lock_guard lock(cache_mutex_);
      auto it = verified_.find(cache_key);
      if (it != verified_.end() && it->second.user_id == user->id &&
          it->second.password_hash == *hash && it->second.expires_at > now) {
        return *user;
      }
    }
    if (VerifyPassword(*hash, password)) {
      {
        std::lock_guard lock(cache_mutex_);
        if (verified_.size() >= kMaxCachedCredentials) verified_.clear();
        verified_[cache_key] = {user->id, *hash, now + kCredentialCacheSeconds};
      }
      if (clear_failures) ClearFailures(login);
      return *user;
    }
  } else {
    // Spend the same time as a real check so response time does not reveal which logins exist.
    VerifyPassword(dummy_hash_, password);
  }
  RecordFailure(login, remote);
  return failure;
}

Result<User> Authenticator::VerifyWithDirectory(std::string_view login, std::string_view password,
                                                std::string_view remote,
                                                const std::optional<User>& user,
                                                const Error& failure, bool clear_failures) {
  // Refused before the directory is asked: a deactivated account (whatever the directory
  // says), no directory configured any more, and an empty password (an unauthenticated
  // bind "succeeds" on many servers). Each counts as a failed attempt.
  if ((user && !user->valid) || !options_.directory || password.empty()) {
    RecordFailure(login, remote);
    return failure;
  }
  // Not throttle bookkeeping: a directory that cannot answer is not the user's mistake.
  TK_ASSIGN_OR_RETURN(std::optional<DirectoryPerson> person,
                      options_.directory->Check(login, password));
  if (!person) {
    RecordFailure(login, remote);
    return failure;
  }
  if (!user && !options_.directory_creates_users) {
    common::LogInfo("LDAP accepted '" + std::string(login) +
                    "', who has no account here (ldap-create-users is off): refused");
    RecordFailure(login, remote);
    return failure;
  }
  // The account keeps the code it was created with, whatever case this sign-in used.
  TK_ASSIGN_OR_RETURN(
      User account,
      AdoptDirectoryPerson(user ? std::string_view(user->code) : login, user, *person, remote));
  if (clear_failures) ClearFailures(login);
  return account;
}

bool Authenticator::IsDirectoryAccount(int64_t user_id) {
  std::optional<User> user;
  Status s = db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(user, tx.users().FindById(user_id));
    return Status::Ok();
  });
  return s.ok() && user && user->auth_source == domain::kAuthSourceLdap;
}

Result<User> Authenticator::AdoptDirectoryPerson(std::string_view login,
                                                 const std::optional<User>& user,
                                                 const DirectoryPerson& person,
                                                 std::string_view remote) {
  // A name or address the directory does not have (or that Tsumiki would refuse) keeps
  // what the account has.
  bool mail_ok = person.email.size() <= 256 && person.email.find('@') != std::string::npos &&
                 person.email.find_first_of(" \t\r\n") == std::string::npos;
  bool name_ok = !person.name.empty() && person.name.size() <= 256;
  bool sync = !options_.directory_sync.empty();
  if (user && !sync) {
    bool renamed = name_ok && person.name != user->name;
    bool moved = mail_ok && person.email != user->email;
    if (!renamed && !moved) return *user;
  }
  domain::DirectoryMemberships says;
  says.group_dns = person.groups.value_or(std::vector<std::string>());
  says.organization_code = person.organization;
  domain::DirectorySyncResult synced;
  std::optional<User> result;
  bool created = false;
  bool refreshed = false;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    // The account first, then (same transaction) its memberships: all or nothing.
    auto memberships = [&]() -> Status {
      if (!sync || result->auth_source != domain::kAuthSourceLdap || !result->valid) {
        return Status::Ok();
      }
      TK_ASSIGN_OR_RETURN(
          synced, domain::SyncDirectoryMemberships(tx, *result, options_.directory_sync, says,
                                                   clock_.NowSeconds()));
      return Status::Ok();
    };
    // Read again inside the write: a concurrent first sign-in may have created it.
    TK_ASSIGN_OR_RETURN(result, tx.users().FindByCode(login));
    int64_t now = clock_.NowSeconds();
    if (!result) {
      User fresh;
      fresh.code = std::string(login);
      fresh.name = name_ok ? person.name : std::string(login);
      fresh.email = mail_ok ? person.email : "";
      fresh.time_zone = options_.default_time_zone;
      fresh.auth_source = domain::kAuthSourceLdap;
      fresh.created_at = fresh.updated_at = now;
      TK_ASSIGN_OR_RETURN(fresh.id, tx.users().Insert(fresh, ""));
      result = fresh;
      created = true;
      return memberships();
    }
    if (result->auth_source != domain::kAuthSourceLdap) return Status::Ok();
    refreshed =
        (name_ok && person.name != result->name) || (mail_ok && person.email != result->email);
    if (refreshed) {
      if (name_ok) result->name = person.name;
      if (mail_ok) result->email = person.email;
      result->updated_at = now;
      TK_RETURN_IF_ERROR(tx.users().Update(*result));
    }
    return memberships();
  }));
  if (result->auth_source != domain::kAuthSourceLdap || !result->valid) {
    return Error::Invalid("password", common::Text::kBadCredentials);
  }
  if (created) {
    common::LogInfo("LDAP: created account '" + result->code + "' (" + person.dn + ")");
  }
  RecordDirectorySync(*result, synced, remote);
  if ((created || refreshed || synced.changed()) && options_.on_directory_change) {
    options_.on_directory_change();
  }
  return *result;
}

void Authenticator::RecordDirectorySync(const User& user, const domain::DirectorySyncResult& synced,
                                        std::string_view remote) {
  if (!synced.unknown.empty()) {
    std::string names;
    for (const std::string& u : synced.unknown) names += (names.empty() ? "" : ", ") + u;
    common::LogWarn("LDAP: the mapping for '" + user.code + "' names what does not exist here (" +
                    names + "); skipped");
  }
  if (!synced.changed()) return;
  boost::json::object detail;
  auto codes = [](const std::vector<std::string>& list) {
    boost::json::array out;
    for (const std::string& c : list) out.emplace_back(c);
    return out;
  };
  if (!synced.groups_added.empty()) detail["groupsAdded"] = codes(synced.groups_added);
  if (!synced.groups_removed.empty()) detail["groupsRemoved"] = codes(synced.groups_removed);
  if (synced.organization_changed) {
    detail["primaryOrganization"] = {{"from", synced.organization_from},
                                     {"to", synced.organization_to}};
  }
  std::string text = boost::json::serialize(detail);
  common::LogInfo("LDAP: memberships of '" + user.code + "' follow the directory: " + text);
  if (!options_.audit_log) return;
  domain::AuditEvent e;
  e.at_ms = clock_.NowMillis();
  e.user_id = user.id;
  e.user_code = user.code;
  e.address = std::string(remote);
  e.action = "membership.directory";
  e.target = user.code;
  e.detail = std::move(text);
  Status s = options_.audit_log->Append({e});
  if (!s.ok()) common::LogError("audit log: " + s.error().ToString());
}

Result<Principal> Authenticator::ByTokens(const std::vector<std::string>& tokens) {
  if (tokens.size() > kMaxTokens) return Error(ErrorCode::kTooManyTokens);
  std::vector<std::string> digests;
  digests.reserve(tokens.size());
  for (const std::string& t : tokens) digests.push_back(digest_.Digest(t));
  const std::string key = TokenCache::Key(digests);
  const int64_t now = clock_.NowSeconds();
  if (auto cached = token_cache_.Find(key, now)) return *std::move(cached);
  const uint64_t generation = token_cache_.Generation();  // before reading: see TokenCache
  std::vector<std::string> hashes;
  hashes.reserve(tokens.size());
  for (const std::string& t : tokens) hashes.push_back(HashSecret(t));
  Principal p;
  p.via_token = true;
  std::optional<User> admin;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    for (const std::string& hash : hashes) {
      TK_ASSIGN_OR_RETURN(auto token, tx.api_tokens().FindByHash(hash));
      if (!token || token->revoked_at) return Error(ErrorCode::kTokenNotForApp);
      token->grant.app_id = token->app_id;
      p.tokens.push_back(token->grant);
    }
    TK_ASSIGN_OR_RETURN(admin, tx.users().FindByCode(domain::kTokenUserCode));
    return Status::Ok();
  }));
  if (!admin) return Error::Internal("the built-in Administrator account is missing");
  p.user_id = admin->id;
  p.user_code = admin->code;
  p.user_name = admin->name;
  p.time_zone = options_.default_time_zone;
  token_cache_.Put(key, p, now, generation);
  return p;
}

Result<Principal> Authenticator::BySession(const Credentials& c) {
  std::string hash = HashSecret(c.session_id);
  int64_t now = clock_.NowSeconds();
  std::optional<domain::Session> session;
  std::optional<User> user;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(session, tx.sessions().Find(hash));
    if (session) {
      TK_ASSIGN_OR_RETURN(user, tx.users().FindById(session->user_id));
    }
    return Status::Ok();
  }));
  if (!session || session->expires_at <= now || !user || !user->valid) {
    return Error(ErrorCode::kNotLoggedIn);
  }
  TK_RETURN_IF_ERROR(CheckAdminAddress(*user, c.remote_address));
  // A custom header forces a CORS preflight, so other sites cannot send it; writes also
  // need the per-session token, as kintone's __REQUEST_TOKEN__.
  if (!c.requested_with) return Error(ErrorCode::kNotLoggedIn);
  if (c.is_write && !ConstantTimeEquals(c.request_token, session->csrf_token)) {
    return Error(ErrorCode::kNoPrivilege).WithDetail("missing or wrong __REQUEST_TOKEN__");
  }
  if (now - session->last_seen_at >= 60) {  // sliding expiry, written at most once a minute
    int64_t expires = std::min(now + options_.session_idle_seconds,
                               session->created_at + options_.session_max_seconds);
    Status s = db_.Write([&](Transaction& tx) { return tx.sessions().Touch(hash, now, expires); });
    (void)s;
  }
  return ToPrincipal(*user);
}

Result<NewSession> Authenticator::Login(std::string_view login, std::string_view password,
                                        std::string_view remote_address, std::string_view otp) {
  TK_ASSIGN_OR_RETURN(User user, Verify(login, password, remote_address, false, false));
  TK_RETURN_IF_ERROR(CheckAdminAddress(user, remote_address));
  if (UsesTotp(user.id)) {
    if (otp.empty()) return Error(ErrorCode::kTwoFactorRequired);
    Status second = CheckSecondFactor(user, otp);
    if (!second.ok()) {
      RecordFailure(login, remote_address);  // guessing codes is throttled like passwords
      return second.error();
    }
  }
  ClearFailures(login);
  return OpenSession(user);
}

bool Authenticator::UsesTotp(int64_t user_id) {
  if (!options_.two_factor) return false;
  int64_t now = clock_.NowSeconds();
  {
    std::lock_guard lock(cache_mutex_);
    auto it = totp_users_.find(user_id);
    if (it != totp_users_.end() && it->second.second > now) return it->second.first;
  }
  auto state = options_.two_factor->Get(user_id);
  // Fail closed: when the store cannot be read, the second factor is assumed required.
  bool enabled = !state.ok() || state->enabled;
  std::lock_guard lock(cache_mutex_);
  if (totp_users_.size() >= kMaxCachedCredentials) totp_users_.clear();
  totp_users_[user_id] = {enabled, now + kTotpCacheSeconds};
  return enabled;
}

Status Authenticator::CheckSecondFactor(const User& user, std::string_view otp) {
  Error wrong = Error::Invalid("otp", common::Text::kBadTwoFactorCode);
  TK_ASSIGN_OR_RETURN(auto state, options_.two_factor->Get(user.id));
  int64_t now = clock_.NowSeconds();
  if (auto step = VerifyTotp(state.secret, otp, now)) {
    TK_ASSIGN_OR_RETURN(bool fresh, options_.two_factor->UseStep(user.id, *step));
    return fresh ? Status::Ok() : Status(wrong);  // a replayed code
  }
  std::string code = NormaliseRecoveryCode(otp);
  if (code.size() != 8) return wrong;
  TK_ASSIGN_OR_RETURN(bool used,
                      options_.two_factor->UseRecoveryCode(user.id, HashSecret(code), now));
  return used ? Status::Ok() : Status(wrong);
}

Result<TotpEnrolment> Authenticator::BeginTotp(const Principal& who) {
  if (!options_.two_factor || who.via_token || who.user_id == 0) {
    return Error(ErrorCode::kNoPrivilege);
  }
  if (UsesTotp(who.user_id)) return Error::Invalid("otp", common::Text::kTwoFactorAlreadyOn);
  TotpEnrolment e;
  e.secret = NewTotpSecret();
  e.uri = TotpUri(options_.totp_issuer, who.user_code, e.secret);
  TK_RETURN_IF_ERROR(options_.two_factor->SetPending(who.user_id, e.secret));
  return e;
}

Result<std::vector<std::string>> Authenticator::ConfirmTotp(const Principal& who,
                                                            std::string_view code) {
  if (!options_.two_factor || who.via_token || who.user_id == 0) {
    return Error(ErrorCode::kNoPrivilege);
  }
  TK_ASSIGN_OR_RETURN(auto state, options_.two_factor->Get(who.user_id));
  if (state.enabled) return Error::Invalid("code", common::Text::kTwoFactorAlreadyOn);
  auto step =
      state.secret.empty() ? std::nullopt : VerifyTotp(state.secret, code, clock_.NowSeconds());
  if (!step) return Error::Invalid("code", common::Text::kBadTwoFactorCode);
  std::vector<std::string> codes = NewRecoveryCodes();
  std::vector<std::string> hashes;
  for (const std::string& c : codes) hashes.push_back(HashSecret(NormaliseRecoveryCode(c)));
  TK_RETURN_IF_ERROR(options_.two_factor->Enable(who.user_id, *step, hashes));
  std::lock_guard lock(cache_mutex_);
  totp_users_.erase(who.user_id);
  return codes;
}

Status Authenticator::DisableTotp(const Principal& who, std::string_view password,
                                  std::string_view remote_address) {
  if (!options_.two_factor || who.via_token || who.user_id == 0) {
    return Error(ErrorCode::kNoPrivilege);
  }
  auto verified = Verify(who.user_code, password, remote_address, false);
  if (!verified.ok()) {
    if (verified.error().code() != ErrorCode::kInvalidInput) return verified.error();
    return Error::Invalid("password", common::Text::kCurrentPasswordWrong);
  }
  TK_RETURN_IF_ERROR(options_.two_factor->Disable(who.user_id));
  std::lock_guard lock(cache_mutex_);
  totp_users_.erase(who.user_id);
  return Status::Ok();
}

Status Authenticator::ResetTotp(std::string_view login) {
  if (!options_.two_factor) return Error(ErrorCode::kNoPrivilege);
  std::optional<User> user;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(user, tx.users().FindByCode(login));
    return Status::Ok();
  }));
  if (!user) return Error(ErrorCode::kUserNotFound, {std::string(login)});
  TK_RETURN_IF_ERROR(options_.two_factor->Disable(user->id));
  std::lock_guard lock(cache_mutex_);
  totp_users_.erase(user->id);
  return Status::Ok();
}

Result<NewSession> Authenticator::OpenSession(const User& user) {
  NewSession s;
  s.session_id = NewSecret(48);
  s.csrf_token = NewSecret(32);
  s.user = user;
  int64_t now = clock_.NowSeconds();
  s.expires_at = now + options_.session_idle_seconds;
  domain::Session row{HashSecret(s.session_id), user.id, s.csrf_token, now, s.expires_at, now};
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_RETURN_IF_ERROR(tx.sessions().DeleteExpired(now));
    return tx.sessions().Insert(row);
  }));
  return s;
}

Status Authenticator::Logout(std::string_view session_id) {
  return db_.Write([&](Transaction& tx) { return tx.sessions().Delete(HashSecret(session_id)); });
}

Status Authenticator::LogoutEverywhere(int64_t user_id) {
  return db_.Write([&](Transaction& tx) { return tx.sessions().DeleteForUser(user_id); });
}

Result<NewSession> Authenticator::ChangePassword(const Principal& who,
                                                 std::string_view current_password,
                                                 std::string_view new_password,
                                                 std::string_view remote_address) {
  if (who.via_token || who.user_id == 0) return Error(ErrorCode::kNoPrivilege);
  if (IsDirectoryAccount(who.user_id)) {
    return Error::Invalid("newPassword", common::Text::kPasswordManagedByDirectory);
  }
  auto verified = Verify(who.user_code, current_password, remote_address, false);
  if (!verified.ok()) {
    if (verified.error().code() != ErrorCode::kInvalidInput) return verified.error();
    return Error::Invalid("currentPassword", common::Text::kCurrentPasswordWrong);
  }
  const User& user = verified.value();
  if (auto problem = domain::CheckPassword(options_.password_policy, user.code, new_password)) {
    return Error::Invalid("newPassword", problem->text, problem->args);
  }
  std::string hash = HashPassword(new_password);
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_RETURN_IF_ERROR(tx.users().SetPasswordHash(user.id, hash));
    return tx.sessions().DeleteForUser(user.id);
  }));
  return OpenSession(user);
}

Result<NewSession> Authenticator::CurrentSession(std::string_view session_id) {
  std::optional<domain::Session> session;
  std::optional<User> user;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(session, tx.sessions().Find(HashSecret(session_id)));
    if (session) {
      TK_ASSIGN_OR_RETURN(user, tx.users().FindById(session->user_id));
    }
    return Status::Ok();
  }));
  if (!session || session->expires_at <= clock_.NowSeconds() || !user || !user->valid) {
    return Error(ErrorCode::kNotLoggedIn);
  }
  return NewSession{"", session->csrf_token, *user, session->expires_at};
}

Result<User> Authenticator::CreateUser(const User& user, std::string_view password,
                                       bool check_policy) {
  if (check_policy && !password.empty()) TK_RETURN_IF_ERROR(CheckPolicy(user.code, password));
  User created = user;
  std::string hash = password.empty() ? "" : HashPassword(password);
  int64_t now = clock_.NowSeconds();
  created.created_at = created.updated_at = now;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto existing, tx.users().FindByCode(user.code));
    if (existing) return Error::Invalid("code", common::Text::kFieldCodeDuplicate);
    TK_ASSIGN_OR_RETURN(created.id, tx.users().Insert(created, hash));
    return Status::Ok();
  }));
  return created;
}

Status Authenticator::SetPassword(std::string_view login, std::string_view password) {
  TK_RETURN_IF_ERROR(CheckPolicy(login, password));
  std::string hash = HashPassword(password);
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(login));
    if (!user) return Error(ErrorCode::kUserNotFound, {std::string(login)});
    if (user->auth_source == domain::kAuthSourceLdap) {
      return Error::Invalid("password", common::Text::kPasswordManagedByDirectory);
    }
    TK_RETURN_IF_ERROR(tx.users().SetPasswordHash(user->id, hash));
    TK_RETURN_IF_ERROR(tx.sessions().DeleteForUser(user->id));
    return tx.login_throttle().Clear(AccountKey(login));
  });
}

Status Authenticator::SetAuthSource(std::string_view login, std::string_view source) {
  if (source != domain::kAuthSourceLocal && source != domain::kAuthSourceLdap) {
    return Error::Invalid("source", common::Text::kEnumValue);
  }
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(login));
    if (!user) return Error(ErrorCode::kUserNotFound, {std::string(login)});
    if (user->code == domain::kTokenUserCode) {
      return Error::Invalid("source", common::Text::kUserProtected);
    }
    if (user->auth_source == source) return Status::Ok();
    user->auth_source = std::string(source);
    user->updated_at = clock_.NowSeconds();
    TK_RETURN_IF_ERROR(tx.users().Update(*user));
    // Either way the old password no longer opens the account.
    TK_RETURN_IF_ERROR(tx.users().SetPasswordHash(user->id, ""));
    return tx.sessions().DeleteForUser(user->id);
  });
}

Result<std::string> Authenticator::CreateApiToken(int64_t app, const domain::TokenGrant& grant,
                                                  int64_t created_by) {
  std::string token = NewSecret(40);
  domain::ApiToken row;
  row.app_id = app;
  row.token_hash = HashSecret(token);
  row.hint = token.substr(0, 4);
  row.grant = grant;
  row.grant.app_id = app;
  row.created_by = created_by;
  row.created_at = clock_.NowSeconds();
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(row.id, tx.api_tokens().Insert(row));
    return Status::Ok();
  }));
  return token;
}

}  // namespace auth

namespace auth {

common::Result<std::vector<domain::ApiToken>> Authenticator::ListApiTokens(int64_t app) {
  std::vector<domain::ApiToken> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(out, tx.api_tokens().ListForApp(app));
    return Status::Ok();
  }));
  return out;
}

common::Status Authenticator::RevokeApiToken(int64_t app, int64_t token_id) {
  common::Status s = db_.Write(
      [&](Transaction& tx) { return tx.api_tokens().Revoke(app, token_id, clock_.NowSeconds()); });
  // After the commit, so that no lookup still reading the old state can cache it again.
  token_cache_.Invalidate();
  return s;
}

}  // namespace auth

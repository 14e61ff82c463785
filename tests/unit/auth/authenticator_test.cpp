// Authenticator against a real SQLite database and a hand-driven clock: session expiry
// (idle and absolute), revocation, the admin allow-list and the password policy.
#include "auth/authenticator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <random>

#include "auth/totp.h"
#include "domain/fields/field_type_registry.h"
#include "storage/migrations.h"
#include "storage/repositories/sql_two_factor_store.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/sqlite_database.h"

namespace auth {
namespace {

using common::ErrorCode;

class ManualClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now.load()));
  }
  std::atomic<int64_t> now{1'800'000'000};
};

class AuthenticatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tsumiki-auth-" + std::to_string(std::random_device()()));
    std::filesystem::create_directories(dir_);
    auto db = storage::sqlite::SqliteDatabase::Open({(dir_ / "t.db").string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(storage::Migrate(*db_).ok());
    tx_ = std::make_unique<storage::SqlTransactionRunner>(*db_, registry_);
    two_factor_ = std::make_unique<storage::SqlTwoFactorStore>(*db_);
  }
  void TearDown() override {
    auth_.reset();
    two_factor_.reset();
    tx_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  Authenticator& Make(AuthOptions options = {}) {
    auth_ = std::make_unique<Authenticator>(*tx_, clock_, options);
    return *auth_;
  }
  void AddUser(const std::string& code, const std::string& password, bool admin = false) {
    domain::User u;
    u.code = code;
    u.name = code;
    u.is_admin = admin;
    ASSERT_TRUE(auth_->CreateUser(u, password).ok());
  }
  common::Result<domain::Principal> BySession(const NewSession& s, std::string remote = "10.0.0.1",
                                              bool write = false) {
    Credentials c;
    c.session_id = s.session_id;
    c.requested_with = true;
    c.is_write = write;
    c.request_token = s.csrf_token;
    c.remote_address = std::move(remote);
    return auth_->Authenticate(c);
  }

  std::filesystem::path dir_;
  domain::FieldTypeRegistry registry_;
  std::unique_ptr<storage::sqlite::SqliteDatabase> db_;
  std::unique_ptr<storage::SqlTransactionRunner> tx_;
  std::unique_ptr<storage::SqlTwoFactorStore> two_factor_;
  ManualClock clock_;
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(AuthenticatorTest, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
  AuthOptions options;
  options.session_idle_seconds = 600;
  options.session_max_seconds = 1800;
  Make(options);
  AddUser("sato", "a-long-passphrase");
  auto s = auth_->Login("sato", "a-long-passphrase", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  // Active every 9 minutes: the idle limit slides, the absolute one does not.
  for (int i = 0; i < 3; ++i) {
    clock_.now += 540;
    ASSERT_TRUE(BySession(*s).ok()) << i;
  }
  clock_.now += 240;  // 1860 s after sign-in: past the absolute limit
  EXPECT_EQ(BySession(*s).error().code(), ErrorCode::kNotLoggedIn);

  auto idle = auth_->Login("sato", "a-long-passphrase", "10.0.0.1");
  ASSERT_TRUE(idle.ok());
  clock_.now += 601;
  EXPECT_EQ(BySession(*idle).error().code(), ErrorCode::kNotLoggedIn);
}

TEST_F(AuthenticatorTest, PasswordChangeAndLogoutEverywhereEndOtherSessions) {
  Make();
  AddUser("sato", "a-long-passphrase");
  auto phone = auth_->Login("sato", "a-long-passphrase", "10.0.0.1");
  auto desk = auth_->Login("sato", "a-long-passphrase", "10.0.0.2");
  ASSERT_TRUE(phone.ok() && desk.ok());
  domain::Principal who = BySession(*desk).value();

  auto wrong = auth_->ChangePassword(who, "not-the-password", "another-passphrase", "10.0.0.2");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields().at(0).key, "currentPassword");
  auto weak = auth_->ChangePassword(who, "a-long-passphrase", "sato", "10.0.0.2");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().fields().at(0).key, "newPassword");
  EXPECT_TRUE(BySession(*phone).ok());  // refused changes revoke nothing

  auto fresh = auth_->ChangePassword(who, "a-long-passphrase", "another-passphrase", "10.0.0.2");
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(BySession(*phone).ok());
  EXPECT_FALSE(BySession(*desk).ok());
  EXPECT_TRUE(BySession(*fresh).ok());
  EXPECT_FALSE(auth_->Login("sato", "a-long-passphrase", "10.0.0.1").ok());

  auto other = auth_->Login("sato", "another-passphrase", "10.0.0.1");
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(auth_->LogoutEverywhere(who.user_id).ok());
  EXPECT_FALSE(BySession(*fresh).ok());
  EXPECT_FALSE(BySession(*other).ok());

  // The CLI's password reset ends sessions too.
  auto again = auth_->Login("sato", "another-passphrase", "10.0.0.1");
  ASSERT_TRUE(auth_->SetPassword("sato", "third-passphrase").ok());
  EXPECT_FALSE(BySession(*again).ok());
}

TEST_F(AuthenticatorTest, AdministratorsOnlyFromAllowedNetworks) {
  AuthOptions options;
  options.admin_allow = AddressList::Parse("10.1.0.0/16").value();
  Make(options);
  AddUser("kanri", "a-long-passphrase", true);
  AddUser("sato", "a-long-passphrase");
  auto outside = auth_->Login("kanri", "a-long-passphrase", "192.0.2.1");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code(), ErrorCode::kAdminAddressNotAllowed);
  auto inside = auth_->Login("kanri", "a-long-passphrase", "10.1.2.3");
  ASSERT_TRUE(inside.ok());
  // A session opened inside is refused when used from outside.
  EXPECT_EQ(BySession(*inside, "192.0.2.1").error().code(), ErrorCode::kAdminAddressNotAllowed);
  EXPECT_TRUE(BySession(*inside, "10.1.9.9").ok());
  // Ordinary users are not affected.
  EXPECT_TRUE(auth_->Login("sato", "a-long-passphrase", "192.0.2.1").ok());
  Credentials basic;
  basic.basic = "a2Fucmk6YS1sb25nLXBhc3NwaHJhc2U=";  // kanri:a-long-passphrase
  basic.remote_address = "192.0.2.1";
  EXPECT_EQ(auth_->Authenticate(basic).error().code(), ErrorCode::kAdminAddressNotAllowed);
  basic.remote_address = "10.1.0.1";
  EXPECT_TRUE(auth_->Authenticate(basic).ok());
}

TEST_F(AuthenticatorTest, CreateUserAndSetPasswordApplyThePolicy) {
  AuthOptions options;
  options.password_policy.min_length = 12;
  Make(options);
  domain::User u;
  u.code = "suzuki";
  u.name = "Suzuki";
  auto short_one = auth_->CreateUser(u, "eleven-char");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().fields().at(0).key, "password");
  EXPECT_EQ(short_one.error().fields().at(0).messages.at(0).text, common::Text::kPasswordTooShort);
  ASSERT_TRUE(auth_->CreateUser(u, "twelve-chars").ok());
  EXPECT_FALSE(auth_->SetPassword("suzuki", "suzuki-is-me-ok").ok());
  EXPECT_TRUE(auth_->SetPassword("suzuki", "twelve-chars-again").ok());
}

TEST_F(AuthenticatorTest, TwoFactorSignInWithCodesAndRecoveryCodes) {
  AuthOptions options;
  options.two_factor = two_factor_.get();
  Make(options);
  AddUser("sato", "a-long-passphrase");
  auto first = auth_->Login("sato", "a-long-passphrase", "10.0.0.1");
  ASSERT_TRUE(first.ok());
  domain::Principal who = BySession(*first).value();

  auto enrol = auth_->BeginTotp(who);
  ASSERT_TRUE(enrol.ok());
  EXPECT_TRUE(enrol->uri.starts_with("otpauth://totp/Tsumiki:sato?secret=" + enrol->secret));
  EXPECT_FALSE(auth_->UsesTotp(who.user_id));  // not before a first code confirms it
  EXPECT_EQ(auth_->ConfirmTotp(who, "000000").error().fields().at(0).key, "code");
  auto recovery = auth_->ConfirmTotp(who, TotpCode(enrol->secret, clock_.now));
  ASSERT_TRUE(recovery.ok());
  ASSERT_EQ(recovery->size(), 10u);
  EXPECT_TRUE(auth_->UsesTotp(who.user_id));

  // Password alone: refused for the browser (asks for the code) and the REST API (CB_TW02).
  EXPECT_EQ(auth_->Login("sato", "a-long-passphrase", "10.0.0.1").error().code(),
            ErrorCode::kTwoFactorRequired);
  Credentials header;
  header.cybozu_authorization = "c2F0bzphLWxvbmctcGFzc3BocmFzZQ==";  // sato:a-long-passphrase
  header.remote_address = "10.0.0.1";
  EXPECT_EQ(auth_->Authenticate(header).error().code(), ErrorCode::kTwoFactorNotSupported);

  // The code used to confirm cannot be replayed; the next step's code works once.
  EXPECT_FALSE(
      auth_->Login("sato", "a-long-passphrase", "10.0.0.1", TotpCode(enrol->secret, clock_.now))
          .ok());
  clock_.now += 30;
  std::string code = TotpCode(enrol->secret, clock_.now);
  EXPECT_TRUE(auth_->Login("sato", "a-long-passphrase", "10.0.0.1", code).ok());
  auto replay = auth_->Login("sato", "a-long-passphrase", "10.0.0.1", code);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().fields().at(0).key, "otp");

  // A recovery code works once, however it is typed.
  std::string spare = (*recovery)[3];
  for (char& c : spare) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(auth_->Login("sato", "a-long-passphrase", "10.0.0.1", spare).ok());
  EXPECT_FALSE(auth_->Login("sato", "a-long-passphrase", "10.0.0.1", spare).ok());
  EXPECT_EQ(two_factor_->RecoveryCodesLeft(who.user_id).value(), 9);

  // Turning it off needs the password; then the password alone is enough again.
  EXPECT_FALSE(auth_->DisableTotp(who, "wrong-password", "10.0.0.1").ok());
  ASSERT_TRUE(auth_->DisableTotp(who, "a-long-passphrase", "10.0.0.1").ok());
  EXPECT_TRUE(auth_->Login("sato", "a-long-passphrase", "10.0.0.1").ok());
  EXPECT_TRUE(auth_->Authenticate(header).ok());
}

TEST_F(AuthenticatorTest, WrongSecondFactorCodesLockTheAccountLikePasswords) {
  AuthOptions options;
  options.two_factor = two_factor_.get();
  options.account_failures_before_lock = 3;
  Make(options);
  AddUser("sato", "a-long-passphrase");
  domain::Principal who = BySession(*auth_->Login("sato", "a-long-passphrase", "10.0.0.1")).value();
  auto enrol = auth_->BeginTotp(who);
  ASSERT_TRUE(auth_->ConfirmTotp(who, TotpCode(enrol->secret, clock_.now)).ok());
  for (int i = 0; i < 3; ++i) {
    auto r = auth_->Login("sato", "a-long-passphrase", "10.0.0.1", "123456");
    ASSERT_FALSE(r.ok());
  }
  // Locked (before the code is even looked at), although the password is right.
  auto locked =
      auth_->Login("sato", "a-long-passphrase", "10.0.0.1", TotpCode(enrol->secret, clock_.now));
  EXPECT_EQ(locked.error().code(), ErrorCode::kTooManyLoginAttempts);
}

}  // namespace
}  // namespace auth

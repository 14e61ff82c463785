// Authenticator with a PasswordDirectory (LDAP) behind it, faked: which accounts go to the
// directory, first sign-in creating the account, throttling, empty passwords, deactivated
// accounts, the directory being down (and the local administrator still getting in), and
// passwords that cannot be changed here.
#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <random>

#include "auth/authenticator.h"
#include "auth/totp.h"
#include "domain/fields/field_type_registry.h"
#include "storage/migrations.h"
#include "storage/repositories/sql_two_factor_store.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/sqlite_database.h"

namespace auth {
namespace {

using common::ErrorCode;

class FixedClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now.load()));
  }
  std::atomic<int64_t> now{1'800'000'000};
};

class FakeDirectory final : public PasswordDirectory {
 public:
  common::Result<std::optional<DirectoryPerson>> Check(std::string_view login,
                                                       std::string_view password) override {
    ++calls;
    if (down) return common::Error(ErrorCode::kDirectoryUnavailable).WithDetail("fake down");
    auto it = people.find(std::string(login));
    if (it == people.end() || it->second.first != password) {
      return std::optional<DirectoryPerson>();
    }
    return std::optional(it->second.second);
  }
  std::map<std::string, std::pair<std::string, DirectoryPerson>> people;
  bool down = false;
  int calls = 0;
};

class DirectoryLoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tsumiki-ldap-" + std::to_string(std::random_device()()));
    std::filesystem::create_directories(dir_);
    auto db = storage::sqlite::SqliteDatabase::Open({(dir_ / "t.db").string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(storage::Migrate(*db_).ok());
    tx_ = std::make_unique<storage::SqlTransactionRunner>(*db_, registry_);
    two_factor_ = std::make_unique<storage::SqlTwoFactorStore>(*db_);
    directory_.people["sato"] = {
        "ad-pass", {"uid=sato,ou=people,dc=x", "佐藤 花子", "sato@city.jp", std::nullopt, ""}};
    Make();
  }
  void TearDown() override {
    auth_.reset();
    two_factor_.reset();
    tx_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Make(bool create_users = true) {
    AuthOptions o;
    o.directory = &directory_;
    o.directory_creates_users = create_users;
    o.two_factor = two_factor_.get();
    o.on_directory_change = [this] { ++changes_; };
    auth_ = std::make_unique<Authenticator>(*tx_, clock_, o);
  }
  std::optional<domain::User> Find(const std::string& code) {
    std::optional<domain::User> user;
    EXPECT_TRUE(tx_->Read([&](domain::Transaction& t) -> common::Status {
                     TK_ASSIGN_OR_RETURN(user, t.users().FindByCode(code));
                     return common::Status::Ok();
                   })
                    .ok());
    return user;
  }
  common::Result<domain::Principal> ByHeader(const std::string& login, const std::string& pw) {
    Credentials c;
    std::string pair = login + ":" + pw;
    std::string b64(pair.size() * 2 + 4, '\0');
    sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(pair.data()),
                      pair.size(), sodium_base64_VARIANT_ORIGINAL);
    c.cybozu_authorization = b64.c_str();
    c.remote_address = "10.0.0.9";
    return auth_->Authenticate(c);
  }

  std::filesystem::path dir_;
  domain::FieldTypeRegistry registry_;
  std::unique_ptr<storage::sqlite::SqliteDatabase> db_;
  std::unique_ptr<storage::SqlTransactionRunner> tx_;
  std::unique_ptr<storage::SqlTwoFactorStore> two_factor_;
  FixedClock clock_;
  FakeDirectory directory_;
  int changes_ = 0;
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(DirectoryLoginTest, FirstSignInCreatesTheAccountWithoutAPassword) {
  auto s = auth_->Login("sato", "ad-pass", "10.0.0.1");
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  auto user = Find("sato");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->auth_source, "ldap");
  EXPECT_EQ(user->name, "佐藤 花子");
  EXPECT_EQ(user->email, "sato@city.jp");
  EXPECT_EQ(changes_, 1);
  std::optional<std::string> hash;
  ASSERT_TRUE(tx_->Read([&](domain::Transaction& t) -> common::Status {
                   TK_ASSIGN_OR_RETURN(hash, t.users().PasswordHash(user->id));
                   return common::Status::Ok();
                 })
                  .ok());
  EXPECT_FALSE(hash && !hash->empty());  // the directory's password is never kept here

  // The API headers go to the directory too, every time (no cached passwords).
  ASSERT_TRUE(ByHeader("sato", "ad-pass").ok());
  ASSERT_TRUE(ByHeader("sato", "ad-pass").ok());
  EXPECT_EQ(directory_.calls, 3);
  // A renamed person is renamed here at the next sign-in.
  directory_.people["sato"].second.name = "佐藤 花";
  ASSERT_TRUE(ByHeader("sato", "ad-pass").ok());
  EXPECT_EQ(Find("sato")->name, "佐藤 花");
}

TEST_F(DirectoryLoginTest, WrongPasswordsCountTowardsTheLock) {
  for (int i = 0; i < 5; ++i) {
    auto r = auth_->Login("sato", "wrong", "10.0.0.1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kInvalidInput);
  }
  int calls = directory_.calls;
  auto locked = auth_->Login("sato", "ad-pass", "10.0.0.1");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code(), ErrorCode::kTooManyLoginAttempts);
  EXPECT_EQ(directory_.calls, calls);  // a locked account does not reach the directory
  EXPECT_FALSE(Find("sato"));
}

TEST_F(DirectoryLoginTest, EmptyPasswordNeverReachesTheDirectory) {
  directory_.people["blank"] = {"", {"uid=blank", "Blank", "", std::nullopt, ""}};
  EXPECT_EQ(auth_->Login("blank", "", "10.0.0.1").error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(ByHeader("sato", "").error().code(), ErrorCode::kPasswordAuthFailed);
  EXPECT_EQ(directory_.calls, 0);
}

TEST_F(DirectoryLoginTest, DeactivatedAccountStaysRefused) {
  ASSERT_TRUE(auth_->Login("sato", "ad-pass", "10.0.0.1").ok());
  auto user = *Find("sato");
  user.valid = false;
  ASSERT_TRUE(tx_->Write([&](domain::Transaction& t) { return t.users().Update(user); }).ok());
  int calls = directory_.calls;
  EXPECT_EQ(auth_->Login("sato", "ad-pass", "10.0.0.1").error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(ByHeader("sato", "ad-pass").error().code(), ErrorCode::kPasswordAuthFailed);
  EXPECT_EQ(directory_.calls, calls);
}

TEST_F(DirectoryLoginTest, DirectoryDownIsAClearErrorAndLocalAccountsStillSignIn) {
  domain::User admin;
  admin.code = "kanri";
  admin.name = "kanri";
  admin.is_admin = true;
  ASSERT_TRUE(auth_->CreateUser(admin, "local-break-glass", false).ok());
  directory_.down = true;
  for (int i = 0; i < 8; ++i) {
    auto r = auth_->Login("sato", "ad-pass", "10.0.0.1");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), ErrorCode::kDirectoryUnavailable);  // never locked for it
  }
  int calls = directory_.calls;
  EXPECT_TRUE(auth_->Login("kanri", "local-break-glass", "10.0.0.1").ok());
  EXPECT_TRUE(ByHeader("kanri", "local-break-glass").ok());
  EXPECT_EQ(directory_.calls, calls);  // local accounts never ask the directory
  directory_.down = false;
  EXPECT_TRUE(auth_->Login("sato", "ad-pass", "10.0.0.1").ok());
}

TEST_F(DirectoryLoginTest, LocalAccountsAreNotCheckedAgainstTheDirectory) {
  domain::User local;
  local.code = "sato";
  local.name = "local sato";
  ASSERT_TRUE(auth_->CreateUser(local, "local-pass", false).ok());
  EXPECT_FALSE(auth_->Login("sato", "ad-pass", "10.0.0.1").ok());
  EXPECT_TRUE(auth_->Login("sato", "local-pass", "10.0.0.1").ok());
  EXPECT_EQ(directory_.calls, 0);
  // Moved to the directory: the local password stops working and the directory's opens it.
  ASSERT_TRUE(auth_->SetAuthSource("sato", "ldap").ok());
  EXPECT_FALSE(auth_->Login("sato", "local-pass", "10.0.0.1").ok());
  EXPECT_TRUE(auth_->Login("sato", "ad-pass", "10.0.0.1").ok());
  EXPECT_EQ(Find("sato")->name, "佐藤 花子");
  EXPECT_FALSE(auth_->SetAuthSource("sato", "kerberos").ok());
  EXPECT_FALSE(auth_->SetAuthSource("Administrator", "ldap").ok());
}

TEST_F(DirectoryLoginTest, WithoutCreateUsersOnlyExistingAccountsGetIn) {
  Make(false);
  EXPECT_FALSE(auth_->Login("sato", "ad-pass", "10.0.0.1").ok());
  EXPECT_FALSE(Find("sato"));
  domain::User pre;
  pre.code = "sato";
  pre.name = "sato";
  pre.auth_source = "ldap";
  ASSERT_TRUE(auth_->CreateUser(pre, "").ok());
  EXPECT_TRUE(auth_->Login("sato", "ad-pass", "10.0.0.1").ok());
}

TEST_F(DirectoryLoginTest, PasswordsOfDirectoryAccountsAreNotChangedHere) {
  auto s = auth_->Login("sato", "ad-pass", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  auto principal = ByHeader("sato", "ad-pass");
  ASSERT_TRUE(principal.ok());
  auto change = auth_->ChangePassword(*principal, "ad-pass", "new-local-pass", "10.0.0.1");
  ASSERT_FALSE(change.ok());
  EXPECT_EQ(change.error().code(), ErrorCode::kInvalidInput);
  EXPECT_FALSE(auth_->SetPassword("sato", "new-local-pass").ok());
  EXPECT_FALSE(auth_->Login("sato", "new-local-pass", "10.0.0.1").ok());
}

TEST_F(DirectoryLoginTest, TwoFactorStillAppliesAfterTheDirectoryBind) {
  auto s = auth_->Login("sato", "ad-pass", "10.0.0.1");
  ASSERT_TRUE(s.ok());
  auto principal = ByHeader("sato", "ad-pass");
  ASSERT_TRUE(principal.ok());
  auto enrol = auth_->BeginTotp(*principal);
  ASSERT_TRUE(enrol.ok());
  auto code = TotpCode(enrol->secret, clock_.NowSeconds());
  ASSERT_TRUE(auth_->ConfirmTotp(*principal, code).ok());
  EXPECT_EQ(auth_->Login("sato", "ad-pass", "10.0.0.1").error().code(),
            ErrorCode::kTwoFactorRequired);
  EXPECT_EQ(ByHeader("sato", "ad-pass").error().code(), ErrorCode::kTwoFactorNotSupported);
}

}  // namespace
}  // namespace auth

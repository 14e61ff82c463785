#include "directory_test_support.h"

namespace domain::directory_testing {
namespace {

using common::ErrorCode;

TEST_F(DirectoryTest, UserServiceAddsUsersWithHashedPasswords) {
  UserChange c = NewUser("sato", "佐藤 昇");
  c.time_zone = "America/New_York";
  c.locale = "en";
  c.profile["surName"] = "佐藤";
  ASSERT_TRUE(users.Add(admin, {c}).ok());
  auto sato = FindUser("sato");
  ASSERT_TRUE(sato);
  EXPECT_EQ(sato->name, "佐藤 昇");
  EXPECT_EQ(sato->time_zone, "America/New_York");
  EXPECT_EQ(sato->profile["surName"], "佐藤");
  EXPECT_EQ(db.store.hashes[sato->id], "hashed:kumo-no-ue-42");
  EXPECT_EQ(changes, 1);
}

TEST_F(DirectoryTest, UserServiceReportsEveryViolationAndWritesNothing) {
  UserChange blank = NewUser("  ");
  UserChange long_password = NewUser("b");
  long_password.password = std::string(65, 'x');
  UserChange bad = NewUser("c");
  bad.time_zone = "Mars/Olympus";
  bad.locale = "fr";
  bad.email = "not-an-address";
  bad.profile["joinDate"] = "2024-02-30";
  UserChange ok = NewUser("d");
  common::Status s = users.Add(admin, {blank, long_password, bad, ok});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Keys(s),
            (std::set<std::string>{"users[0].code", "users[1].password", "users[2].timezone",
                                   "users[2].locale", "users[2].email", "users[2].joinDate"}));
  EXPECT_FALSE(FindUser("d"));  // all or nothing
  EXPECT_EQ(changes, 0);
}

TEST_F(DirectoryTest, UserServiceRequiresNamePasswordAndUniqueCode) {
  UserChange no_password = NewUser("x");
  no_password.password.reset();
  UserChange no_name = NewUser("y");
  no_name.name.reset();
  common::Status s =
      users.Add(admin, {NewUser("admin"), no_password, no_name, NewUser("z"), NewUser("z")});
  EXPECT_EQ(Keys(s), (std::set<std::string>{"users[0].code", "users[1].password", "users[2].name",
                                            "users[4].code"}));
}

TEST_F(DirectoryTest, UserServiceWritesAreForAdministratorsOnly) {
  Principal member;
  member.user_id = 99;
  member.user_code = "member";
  EXPECT_EQ(users.Add(member, {NewUser("x")}).error().code(), ErrorCode::kNoPrivilege);
  Principal token = admin;
  token.via_token = true;
  EXPECT_EQ(users.Delete(token, {"admin"}).error().code(), ErrorCode::kNoPrivilege);
  EXPECT_TRUE(users.List(member, {}).ok());
  EXPECT_EQ(users.List(token, {}).error().code(), ErrorCode::kNoPrivilege);
}

TEST_F(DirectoryTest, UserServiceTakesAtMostOneHundredItems) {
  std::vector<UserChange> many;
  for (int i = 0; i < 101; ++i) many.push_back(NewUser("u" + std::to_string(i)));
  EXPECT_EQ(Keys(users.Add(admin, many)), (std::set<std::string>{"users"}));
  EXPECT_EQ(Keys(users.Add(admin, {})), (std::set<std::string>{"users"}));
}

TEST_F(DirectoryTest, UserServiceRenameKeepsTheId) {
  ASSERT_TRUE(users.Add(admin, {NewUser("tanaka")}).ok());
  int64_t id = FindUser("tanaka")->id;
  UserChange rename;
  rename.code = "tanaka";
  rename.new_code = "tanaka.h";
  rename.valid = false;
  ASSERT_TRUE(users.Update(admin, {rename}).ok());
  EXPECT_FALSE(FindUser("tanaka"));
  EXPECT_EQ(FindUser("tanaka.h")->id, id);
  EXPECT_FALSE(FindUser("tanaka.h")->valid);
  EXPECT_EQ(FindUser("tanaka.h")->name, "Name");  // untouched
}

TEST_F(DirectoryTest, UserServiceUpdateReportsUnknownAndTakenCodes) {
  ASSERT_TRUE(users.Add(admin, {NewUser("a1"), NewUser("a2")}).ok());
  UserChange unknown;
  unknown.code = "nobody";
  UserChange taken;
  taken.code = "a1";
  taken.new_code = "a2";
  EXPECT_EQ(Keys(users.Update(admin, {unknown, taken})),
            (std::set<std::string>{"users[0].code", "users[1].newCode"}));
}

TEST_F(DirectoryTest, UserServiceProtectsTheCallerAndTheBuiltInAccount) {
  EXPECT_EQ(Keys(users.Delete(admin, {"admin", kTokenUserCode, "ghost"})),
            (std::set<std::string>{"codes[0]", "codes[1]", "codes[2]"}));
  UserChange off;
  off.code = "admin";
  off.valid = false;
  UserChange rename;
  rename.code = kTokenUserCode;
  rename.new_code = "robot";
  EXPECT_EQ(Keys(users.Update(admin, {off, rename})),
            (std::set<std::string>{"users[0].valid", "users[1].newCode"}));
}

TEST_F(DirectoryTest, UserServiceEnforcesThePasswordPolicy) {
  UserChange short_one = NewUser("s1");
  short_one.password = "kumo42";
  UserChange own_login = NewUser("yamada");
  own_login.password = "Yamada-2026!";
  UserChange common_one = NewUser("s3");
  common_one.password = "Password123";
  UserChange renamed = NewUser("s4");
  EXPECT_EQ(Keys(users.Add(admin, {short_one, own_login, common_one, renamed})),
            (std::set<std::string>{"users[0].password", "users[1].password",
                                   "users[2].password"}));
  EXPECT_FALSE(FindUser("s4"));  // all or nothing
}

TEST_F(DirectoryTest, UserServiceEndsSessionsOnPasswordChangeAndDeactivation) {
  ASSERT_TRUE(users.Add(admin, {NewUser("p1"), NewUser("p2"), NewUser("p3")}).ok());
  UserChange password;
  password.code = "p1";
  password.password = "a-new-long-phrase";
  UserChange off;
  off.code = "p2";
  off.valid = false;
  UserChange renamed;
  renamed.code = "p3";
  renamed.name = "Renamed";
  ASSERT_TRUE(users.Update(admin, {password, off, renamed}).ok());
  EXPECT_EQ(db.store.sessions_ended_for,
            (std::vector<int64_t>{FindUser("p1")->id, FindUser("p2")->id}));
}

TEST(PasswordPolicyTest, ExplainsWhatIsWrong) {
  PasswordPolicy policy;
  policy.min_length = 10;
  EXPECT_EQ(CheckPassword(policy, "sato", "short-one")->text, common::Text::kPasswordTooShort);
  EXPECT_EQ(CheckPassword(policy, "sato", "short-one")->args, (std::vector<std::string>{"10"}));
  // Length counts characters, not bytes.
  EXPECT_EQ(CheckPassword(policy, "sato", "かきくけこさしすせ")->text,
            common::Text::kPasswordTooShort);
  EXPECT_FALSE(CheckPassword(policy, "sato", "かきくけこさしすせそ"));
  EXPECT_EQ(CheckPassword(policy, "Sato", "my-sato-password")->text,
            common::Text::kPasswordContainsLogin);
  EXPECT_EQ(CheckPassword(policy, "x", "Administrator")->text, common::Text::kPasswordTooCommon);
  EXPECT_FALSE(CheckPassword(policy, "sato", "correct horse battery"));
  policy.reject_login = policy.reject_common = false;
  EXPECT_FALSE(CheckPassword(policy, "x", "administrator"));
}

TEST_F(DirectoryTest, UserServiceDeletesUsers) {
  ASSERT_TRUE(users.Add(admin, {NewUser("gone")}).ok());
  ASSERT_TRUE(users.Delete(admin, {"gone"}).ok());
  EXPECT_FALSE(FindUser("gone"));
}

TEST_F(DirectoryTest, UserServicePrimaryOrganizationMustBeAMembership) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("hq"), NewOrg("branch")}).ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("u")}).ok());
  ASSERT_TRUE(
      organizations
          .SetUserOrganizations(admin, {{"", "u", {{"", "hq", {}}, {"", "branch", {}}}, {}}})
          .ok());
  UserChange c;
  c.code = "u";
  c.primary_organization = "branch";
  ASSERT_TRUE(users.Update(admin, {c}).ok());
  EXPECT_EQ(FindUser("u")->primary_organization_id, FindOrg("branch")->id);
  c.primary_organization = "elsewhere";
  EXPECT_EQ(Keys(users.Update(admin, {c})),
            (std::set<std::string>{"users[0].primaryOrganization"}));
}

}  // namespace
}  // namespace domain::directory_testing

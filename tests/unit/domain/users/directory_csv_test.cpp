#include "directory_test_support.h"

namespace domain::directory_testing {
namespace {

TEST_F(DirectoryTest, DirectoryCsvImportsUsersAndExportsThemBack) {
  std::string file =
      "code,name,password,timezone,surName\r\n"
      "sato,佐藤 昇,kumo-ichi-01,Asia/Tokyo,佐藤\r\n"
      "\"suzuki\",\"鈴木, 花子\",kumo-ni-02,UTC,\"鈴\"\"木\"\r\n";
  auto result = csv.Import(admin, DirectoryCsvKind::kUsers, file, false);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->added, 2);
  EXPECT_EQ(FindUser("suzuki")->name, "鈴木, 花子");
  EXPECT_EQ(FindUser("suzuki")->profile["surName"], "鈴\"木");

  auto out = csv.Export(admin, DirectoryCsvKind::kUsers);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(
      out->starts_with("\xEF\xBB\xBF"
                       "code,name,valid,"));
  EXPECT_NE(out->find("\"鈴木, 花子\""), std::string::npos);

  // Re-importing the export changes nothing and keeps passwords.
  auto again = csv.Import(admin, DirectoryCsvKind::kUsers, *out, false);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(again->added, 0);
  EXPECT_EQ(db.store.hashes[FindUser("sato")->id], "hashed:kumo-ichi-01");
}

TEST_F(DirectoryTest, DirectoryCsvKeysProblemsByLineAndWritesNothing) {
  std::string file =
      "code,name,password\n"
      "ok,OK,kumo-san-03\n"
      "nopass,No password,\n"
      ",Blank,kumo-yon-04\n";
  auto result = csv.Import(admin, DirectoryCsvKind::kUsers, file, false);
  ASSERT_FALSE(result.ok());
  std::set<std::string> keys;
  for (const auto& f : result.error().fields()) keys.insert(f.key);
  EXPECT_EQ(keys, (std::set<std::string>{"rows[3].password", "rows[4].code"}));
  EXPECT_FALSE(FindUser("ok"));
}

TEST_F(DirectoryTest, DirectoryCsvRefusesUnknownColumns) {
  auto result = csv.Import(admin, DirectoryCsvKind::kUsers, "code,shoeSize\nx,42\n", false);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().fields()[0].key, "csv");
}

TEST_F(DirectoryTest, DirectoryCsvDryRunChecksButWritesNothing) {
  auto result = csv.Import(admin, DirectoryCsvKind::kOrganizations, "code,name\nhq,本庁\n", true);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->added, 1);
  EXPECT_FALSE(FindOrg("hq"));
  EXPECT_EQ(changes, 0);
}

TEST_F(DirectoryTest, DirectoryCsvOrganizationsMayNameParentsLaterInTheFile) {
  auto result = csv.Import(admin, DirectoryCsvKind::kOrganizations,
                           "code,name,parentCode\nwelfare,福祉課,city\ncity,市役所,\n", false);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(FindOrg("welfare")->parent_id, FindOrg("city")->id);
}

TEST_F(DirectoryTest, DirectoryCsvMembershipsReplaceEachListedUsersOrganizations) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("hq"), NewOrg("branch")}).ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("sato"), NewUser("kato")}).ok());
  auto result = csv.Import(admin, DirectoryCsvKind::kMemberships,
                           "code,orgCode,titleCode,primary\n"
                           "sato,hq,,\n"
                           "sato,branch,課長,true\n"
                           "kato,nowhere,,\n",
                           false);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().fields()[0].key, "rows[4].orgCode");
  result = csv.Import(admin, DirectoryCsvKind::kMemberships,
                      "code,orgCode,titleCode,primary\nsato,hq,,\nsato,branch,課長,true\n", false);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(FindUser("sato")->primary_organization_id, FindOrg("branch")->id);
  auto out = csv.Export(admin, DirectoryCsvKind::kMemberships);
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("sato,hq,,\r\nsato,branch,課長,true\r\n"), std::string::npos);
}

TEST_F(DirectoryTest, DirectoryCsvGroupMembershipsReplaceEachListedUsersGroups) {
  ASSERT_TRUE(groups
                  .Add(admin, {{"", "clerks", std::nullopt, "窓口", std::nullopt},
                               {"", "auditors", std::nullopt, "監査", std::nullopt}})
                  .ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("sato"), NewUser("kato"), NewUser("ito")}).ok());
  ASSERT_TRUE(groups.SetUserGroups(admin, {{"", "ito", {"clerks"}, {}}}).ok());
  int before = changes;

  // Every problem, keyed by the file's line; nothing changes.
  auto result = csv.Import(admin, DirectoryCsvKind::kGroupMemberships,
                           "code,groupCode\n"
                           "sato,clerks\n"
                           "sato,nowhere\n"
                           "ghost,clerks\n"
                           "sato,clerks\n",
                           false);
  ASSERT_FALSE(result.ok());
  std::set<std::string> keys;
  for (const auto& f : result.error().fields()) keys.insert(f.key);
  EXPECT_EQ(keys,
            (std::set<std::string>{"rows[3].groupCode", "rows[4].code", "rows[5].groupCode"}));
  EXPECT_EQ(changes, before);

  // A dry run checks and counts, and writes nothing.
  std::string file =
      "code,groupCode\n"
      "sato,clerks\n"
      "sato,auditors\n"
      "kato,auditors\n"
      "ito,\n";
  result = csv.Import(admin, DirectoryCsvKind::kGroupMemberships, file, true);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(result->rows, 4);
  EXPECT_EQ(result->updated, 3);
  EXPECT_TRUE(groups.UserGroups(admin, "sato")->empty());
  EXPECT_EQ(changes, before);

  result = csv.Import(admin, DirectoryCsvKind::kGroupMemberships, file, false);
  ASSERT_TRUE(result.ok()) << result.error().ToString();
  EXPECT_EQ(groups.UserGroups(admin, "sato")->size(), 2u);
  EXPECT_EQ(groups.UserGroups(admin, "kato")->at(0).code, "auditors");
  EXPECT_TRUE(groups.UserGroups(admin, "ito")->empty()) << "an empty groupCode leaves no group";

  auto out = csv.Export(admin, DirectoryCsvKind::kGroupMemberships);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(
      out->starts_with("\xEF\xBB\xBF"
                       "code,groupCode\r\n"));
  EXPECT_NE(out->find("kato,auditors\r\n"), std::string::npos);
  EXPECT_NE(out->find("sato,"), std::string::npos);
  EXPECT_EQ(out->find("ito,"), std::string::npos);
  // The export imports back unchanged.
  auto again = csv.Import(admin, DirectoryCsvKind::kGroupMemberships, *out, false);
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(groups.UserGroups(admin, "sato")->size(), 2u);
}

}  // namespace
}  // namespace domain::directory_testing

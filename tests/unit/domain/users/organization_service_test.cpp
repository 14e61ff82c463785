#include "directory_test_support.h"

namespace domain::directory_testing {
namespace {

using Entry = UserOrganizationsChange::Entry;

UserOrganizationsChange Memberships(std::string user, std::vector<Entry> orgs) {
  UserOrganizationsChange c;
  c.user_code = std::move(user);
  c.organizations = std::move(orgs);
  return c;
}

TEST_F(DirectoryTest, OrganizationServiceBuildsATree) {
  ASSERT_TRUE(
      organizations
          .Add(admin, {NewOrg("city"), NewOrg("welfare", "city"), NewOrg("benefits", "welfare")})
          .ok());
  auto list = organizations.List(admin, {});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[2].parent_code, "welfare");
  EXPECT_EQ((*list)[0].parent_code, "");
}

TEST_F(DirectoryTest, OrganizationServiceReportsUnknownParentsAndDuplicates) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("city")}).ok());
  OrganizationChange nameless = NewOrg("x");
  nameless.name.reset();
  EXPECT_EQ(Keys(organizations.Add(admin, {NewOrg("city"), NewOrg("y", "nowhere"), nameless})),
            (std::set<std::string>{"organizations[0].code", "organizations[1].parentCode",
                                   "organizations[2].name"}));
}

TEST_F(DirectoryTest, OrganizationServiceRefusesCycles) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("a"), NewOrg("b", "a"), NewOrg("c", "b")}).ok());
  OrganizationChange to_grandchild;
  to_grandchild.code = "a";
  to_grandchild.parent_code = "c";
  OrganizationChange to_self;
  to_self.code = "b";
  to_self.parent_code = "b";
  EXPECT_EQ(Keys(organizations.Update(admin, {to_grandchild, to_self})),
            (std::set<std::string>{"organizations[0].parentCode", "organizations[1].parentCode"}));
  OrganizationChange to_root;
  to_root.code = "c";
  to_root.parent_code = "";
  ASSERT_TRUE(organizations.Update(admin, {to_root}).ok());
  EXPECT_FALSE(FindOrg("c")->parent_id);
}

TEST_F(DirectoryTest, OrganizationServiceRefusesDeletingAParentAlone) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("a"), NewOrg("b", "a"), NewOrg("c", "b")}).ok());
  EXPECT_EQ(Keys(organizations.Delete(admin, {"a"})), (std::set<std::string>{"codes[0]"}));
  // The whole subtree at once is fine, in any order.
  ASSERT_TRUE(organizations.Delete(admin, {"a", "c", "b"}).ok());
  EXPECT_TRUE(db.store.organizations.empty());
}

TEST_F(DirectoryTest, OrganizationServiceMembershipsReplaceTheListFirstBecomesPrimary) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("hq"), NewOrg("branch"), NewOrg("lab")}).ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("sato")}).ok());
  ASSERT_TRUE(organizations
                  .SetUserOrganizations(
                      admin, {Memberships("sato", {{"", "branch", "manager"}, {"", "hq", {}}})})
                  .ok());
  EXPECT_EQ(FindUser("sato")->primary_organization_id, FindOrg("branch")->id);
  auto list = organizations.UserOrganizations(admin, "sato");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].organization.code, "branch");
  ASSERT_TRUE((*list)[0].title);
  EXPECT_EQ((*list)[0].title->code, "manager");
  EXPECT_FALSE((*list)[1].title);

  // The current primary stays while it is still listed.
  ASSERT_TRUE(
      organizations
          .SetUserOrganizations(admin, {Memberships("sato", {{"", "lab", {}}, {"", "branch", {}}})})
          .ok());
  EXPECT_EQ(FindUser("sato")->primary_organization_id, FindOrg("branch")->id);
  ASSERT_TRUE(organizations.SetUserOrganizations(admin, {Memberships("sato", {})}).ok());
  EXPECT_FALSE(FindUser("sato")->primary_organization_id);
  EXPECT_TRUE(organizations.UserOrganizations(admin, "sato")->empty());
}

TEST_F(DirectoryTest, OrganizationServiceMembershipProblemsAreKeyed) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("hq")}).ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("sato")}).ok());
  EXPECT_EQ(
      Keys(organizations.SetUserOrganizations(
          admin, {Memberships("ghost", {}),
                  Memberships("sato", {{"", "hq", {}}, {"", "nowhere", {}}, {"", "hq", {}}})})),
      (std::set<std::string>{"userOrganizations[0].code",
                             "userOrganizations[1].organizations[1].orgCode",
                             "userOrganizations[1].organizations[2].orgCode"}));
}

TEST_F(DirectoryTest, OrganizationServiceDeletingThePrimaryFallsBackToTheNext) {
  ASSERT_TRUE(organizations.Add(admin, {NewOrg("hq"), NewOrg("branch")}).ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("sato")}).ok());
  ASSERT_TRUE(
      organizations
          .SetUserOrganizations(admin, {Memberships("sato", {{"", "hq", {}}, {"", "branch", {}}})})
          .ok());
  ASSERT_TRUE(organizations.Delete(admin, {"hq"}).ok());
  EXPECT_EQ(FindUser("sato")->primary_organization_id, FindOrg("branch")->id);
  auto members = organizations.OrganizationUsers(admin, "branch", 0, 100);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].user.code, "sato");
}

TEST_F(DirectoryTest, GroupServiceManagesGroupsAndMembers) {
  ASSERT_TRUE(groups.Add(admin, {{"", "clerks", {}, "窓口担当", {}}}).ok());
  ASSERT_TRUE(users.Add(admin, {NewUser("sato")}).ok());
  EXPECT_EQ(Keys(groups.SetUserGroups(admin, {{"", "sato", {"clerks", "ghosts"}, {}}})),
            (std::set<std::string>{"userGroups[0].groups[1]"}));
  ASSERT_TRUE(groups.SetUserGroups(admin, {{"", "sato", {"clerks"}, {}}}).ok());
  auto members = groups.GroupUsers(admin, "clerks", 0, 100);
  ASSERT_TRUE(members.ok());
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].code, "sato");
  ASSERT_TRUE(groups.Delete(admin, {"clerks"}).ok());
  EXPECT_TRUE(groups.UserGroups(admin, "sato")->empty());
}

}  // namespace
}  // namespace domain::directory_testing

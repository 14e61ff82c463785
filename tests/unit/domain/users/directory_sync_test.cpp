#include "domain/users/directory_sync.h"

#include "directory_test_support.h"

namespace domain::directory_testing {
namespace {

class DirectorySyncTest : public DirectoryTest {
 protected:
  DirectorySyncTest() {
    for (const char* code : {"kosodate", "zeimu", "local-only"}) {
      db.store.groups.push_back(Group{db.store.next_id++, code, code, ""});
    }
    for (const char* code : {"kosodate-ka", "zeimu-ka", "project"}) {
      Organization o;
      o.id = db.store.next_id++;
      o.code = code;
      o.name = code;
      db.store.organizations.push_back(o);
    }
    User u;
    u.code = "sato";
    u.name = "Sato";
    u.auth_source = kAuthSourceLdap;
    user_id = *FakeUsers(db.store).Insert(u, "");
    rules.groups = {{"cn=kosodate,ou=groups,dc=city", "kosodate"},
                    {"cn=kosodate-leads,ou=groups,dc=city", "kosodate"},
                    {"cn=zeimu,ou=groups,dc=city", "zeimu"}};
    rules.organization = true;
  }

  int64_t Id(const std::string& code) {
    if (Group* g = ByCode(db.store.groups, code)) return g->id;
    return ByCode(db.store.organizations, code)->id;
  }
  std::set<std::string> Groups() {
    std::set<std::string> out;
    for (int64_t id : db.store.user_groups[user_id]) out.insert(ById(db.store.groups, id)->code);
    return out;
  }
  std::vector<std::string> Orgs() {
    std::vector<std::string> out;
    for (const auto& m : db.store.user_organizations[user_id]) {
      out.push_back(ById(db.store.organizations, m.organization_id)->code);
    }
    return out;
  }
  std::string Primary() {
    User* u = ById(db.store.users, user_id);
    return u->primary_organization_id
               ? ById(db.store.organizations, *u->primary_organization_id)->code
               : "";
  }
  DirectorySyncResult Sync(std::vector<std::string> dns, std::string org) {
    DirectorySyncResult result;
    EXPECT_TRUE(db.Write([&](Transaction& tx) -> common::Status {
                    User user = *ById(db.store.users, user_id);
                    TK_ASSIGN_OR_RETURN(result, SyncDirectoryMemberships(
                                                    tx, user, rules, {std::move(dns), org}, 42));
                    return common::Status::Ok();
                  }).ok());
    return result;
  }

  int64_t user_id = 0;
  DirectorySyncRules rules;
};

TEST_F(DirectorySyncTest, MappedGroupsFollowTheDirectoryAndOthersStay) {
  db.store.user_groups[user_id] = {Id("local-only"), Id("zeimu")};
  auto r = Sync({"cn=kosodate-leads,ou=groups,dc=city", "cn=unmapped,dc=city"}, "");
  EXPECT_EQ(Groups(), (std::set<std::string>{"local-only", "kosodate"}));
  EXPECT_EQ(r.groups_added, std::vector<std::string>{"kosodate"});
  EXPECT_EQ(r.groups_removed, std::vector<std::string>{"zeimu"});
  // Nothing new: nothing changes.
  EXPECT_FALSE(Sync({"cn=kosodate-leads,ou=groups,dc=city"}, "").changed());
  // Out of every mapped group: only the local membership is left.
  Sync({}, "");
  EXPECT_EQ(Groups(), (std::set<std::string>{"local-only"}));
}

TEST_F(DirectorySyncTest, AMappedGroupMissingHereIsReportedAndSkipped) {
  rules.groups.push_back({"cn=gone,dc=city", "no-such-group"});
  auto r = Sync({"cn=gone,dc=city", "cn=zeimu,ou=groups,dc=city"}, "");
  EXPECT_EQ(Groups(), (std::set<std::string>{"zeimu"}));
  EXPECT_EQ(r.unknown, std::vector<std::string>{"group no-such-group"});
}

TEST_F(DirectorySyncTest, ThePrimaryOrganisationMovesWithTheDirectoryAndHandMadeOnesStay) {
  db.store.user_organizations[user_id] = {{Id("project"), std::nullopt}};
  auto first = Sync({}, "kosodate-ka");
  EXPECT_EQ(Primary(), "kosodate-ka");
  EXPECT_EQ(Orgs(), (std::vector<std::string>{"kosodate-ka", "project"}));
  EXPECT_TRUE(first.organization_changed);
  EXPECT_EQ(first.organization_from, "");
  EXPECT_EQ(first.organization_to, "kosodate-ka");

  // April: moved to the tax office.
  auto moved = Sync({}, "zeimu-ka");
  EXPECT_EQ(Primary(), "zeimu-ka");
  EXPECT_EQ(Orgs(), (std::vector<std::string>{"zeimu-ka", "project"}));
  EXPECT_EQ(moved.organization_from, "kosodate-ka");
  EXPECT_FALSE(Sync({}, "zeimu-ka").changed());

  // A code unknown here, then none at all: no primary organisation; "project" stays through
  // both (it was never the directory's).
  auto unknown = Sync({}, "somewhere-else");
  EXPECT_EQ(unknown.unknown, std::vector<std::string>{"organization somewhere-else"});
  EXPECT_EQ(Primary(), "");
  EXPECT_EQ(Orgs(), std::vector<std::string>{"project"});
  EXPECT_FALSE(Sync({}, "").changed());
  EXPECT_EQ(Orgs(), std::vector<std::string>{"project"});
}

TEST_F(DirectorySyncTest, JoiningAnOrganisationAlreadyHeldKeepsItsTitle) {
  db.store.titles.push_back(Title{db.store.next_id++, "kacho", "課長", ""});
  int64_t title = db.store.titles.back().id;
  db.store.user_organizations[user_id] = {{Id("project"), std::nullopt}, {Id("zeimu-ka"), title}};
  Sync({}, "zeimu-ka");
  EXPECT_EQ(Primary(), "zeimu-ka");
  ASSERT_EQ(db.store.user_organizations[user_id].size(), 2u);
  EXPECT_EQ(db.store.user_organizations[user_id][1].title_id, title);
}

TEST_F(DirectorySyncTest, RulesWithoutOrganisationLeaveOrganisationsAlone) {
  rules.organization = false;
  db.store.user_organizations[user_id] = {{Id("project"), std::nullopt}};
  ById(db.store.users, user_id)->primary_organization_id = Id("project");
  EXPECT_FALSE(Sync({}, "zeimu-ka").changed());
  EXPECT_EQ(Primary(), "project");
}

}  // namespace
}  // namespace domain::directory_testing

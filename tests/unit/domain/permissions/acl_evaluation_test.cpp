// The ACL rules for one user: first match in list order, "everyone" always last, sub-
// organisations through includeSubs, CREATOR as the app's creator or per record.
#include "domain/permissions/acl_evaluation.h"

#include <gtest/gtest.h>

namespace domain {
namespace {

AclEntry Entry(AclEntityType type, int64_t id, uint32_t rights, bool subs = false) {
  AclEntry e;
  e.entity.type = type;
  e.entity.id = id;
  e.entity.include_subs = subs;
  e.rights = rights;
  return e;
}

AclEntry Everyone(uint32_t rights) {
  AclEntry e;
  e.entity.type = AclEntityType::kGroup;
  e.entity.code = kEveryoneGroup;
  e.rights = rights;
  return e;
}

AclEntry Field(const std::string& code, uint32_t rights) {
  AclEntry e;
  e.entity.type = AclEntityType::kFieldEntity;
  e.entity.code = code;
  e.rights = rights;
  return e;
}

// User 7 in organisation 30, a child of 20, a child of 10; member of group 5.
Membership Member() {
  Membership m;
  m.user_id = 7;
  m.organizations = {30};
  m.ancestors = {20, 10};
  m.groups = {5};
  return m;
}

TEST(AclEvaluation, FirstMatchingEntryWinsInListOrder) {
  std::vector<AclEntry> acl = {Entry(AclEntityType::kGroup, 5, kAclView),
                               Entry(AclEntityType::kUser, 7, kAclView | kAclEdit)};
  EXPECT_EQ(AppAclRights(acl, Member(), 1), kAclView);
  std::swap(acl[0], acl[1]);
  EXPECT_EQ(AppAclRights(acl, Member(), 1), kAclView | kAclEdit);
}

TEST(AclEvaluation, EveryoneIsTriedLastWhereverItIsListed) {
  std::vector<AclEntry> acl = {Everyone(kAclAllRecordRights),
                               Entry(AclEntityType::kUser, 7, kAclView)};
  EXPECT_EQ(AppAclRights(acl, Member(), 1), kAclView);
  Membership other;
  other.user_id = 8;
  EXPECT_EQ(AppAclRights(acl, other, 1), kAclAllRecordRights);
}

TEST(AclEvaluation, NoMatchingEntryGivesNoRights) {
  std::vector<AclEntry> acl = {Entry(AclEntityType::kUser, 99, kAclAllRecordRights)};
  EXPECT_EQ(AppAclRights(acl, Member(), 1), 0u);
  EXPECT_EQ(AppAclRights({}, Member(), 1), 0u);
}

TEST(AclEvaluation, OrganisationCoversDescendantsOnlyWithIncludeSubs) {
  EXPECT_EQ(AppAclRights({Entry(AclEntityType::kOrganization, 10, kAclView)}, Member(), 1), 0u);
  EXPECT_EQ(AppAclRights({Entry(AclEntityType::kOrganization, 10, kAclView, true)}, Member(), 1),
            kAclView);
  EXPECT_EQ(AppAclRights({Entry(AclEntityType::kOrganization, 30, kAclAdd)}, Member(), 1), kAclAdd);
  // A descendant of the user's organisation does not cover the user.
  Membership top;
  top.user_id = 8;
  top.organizations = {10};
  EXPECT_EQ(AppAclRights({Entry(AclEntityType::kOrganization, 30, kAclView, true)}, top, 1), 0u);
}

TEST(AclEvaluation, CreatorIsTheAppCreatorInTheAppAcl) {
  std::vector<AclEntry> acl = DefaultAppAcl();
  EXPECT_EQ(AppAclRights(acl, Member(), 7), kAclManage | kAclAllRecordRights);
  EXPECT_EQ(AppAclRights(acl, Member(), 1), kAclAllRecordRights);
}

TEST(AclEvaluation, RecordRulesKeepRecordDependentEntriesBeforeTheFirstStaticMatch) {
  AclRule rule{"status = \"open\"",
               {Field("owner", kAclView | kAclEdit), Entry(AclEntityType::kGroup, 5, kAclView),
                Field("reviewer", kAclView | kAclDelete), Everyone(0)}};
  auto rules = RecordRulesForUser({rule}, Member());
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].filter_cond, "status = \"open\"");
  ASSERT_EQ(rules[0].per_record.size(), 1u);  // "reviewer" comes after the group match
  EXPECT_EQ(rules[0].per_record[0].entity.code, "owner");
  EXPECT_EQ(rules[0].otherwise, kAclView);

  Membership stranger;
  stranger.user_id = 8;
  auto other = RecordRulesForUser({rule}, stranger);
  EXPECT_EQ(other[0].per_record.size(), 2u);
  EXPECT_EQ(other[0].otherwise, 0u);  // everyone: nothing
}

TEST(AclEvaluation, CreatorInRecordRulesDependsOnTheRecord) {
  AclEntry creator;
  creator.entity.type = AclEntityType::kCreator;
  creator.rights = kAclView;
  EXPECT_EQ(MatchEntity(creator.entity, Member(), std::nullopt), EntityMatch::kDependsOnRecord);
  auto rules = RecordRulesForUser({AclRule{"", {creator}}}, Member());
  EXPECT_EQ(rules[0].per_record.size(), 1u);
  EXPECT_EQ(rules[0].otherwise, 0u);
}

TEST(AclEvaluation, FieldRightsListOnlyFieldsWithRules) {
  std::vector<AclRule> fields = {
      AclRule{"salary", {Entry(AclEntityType::kOrganization, 20, kAclView, true), Everyone(0)}},
      AclRule{"memo", {Entry(AclEntityType::kUser, 7, kAclView | kAclEdit)}},
      AclRule{"secret", {Entry(AclEntityType::kUser, 99, kAclView)}}};
  auto rights = FieldRulesForUser(fields, Member());
  EXPECT_EQ(rights.at("salary").otherwise, kAclView);
  EXPECT_EQ(rights.at("memo").otherwise, kAclView | kAclEdit);
  EXPECT_EQ(rights.at("secret").otherwise, 0u);
  EXPECT_TRUE(rights.at("salary").per_record.empty());
  EXPECT_FALSE(rights.contains("title"));
}

TEST(AclEvaluation, FieldEntityInFieldRulesDependsOnTheRecord) {
  AclEntry assignee;
  assignee.entity.type = AclEntityType::kFieldEntity;
  assignee.entity.code = "assignee";
  assignee.rights = kAclView | kAclEdit;
  // Entries after the first one naming the user are never reached.
  std::vector<AclRule> fields = {
      AclRule{"notes", {assignee, Everyone(kAclView), Entry(AclEntityType::kUser, 7, 0)}}};
  auto rights = FieldRulesForUser(fields, Member());
  ASSERT_EQ(rights.at("notes").per_record.size(), 1u);
  EXPECT_EQ(rights.at("notes").otherwise, 0u);  // user 7's own entry, everyone tried last
  EXPECT_EQ(rights.at("notes").OnEveryRecord(), 0u);
}

TEST(AclEvaluation, OnEveryRecordIsWhatAllEntriesGrant) {
  AclEntry creator;
  creator.entity.type = AclEntityType::kCreator;
  creator.rights = kAclView | kAclEdit;
  auto rights = FieldRulesForUser({AclRule{"memo", {creator, Everyone(kAclView)}}}, Member());
  EXPECT_EQ(rights.at("memo").OnEveryRecord(), kAclView);  // view everywhere, edit on some
}

TEST(AclEvaluation, FirstRuleForAFieldCounts) {
  auto rights = FieldRulesForUser(
      {AclRule{"memo", {Everyone(0)}}, AclRule{"memo", {Everyone(kAclView)}}}, Member());
  EXPECT_EQ(rights.at("memo").otherwise, 0u);
}

}  // namespace
}  // namespace domain

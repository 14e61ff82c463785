// Field rights of one caller: a field's own rule and its group's both apply; a rule with
// record-dependent entries (FIELD_ENTITY, CREATOR) is decided per record, and counts as hidden
// where no record decides (queries, sorts, aggregates).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "domain/apps/layout.h"
#include "domain/permissions/access.h"

namespace domain {
namespace {

AclEntry FieldEntity(const std::string& code, uint32_t rights) {
  AclEntry e;
  e.entity.type = AclEntityType::kFieldEntity;
  e.entity.code = code;
  e.rights = rights;
  return e;
}

EntriesForUser Static(uint32_t rights) {
  EntriesForUser r;
  r.otherwise = rights;
  return r;
}

TEST(FieldAccess, OwnAndGroupRulesMustBothAllow) {
  AppAccess access;
  access.fields["phone"] = {Static(kAclView | kAclEdit),
                            Static(kAclView)};  // own WRITE, group READ
  EXPECT_TRUE(access.CanViewField("phone"));
  EXPECT_FALSE(access.CanEditField("phone"));
  EXPECT_TRUE(access.CanEditField("title"));  // no rule
  FieldRights on = access.FieldsOn([](const AclEntry&) { return true; });
  EXPECT_EQ(on.restricted.at("phone"), static_cast<uint32_t>(kAclView));
}

TEST(FieldAccess, RecordDependentRuleIsHiddenForQueriesAndDecidedPerRecord) {
  AppAccess access;
  EntriesForUser rule;
  rule.per_record = {FieldEntity("owner", kAclView | kAclEdit)};
  rule.otherwise = 0;
  access.fields["memo"] = {rule};
  EXPECT_FALSE(access.CanViewField("memo"));
  auto named = access.FieldsOn([](const AclEntry& e) { return e.entity.code == "owner"; });
  EXPECT_TRUE(named.CanView("memo"));
  EXPECT_TRUE(named.CanEdit("memo"));
  auto other = access.FieldsOn([](const AclEntry&) { return false; });
  EXPECT_FALSE(other.CanView("memo"));
}

TEST(FieldAccess, UnresolvedFieldsReadAsHidden) {
  AppAccess access;
  access.fields_resolved = false;
  EXPECT_FALSE(access.CanViewField("title"));
  EXPECT_TRUE(access.restricts_fields());
}

TEST(FieldGroups, MapsFieldsLaidOutInsideAGroup) {
  auto layout = boost::json::parse(R"([
    {"type":"ROW","fields":[{"type":"SINGLE_LINE_TEXT","code":"title"}]},
    {"type":"GROUP","code":"family","layout":[
      {"type":"ROW","fields":[{"type":"SINGLE_LINE_TEXT","code":"kin"},{"type":"NUMBER","code":"age"}]}]},
    {"type":"SUBTABLE","code":"visits","fields":[{"type":"DATE","code":"day"}]}])");
  auto groups = FieldGroups(layout.as_array());
  EXPECT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups.at("kin"), "family");
  EXPECT_EQ(groups.at("age"), "family");
  EXPECT_FALSE(groups.contains("title"));
  EXPECT_FALSE(groups.contains("day"));
}

}  // namespace
}  // namespace domain

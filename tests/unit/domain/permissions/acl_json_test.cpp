// Parsing and printing kintone's ACL JSON: shapes, defaults, every validation error at once,
// unknown codes as kintone's errors.
#include "domain/permissions/acl_json.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace domain {
namespace {

namespace json = boost::json;
using common::ErrorCode;

class FakeCodes final : public AclEntityCodes {
 public:
  common::Result<int64_t> Id(AclEntityType type, std::string_view code) override {
    if (type == AclEntityType::kUser && code == "sato") return 7;
    if (type == AclEntityType::kOrganization && code == "soumu") return 30;
    if (type == AclEntityType::kGroup && code == "staff") return 5;
    if (type == AclEntityType::kUser)
      return common::Error(ErrorCode::kUserNotFound, {std::string(code)});
    if (type == AclEntityType::kOrganization) {
      return common::Error(ErrorCode::kOrganizationNotFound, {std::string(code)});
    }
    return common::Error(ErrorCode::kGroupNotFound, {std::string(code)});
  }
  std::optional<std::string> Code(AclEntityType type, int64_t id) override {
    if (type == AclEntityType::kUser && id == 7) return "sato";
    if (type == AclEntityType::kOrganization && id == 30) return "soumu";
    if (type == AclEntityType::kGroup && id == 5) return "staff";
    return std::nullopt;
  }
};

std::vector<std::string> Keys(const common::Error& e) {
  std::vector<std::string> keys;
  for (const auto& f : e.fields()) keys.push_back(f.key);
  return keys;
}

TEST(AclJson, AppAclRoundTripsWithDefaultsFalse) {
  FakeCodes codes;
  auto parsed = ParseAppAcl(json::parse(R"([
    {"entity":{"type":"USER","code":"sato"},"recordViewable":true,"recordEditable":"true"},
    {"entity":{"type":"ORGANIZATION","code":"soumu"},"includeSubs":true,"recordViewable":true},
    {"entity":{"type":"CREATOR"},"appEditable":true},
    {"entity":{"type":"GROUP","code":"everyone"}}])"),
                            codes);
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  ASSERT_EQ(parsed->size(), 4u);
  EXPECT_EQ((*parsed)[0].rights, kAclView | kAclEdit);
  EXPECT_TRUE((*parsed)[1].entity.include_subs);
  EXPECT_EQ((*parsed)[3].rights, 0u);
  json::array out = AppAclJson(*parsed, codes);
  EXPECT_EQ(json::serialize(out[2]),
            R"({"entity":{"type":"CREATOR","code":null},"includeSubs":false,"appEditable":true,)"
            R"("recordViewable":false,"recordAddable":false,"recordEditable":false,)"
            R"("recordDeletable":false,"recordImportable":false,"recordExportable":false})");
  EXPECT_EQ(out[1].at("entity").at("code"), "soumu");
  EXPECT_EQ(out[1].at("includeSubs"), true);
}

TEST(AclJson, IncludeSubsOnlyForOrganisations) {
  FakeCodes codes;
  auto parsed = ParseAppAcl(
      json::parse(R"([{"entity":{"type":"USER","code":"sato"},"includeSubs":true}])"), codes);
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE((*parsed)[0].entity.include_subs);
}

TEST(AclJson, ReportsEveryShapeErrorAtOnce) {
  FakeCodes codes;
  auto parsed = ParseAppAcl(json::parse(R"([
    {"entity":{"type":"ROBOT","code":"x"}},
    {"entity":{"type":"USER"}},
    {"recordViewable":true},
    {"entity":{"type":"USER","code":"sato"},"recordEditable":true},
    {"entity":{"type":"USER","code":"sato"},"recordAddable":"yes"},
    {"entity":{"type":"USER","code":"sato"},"recordImportable":true}])"),
                            codes);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(Keys(parsed.error()),
            (std::vector<std::string>{"rights[0].entity.type", "rights[1].entity.code",
                                      "rights[2].entity", "rights[3].recordViewable",
                                      "rights[4].recordAddable", "rights[5].recordAddable"}));
  auto missing = ParseAppAcl(json::value(), codes);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(Keys(missing.error()), std::vector<std::string>{"rights"});
}

TEST(AclJson, UnknownCodesAreKintonesErrors) {
  FakeCodes codes;
  auto user = ParseAppAcl(json::parse(R"([{"entity":{"type":"USER","code":"nobody"}}])"), codes);
  ASSERT_FALSE(user.ok());
  EXPECT_EQ(user.error().code(), ErrorCode::kUserNotFound);
  EXPECT_EQ(user.error().args(), std::vector<std::string>{"nobody"});
  auto org = ParseAppAcl(json::parse(R"([{"entity":{"type":"ORGANIZATION","code":"x"}}])"), codes);
  EXPECT_EQ(org.error().code(), ErrorCode::kOrganizationNotFound);
  auto group = ParseAppAcl(json::parse(R"([{"entity":{"type":"GROUP","code":"x"}}])"), codes);
  EXPECT_EQ(group.error().code(), ErrorCode::kGroupNotFound);
}

TEST(AclJson, DeletedEntitiesAreNotListed) {
  FakeCodes codes;
  AclEntry gone;
  gone.entity.type = AclEntityType::kUser;
  gone.entity.id = 404;
  EXPECT_TRUE(AppAclJson({gone}, codes).empty());
}

}  // namespace
}  // namespace domain

#include "domain/apps/general_settings.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>

#include "domain/apps/app_service.h"

namespace domain {
namespace {

namespace json = boost::json;

json::object Defaults() { return AppService::DefaultSettings("settings", "App"); }
json::object Obj(const char* text) { return json::parse(text).as_object(); }

TEST(GeneralSettings, MergesNumberPrecisionKeyByKey) {
  auto merged = MergeGeneralSettings(Defaults(), Obj(R"({"numberPrecision":{"decimalPlaces":2}})"));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->at("numberPrecision"),
            json::parse(R"({"digits":"16","decimalPlaces":"2","roundingMode":"HALF_EVEN"})"));
}

TEST(GeneralSettings, DropsUnknownPropertiesAndKeepsOmittedOnes) {
  auto merged = MergeGeneralSettings(Defaults(), Obj(R"({"junk":1,"theme":"RED","lang":"en"})"));
  ASSERT_TRUE(merged.ok());
  EXPECT_FALSE(merged->contains("junk"));
  EXPECT_FALSE(merged->contains("lang"));
  EXPECT_EQ(merged->at("theme"), "RED");
  EXPECT_EQ(merged->at("enableComments"), true);
}

TEST(GeneralSettings, ReportsEveryBadPropertyByKey) {
  auto merged = MergeGeneralSettings(
      Defaults(), Obj(R"({"theme":"PURPLE","numberPrecision":{"digits":"31","roundingMode":"X"},
                          "firstMonthOfFiscalYear":"13","titleField":{"selectionMode":"MANUAL"},
                          "enableComments":"maybe","name":""})"));
  ASSERT_FALSE(merged.ok());
  std::vector<std::string> keys;
  for (const auto& f : merged.error().fields()) keys.push_back(f.key);
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "enableComments", "firstMonthOfFiscalYear", "name", "numberPrecision.digits",
                      "numberPrecision.roundingMode", "theme", "titleField.code"}));
}

TEST(GeneralSettings, StoresNumbersAsStrings) {
  auto merged = MergeGeneralSettings(
      Defaults(), Obj(R"({"firstMonthOfFiscalYear":1,"numberPrecision":{"digits":30}})"));
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->at("firstMonthOfFiscalYear"), "1");
  EXPECT_EQ(merged->at("numberPrecision").at("digits"), "30");
}

}  // namespace
}  // namespace domain

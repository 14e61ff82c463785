#include <gtest/gtest.h>

#include "domain/sharing/page_look.h"
#include "domain/sharing/public_form_settings.h"
#include "domain/sharing/public_lookup_service.h"

namespace domain {
namespace {

TEST(PublicLookupKeys, FullWidthDigitsAndSpacesNormalise) {
  EXPECT_EQ(NormalizeKey("　ＡＰ－２０２６－０００００１ "), "AP-2026-000001");
  EXPECT_EQ(NormalizeKey("１９８０-０１-０２"), "1980-01-02");
  EXPECT_EQ(NormalizeKey("ap"), "ap") << "case is kept: keys match exactly";
  EXPECT_EQ(NormalizeKey("\xff\xfe"
                         "12"),
            "12")
      << "ill-formed bytes are dropped";
}

TEST(PublicLookupKeys, LastFourDigitsIgnoresSeparators) {
  EXPECT_EQ(LastFourDigits("090-1234-5678"), "5678");
  EXPECT_EQ(LastFourDigits("5678"), "5678");
  EXPECT_EQ(LastFourDigits("12-3"), "");
}

TEST(PublicLookupKeys, ConstantTimeEqualsComparesWholeStrings) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST(PageLook, ContrastFollowsWcag) {
  EXPECT_NEAR(ContrastRatio("#000000", "#ffffff"), 21.0, 0.01);
  EXPECT_NEAR(ContrastRatio("#777777", "#ffffff"), 4.48, 0.01);
  common::Error errors = common::Error::Validation();
  boost::json::object s{{"title", "t"}, {"theme", boost::json::object{{"textColor", "#999999"}}}};
  (void)PageLook::FromJson(s, errors);
  EXPECT_TRUE(errors.has_fields()) << "grey text on white is refused";
  common::Error ok = common::Error::Validation();
  (void)PageLook::FromJson(boost::json::object{{"title", "t"}}, ok);
  EXPECT_FALSE(ok.has_fields()) << "the defaults pass";
}

TEST(PublicFormSettings, TimestampsRoundTrip) {
  auto t = ParseUtcTimestamp("2026-11-21T09:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatUtcTimestamp(*t), "2026-11-21T09:30:00Z");
  EXPECT_EQ(ParseUtcTimestamp("2026-11-21T09:30Z"), *t - 0);
  EXPECT_FALSE(ParseUtcTimestamp("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseUtcTimestamp("yesterday"));
}

}  // namespace
}  // namespace domain

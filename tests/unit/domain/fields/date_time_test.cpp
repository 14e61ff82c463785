#include "domain/fields/date_time.h"

#include <gtest/gtest.h>

namespace domain {
namespace {

TEST(DateTime, CompletesShortDates) {
  const std::pair<const char*, const char*> cases[] = {
      {"2024-07-05", "2024-07-05"},   {"2024-7-5", "2024-07-05"}, {"2024-07", "2024-07-01"},
      {"2024-7", "2024-07-01"},       {"2024", "2024-01-01"},     {"2024-02-29", "2024-02-29"},
      {" 2024-12-31 ", "2024-12-31"},
  };
  for (auto [in, out] : cases) EXPECT_EQ(ParseDate(in), out) << in;
}

TEST(DateTime, RejectsInvalidDates) {
  for (const char* in :
       {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01", "2024/07/05",
        "2024-07-05T00:00:00Z", "abc", "", "2024-", "20240705", "2024-007-01", "0000-01-01"}) {
    EXPECT_EQ(ParseDate(in), std::nullopt) << in;
  }
}

TEST(DateTime, ParsesTimesIgnoringSeconds) {
  EXPECT_EQ(ParseTime("15:31"), "15:31");
  EXPECT_EQ(ParseTime("9:05"), "09:05");
  EXPECT_EQ(ParseTime("15:31:59"), "15:31");
  for (const char* in : {"24:00", "12:60", "1231", "12:3", "12:30:", "12:30:61", "", "ab:cd"}) {
    EXPECT_EQ(ParseTime(in), std::nullopt) << in;
  }
}

TEST(DateTime, DateTimesBecomeUtcMinutes) {
  const std::pair<const char*, const char*> cases[] = {
      {"2026-04-25T10:00:00Z", "2026-04-25T10:00:00Z"},
      {"2026-04-25T10:00:59Z", "2026-04-25T10:00:00Z"},
      {"2026-04-25T10:00:30.123Z", "2026-04-25T10:00:00Z"},
      {"2026-04-25T19:00:00+09:00", "2026-04-25T10:00:00Z"},
      {"2026-04-25T19:00+0900", "2026-04-25T10:00:00Z"},
      {"2026-04-25T01:30:00-05:30", "2026-04-25T07:00:00Z"},
      {"2026-01-01T05:00:00+09:00", "2025-12-31T20:00:00Z"},
      {"2026-04-25T10:00", "2026-04-25T10:00:00Z"},
      {"2024-03-22", "2024-03-22T00:00:00Z"},
      {"1969-12-31T23:59:00Z", "1969-12-31T23:59:00Z"},
  };
  for (auto [in, out] : cases) {
    std::optional<int64_t> t = ParseDateTime(in);
    ASSERT_TRUE(t) << in;
    EXPECT_EQ(FormatDateTime(*t), out) << in;
  }
  EXPECT_EQ(ParseDateTime("1970-01-01T00:01:00Z"), 60);
}

TEST(DateTime, RejectsInvalidDateTimes) {
  for (const char* in : {"2026-04-25T25:00:00Z", "2026-04-25T10:00:00X", "2026-04-25T10:00:00+9",
                         "2026-04-25T10", "2026-02-30T10:00:00Z", "now", "",
                         "2026-04-25T10:00:00Z junk", "0001-01-01T00:00:00+01:00"}) {
    EXPECT_EQ(ParseDateTime(in), std::nullopt) << in;
  }
}

TEST(DateTime, CivilDaysRoundTrip) {
  for (int64_t days : {-719468LL, -1LL, 0LL, 19844LL, 2932896LL}) {
    int64_t y = 0;
    int m = 0, d = 0;
    CivilFromDays(days, y, m, d);
    EXPECT_EQ(DaysFromCivil(y, m, d), days);
  }
  EXPECT_EQ(DaysFromCivil(2024, 5, 1), 19844);
}

TEST(DateTime, FormattedAsTextAndAsJsonAlike) {
  const std::pair<int64_t, const char*> cases[] = {
      {0, "1970-01-01T00:00:00Z"},
      {59, "1970-01-01T00:00:00Z"},  // seconds dropped
      {-60, "1969-12-31T23:59:00Z"},
      {951782400, "2000-02-29T00:00:00Z"},
      {1777111200, "2026-04-25T10:00:00Z"},
      {-62135596800, "0001-01-01T00:00:00Z"},
      {253402300740, "9999-12-31T23:59:00Z"},
  };
  for (auto [seconds, text] : cases) {
    EXPECT_EQ(FormatDateTime(seconds), text) << seconds;
    std::string json = "[";
    AppendDateTimeJson(json, seconds);
    EXPECT_EQ(json, std::string("[\"") + text + "\"") << seconds;
  }
}

}  // namespace
}  // namespace domain

#include "common/time_zone.h"

#include <gtest/gtest.h>

namespace common {
namespace {

TEST(CivilDate, RoundTripsThroughDayNumbers) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2026, 4, 23}), 20566);
  EXPECT_EQ(CivilFromDays(20566), (CivilDate{2026, 4, 23}));
  EXPECT_EQ(CivilFromDays(-1), (CivilDate{1969, 12, 31}));
  for (int64_t d = -800000; d < 800000; d += 997) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(d)), d);
  }
}

TEST(CivilDate, KnowsWeekdaysMonthLengthsAndFormat) {
  EXPECT_EQ(Weekday({2026, 4, 23}), 4);  // Thursday
  EXPECT_EQ(Weekday({2026, 4, 19}), 0);  // Sunday
  EXPECT_EQ(Weekday({1969, 12, 31}), 3);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 4), 30);
  EXPECT_EQ(FormatDate({2026, 4, 3}), "2026-04-03");
}

TEST(TimeZone, RejectsUnknownZones) {
  EXPECT_FALSE(TimeZone::Find("Mars/Olympus").has_value());
  EXPECT_FALSE(TimeZone::Find("").has_value());
  ASSERT_TRUE(TimeZone::Find("Asia/Tokyo").has_value());
  EXPECT_EQ(TimeZone::Find("Asia/Tokyo")->id(), "Asia/Tokyo");
}

TEST(TimeZone, LocalDateOfAnInstant) {
  const TimeZone tokyo = *TimeZone::Find("Asia/Tokyo");
  const int64_t t = 1776953460;  // 2026-04-23T14:11:00Z
  EXPECT_EQ(tokyo.OffsetSeconds(t), 9 * 3600);
  EXPECT_EQ(tokyo.ToLocal(t), (LocalDateTime{{2026, 4, 23}, 23, 11, 0}));
  EXPECT_EQ(tokyo.ToLocal(t + 3600), (LocalDateTime{{2026, 4, 24}, 0, 11, 0}));
  EXPECT_EQ(TimeZone::Utc().ToLocal(t), (LocalDateTime{{2026, 4, 23}, 14, 11, 0}));
  const TimeZone ny = *TimeZone::Find("America/New_York");
  EXPECT_EQ(ny.ToLocal(t), (LocalDateTime{{2026, 4, 23}, 10, 11, 0}));  // EDT
  EXPECT_EQ(ny.ToLocal(-1), (LocalDateTime{{1969, 12, 31}, 18, 59, 59}));
}

TEST(TimeZone, UtcInstantOfALocalDateTime) {
  const TimeZone tokyo = *TimeZone::Find("Asia/Tokyo");
  EXPECT_EQ(tokyo.ToUtc({{2026, 4, 24}, 0, 0, 0}), 1776956400);  // 2026-04-23T15:00Z
  const TimeZone ny = *TimeZone::Find("America/New_York");
  EXPECT_EQ(ny.ToUtc({{2026, 1, 15}, 0, 0, 0}), 1768453200);  // EST: 05:00Z
  EXPECT_EQ(ny.ToUtc({{2026, 7, 15}, 0, 0, 0}), 1784088000);  // EDT: 04:00Z
}

TEST(TimeZone, RepeatedWallTimeMapsToItsFirstOccurrence) {
  const TimeZone ny = *TimeZone::Find("America/New_York");
  // 2025-11-02 01:30 happens twice; the first is EDT (-4) = 05:30Z.
  EXPECT_EQ(ny.ToUtc({{2025, 11, 2}, 1, 30, 0}), 1762061400);
}

TEST(TimeZone, SkippedMidnightMapsToTheTransition) {
  // Brazil began DST on 2018-11-04 at 00:00 (-03 -> -02): local midnight never happened; the day
  // starts at 03:00Z (01:00 local).
  const TimeZone sp = *TimeZone::Find("America/Sao_Paulo");
  const int64_t start = sp.ToUtc({{2018, 11, 4}, 0, 0, 0});
  EXPECT_EQ(start, 1541300400);
  EXPECT_EQ(sp.ToLocal(start), (LocalDateTime{{2018, 11, 4}, 1, 0, 0}));
  EXPECT_EQ(sp.ToLocal(start - 1).date, (CivilDate{2018, 11, 3}));
}

}  // namespace
}  // namespace common

#include "query/date_functions.h"

#include <gtest/gtest.h>

namespace query {
namespace {

using common::CivilDate;
using common::ErrorCode;

// Thursday 2026-04-23.
constexpr CivilDate kToday{2026, 4, 23};

std::string Show(const common::Result<DateRange>& r) {
  if (!r.ok()) return std::string(common::KintoneCode(r.error().code()));
  return common::FormatDate(r->first) + ".." + common::FormatDate(r->last);
}

TEST(DateFunctions, EvaluateToLocalDayRanges) {
  struct Case {
    FunctionCall call;
    std::string_view expected;
  };
  const Case cases[] = {
      {{"TODAY", {}}, "2026-04-23..2026-04-23"},
      {{"YESTERDAY", {}}, "2026-04-22..2026-04-22"},
      {{"TOMORROW", {}}, "2026-04-24..2026-04-24"},
      {{"FROM_TODAY", {"5", "DAYS"}}, "2026-04-28..2026-04-28"},
      {{"FROM_TODAY", {"-30", "DAYS"}}, "2026-03-24..2026-03-24"},
      {{"FROM_TODAY", {"2", "WEEKS"}}, "2026-05-07..2026-05-07"},
      {{"FROM_TODAY", {"-2", "MONTHS"}}, "2026-02-23..2026-02-23"},
      {{"FROM_TODAY", {"1", "YEARS"}}, "2027-04-23..2027-04-23"},
      {{"THIS_WEEK", {}}, "2026-04-19..2026-04-25"},
      {{"LAST_WEEK", {}}, "2026-04-12..2026-04-18"},
      {{"NEXT_WEEK", {}}, "2026-04-26..2026-05-02"},
      {{"THIS_WEEK", {"SUNDAY"}}, "2026-04-19..2026-04-19"},
      {{"THIS_WEEK", {"SATURDAY"}}, "2026-04-25..2026-04-25"},
      {{"LAST_WEEK", {"MONDAY"}}, "2026-04-13..2026-04-13"},
      {{"NEXT_WEEK", {"FRIDAY"}}, "2026-05-01..2026-05-01"},
      {{"THIS_MONTH", {}}, "2026-04-01..2026-04-30"},
      {{"LAST_MONTH", {}}, "2026-03-01..2026-03-31"},
      {{"NEXT_MONTH", {}}, "2026-05-01..2026-05-31"},
      {{"THIS_MONTH", {"1"}}, "2026-04-01..2026-04-01"},
      {{"THIS_MONTH", {"LAST"}}, "2026-04-30..2026-04-30"},
      {{"THIS_MONTH", {"31"}}, "2026-05-01..2026-05-01"},  // past the end: 1st of next month
      {{"LAST_MONTH", {"31"}}, "2026-03-31..2026-03-31"},
      {{"NEXT_MONTH", {"LAST"}}, "2026-05-31..2026-05-31"},
      {{"THIS_YEAR", {}}, "2026-01-01..2026-12-31"},
      {{"LAST_YEAR", {}}, "2025-01-01..2025-12-31"},
      {{"NEXT_YEAR", {}}, "2027-01-01..2027-12-31"},
      // Errors.
      {{"TODAY", {"1"}}, "GAIA_IL08"},
      {{"FROM_TODAY", {"1"}}, "GAIA_IL08"},
      {{"FROM_TODAY", {"X", "DAYS"}}, "GAIA_IL08"},
      {{"FROM_TODAY", {"1", "HOURS"}}, "GAIA_IQ25"},
      {{"THIS_WEEK", {"FUNDAY"}}, "GAIA_IL08"},
      {{"THIS_WEEK", {"MONDAY", "TUESDAY"}}, "GAIA_IL08"},
      {{"THIS_MONTH", {"0"}}, "GAIA_IQ23"},
      {{"THIS_MONTH", {"32"}}, "GAIA_IQ23"},
      {{"THIS_MONTH", {"FIRST"}}, "GAIA_IQ23"},
      {{"THIS_MONTH", {"1", "2"}}, "GAIA_IL08"},
      {{"THIS_YEAR", {"1"}}, "GAIA_IL08"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Show(EvaluateDateFunction(c.call, kToday)), c.expected) << c.call.name;
  }
}

TEST(DateFunctions, BadDayCarriesTheArgument) {
  auto r = EvaluateDateFunction({"THIS_MONTH", {"0"}}, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), ErrorCode::kBadDayArgument);
  EXPECT_EQ(r.error().args(), std::vector<std::string>{"0"});
}

TEST(DateFunctions, MonthArithmeticClampsToTheMonthEnd) {
  EXPECT_EQ(AddMonths({2026, 1, 31}, 1), (CivilDate{2026, 2, 28}));
  EXPECT_EQ(AddMonths({2024, 3, 31}, -1), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(AddMonths({2026, 1, 15}, -1), (CivilDate{2025, 12, 15}));
  EXPECT_EQ(AddMonths({2026, 1, 15}, -13), (CivilDate{2024, 12, 15}));
  EXPECT_EQ(AddMonths({2024, 2, 29}, 12), (CivilDate{2025, 2, 28}));
  // Month functions at a month edge: today = Jan 31.
  auto r = EvaluateDateFunction({"LAST_MONTH", {}}, {2026, 1, 31});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first, (CivilDate{2025, 12, 1}));
  EXPECT_EQ(r->last, (CivilDate{2025, 12, 31}));
  auto feb = EvaluateDateFunction({"NEXT_MONTH", {"30"}}, {2026, 1, 31});
  ASSERT_TRUE(feb.ok());
  EXPECT_EQ(feb->first, (CivilDate{2026, 3, 2}));
}

TEST(DateFunctions, WeeksStartOnSundayAcrossYearEnds) {
  // Thursday 2026-01-01: this week is Sun 2025-12-28 .. Sat 2026-01-03.
  auto r = EvaluateDateFunction({"THIS_WEEK", {}}, {2026, 1, 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->first, (CivilDate{2025, 12, 28}));
  EXPECT_EQ(r->last, (CivilDate{2026, 1, 3}));
  // On a Sunday, the week starts that day.
  auto sunday = EvaluateDateFunction({"THIS_WEEK", {}}, {2026, 4, 19});
  ASSERT_TRUE(sunday.ok());
  EXPECT_EQ(sunday->first, (CivilDate{2026, 4, 19}));
}

}  // namespace
}  // namespace query

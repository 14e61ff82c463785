#include "query/date_functions.h"

#include <algorithm>
#include <array>
#include <charconv>

namespace query {
namespace {

using common::CivilDate;
using common::CivilFromDays;
using common::DaysFromCivil;
using common::ErrorCode;

constexpr std::array<std::string_view, 7> kWeekdays = {"SUNDAY",   "MONDAY", "TUESDAY", "WEDNESDAY",
                                                       "THURSDAY", "FRIDAY", "SATURDAY"};

common::Error WrongArguments() { return common::Error(ErrorCode::kWrongArgumentCount); }

CivilDate AddDays(CivilDate date, int64_t days) {
  return CivilFromDays(DaysFromCivil(date) + days);
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

DateRange Day(CivilDate d) { return {d, d}; }

// THIS_WEEK() and friends: `week` = 0 this week, -1 last, +1 next.
common::Result<DateRange> Week(const FunctionCall& call, CivilDate today, int week) {
  if (call.args.size() > 1) return WrongArguments();
  const CivilDate sunday = AddDays(today, -common::Weekday(today) + 7 * week);
  if (call.args.empty()) return DateRange{sunday, AddDays(sunday, 6)};
  for (size_t i = 0; i < kWeekdays.size(); ++i) {
    if (call.args[0] == kWeekdays[i]) return Day(AddDays(sunday, static_cast<int64_t>(i)));
  }
  return WrongArguments();
}

// THIS_MONTH() and friends; a day past the month's end rolls over into the next month.
common::Result<DateRange> Month(const FunctionCall& call, CivilDate today, int month) {
  if (call.args.size() > 1) return WrongArguments();
  const CivilDate first = AddMonths({today.year, today.month, 1}, month);
  const int length = common::DaysInMonth(first.year, first.month);
  if (call.args.empty()) return DateRange{first, {first.year, first.month, length}};
  const std::string& arg = call.args[0];
  if (arg == "LAST") return Day({first.year, first.month, length});
  const std::optional<int64_t> day = ParseInt(arg);
  if (!day || *day < 1 || *day > 31) return common::Error(ErrorCode::kBadDayArgument, {arg});
  return Day(AddDays(first, *day - 1));
}

common::Result<DateRange> Year(const FunctionCall& call, CivilDate today, int year) {
  if (!call.args.empty()) return WrongArguments();
  const int y = today.year + year;
  return DateRange{{y, 1, 1}, {y, 12, 31}};
}

common::Result<DateRange> FromToday(const FunctionCall& call, CivilDate today) {
  if (call.args.size() != 2) return WrongArguments();
  const std::optional<int64_t> n = ParseInt(call.args[0]);
  if (!n || *n < -100000 || *n > 100000) return WrongArguments();
  const std::string& unit = call.args[1];
  if (unit == "DAYS") return Day(AddDays(today, *n));
  if (unit == "WEEKS") return Day(AddDays(today, *n * 7));
  if (unit == "MONTHS") return Day(AddMonths(today, *n));
  if (unit == "YEARS") return Day(AddMonths(today, *n * 12));
  return common::Error(ErrorCode::kBadDateUnit);
}

common::Result<DateRange> Relative(const FunctionCall& call, CivilDate today, int days) {
  if (!call.args.empty()) return WrongArguments();
  return Day(AddDays(today, days));
}

}  // namespace

CivilDate AddMonths(CivilDate date, int64_t months) {
  const int64_t index = static_cast<int64_t>(date.year) * 12 + (date.month - 1) + months;
  const int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = static_cast<int>(index - year * 12) + 1;
  const int day = std::min(date.day, common::DaysInMonth(static_cast<int>(year), month));
  return {static_cast<int>(year), month, day};
}

bool IsDateFunction(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "TODAY",      "YESTERDAY",  "TOMORROW",   "FROM_TODAY", "THIS_WEEK", "LAST_WEEK", "NEXT_WEEK",
      "THIS_MONTH", "LAST_MONTH", "NEXT_MONTH", "THIS_YEAR",  "LAST_YEAR", "NEXT_YEAR"};
  for (std::string_view n : kNames) {
    if (n == name) return true;
  }
  return false;
}

common::Result<DateRange> EvaluateDateFunction(const FunctionCall& call, CivilDate today) {
  const std::string& n = call.name;
  if (n == "TODAY") return Relative(call, today, 0);
  if (n == "YESTERDAY") return Relative(call, today, -1);
  if (n == "TOMORROW") return Relative(call, today, 1);
  if (n == "FROM_TODAY") return FromToday(call, today);
  if (n == "THIS_WEEK") return Week(call, today, 0);
  if (n == "LAST_WEEK") return Week(call, today, -1);
  if (n == "NEXT_WEEK") return Week(call, today, 1);
  if (n == "THIS_MONTH") return Month(call, today, 0);
  if (n == "LAST_MONTH") return Month(call, today, -1);
  if (n == "NEXT_MONTH") return Month(call, today, 1);
  if (n == "THIS_YEAR") return Year(call, today, 0);
  if (n == "LAST_YEAR") return Year(call, today, -1);
  if (n == "NEXT_YEAR") return Year(call, today, 1);
  return WrongArguments();
}

}  // namespace query

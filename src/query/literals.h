// Parsers for the literal values a query compares fields with: integers, decimals, dates,
// times and ISO 8601 date-times. Pure and stateless; nullopt on malformed input.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time_zone.h"

namespace query {

// "-12" -> -12. No sign other than '-', no spaces, no decimals.
std::optional<int64_t> ParseIntegerLiteral(std::string_view text);

// "10", "-1.5", "+3", ".5" -> a finite double.
std::optional<double> ParseDecimalLiteral(std::string_view text);

// "2026-04-23" (a real calendar day).
std::optional<common::CivilDate> ParseDateLiteral(std::string_view text);

// "15:31" or "15:31:07" -> "15:31".
std::optional<std::string> ParseTimeLiteral(std::string_view text);

// "2012-02-03", "2012-02-03T09:00", "2012-02-03T09:00:00Z", "…+09:00", "…+0900", "….123Z".
struct DateTimeLiteral {
  common::LocalDateTime local;
  bool has_time = false;
  std::optional<int> offset_seconds;  // none: local time of the caller's zone
};
std::optional<DateTimeLiteral> ParseDateTimeLiteral(std::string_view text);

}  // namespace query

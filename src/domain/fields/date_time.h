// Calendar parsing and formatting for DATE, TIME and DATETIME values and the record
// timestamps (§4.4, §4.9). Proleptic Gregorian calendar, years 0001-9999. Stateless.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace domain {

// "YYYY-MM-DD", completing kintone's short forms: "2024-7-5" -> "2024-07-05",
// "2024-07" -> "2024-07-01", "2024" -> "2024-01-01". nullopt for anything else or an
// impossible date.
std::optional<std::string> ParseDate(std::string_view text);

// "HH:MM" from "H:MM", "HH:MM" or "HH:MM:SS" (seconds ignored).
std::optional<std::string> ParseTime(std::string_view text);

// Unix seconds, UTC, truncated to the minute, from ISO 8601 with `Z`, `±HH:MM` or `±HHMM`
// (no offset means UTC); a date alone means 00:00 UTC of that day.
std::optional<int64_t> ParseDateTime(std::string_view text);

// "YYYY-MM-DDTHH:MM:00Z" (seconds always 00, as kintone emits).
std::string FormatDateTime(int64_t unix_seconds);
// The same as a JSON string, quotes included, appended to `out`: nothing in it needs escaping.
// Records' text writes three per record (created, updated, a DATETIME field).
void AppendDateTimeJson(std::string& out, int64_t unix_seconds);
// "YYYY-MM-DDTHH:MM:SSZ" (comments and history keep their seconds).
std::string FormatDateTimeSeconds(int64_t unix_seconds);

// Days since 1970-01-01 of a civil date, and back.
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t& year, int& month, int& day);

}  // namespace domain

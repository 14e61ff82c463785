// IANA time zones (through ICU) and proleptic-Gregorian calendar arithmetic: the local date-time
// of an instant in a zone, and the UTC instant of a local date-time. A TimeZone is immutable
// once built and cheap to copy; its const methods are safe to call from several threads.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace common {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

struct LocalDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  auto operator<=>(const LocalDateTime&) const = default;
};

// Days since 1970-01-01 (negative before it), and back.
int64_t DaysFromCivil(CivilDate date);
CivilDate CivilFromDays(int64_t days);
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
// 0 = Sunday … 6 = Saturday.
int Weekday(CivilDate date);
// "YYYY-MM-DD" (years 0..9999).
std::string FormatDate(CivilDate date);

class TimeZone {
 public:
  // nullopt when ICU does not know `iana_id` (e.g. "Asia/Tokyo", "UTC", "America/New_York").
  static std::optional<TimeZone> Find(std::string_view iana_id);
  static TimeZone Utc();

  const std::string& id() const;
  // Offset from UTC in seconds at `unix_seconds` (e.g. +32400 for Asia/Tokyo).
  int OffsetSeconds(int64_t unix_seconds) const;
  // The wall-clock date-time in this zone at `unix_seconds`.
  LocalDateTime ToLocal(int64_t unix_seconds) const;
  // The instant at which the wall clock shows `local`. A wall time skipped by a forward
  // transition maps to the transition instant (the first existing moment after the gap); a
  // repeated wall time maps to its first occurrence. So ToUtc({day, 0:00}) is always the
  // earliest instant of `day`.
  int64_t ToUtc(const LocalDateTime& local) const;

 private:
  struct Impl;
  explicit TimeZone(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

}  // namespace common

#include "common/time_zone.h"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/ucal.h>
#include <unicode/unistr.h>

#include <cstdio>

namespace common {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
int64_t DaysFromCivil(CivilDate date) {
  int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t m = date.month;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[(month - 1) % 12];
}

int Weekday(CivilDate date) {
  // 1970-01-01 was a Thursday (4).
  const int64_t shifted = DaysFromCivil(date) + 4;
  return static_cast<int>(shifted - FloorDiv(shifted, 7) * 7);
}

std::string FormatDate(CivilDate date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

struct TimeZone::Impl {
  std::unique_ptr<icu::TimeZone> zone;
  const icu::BasicTimeZone* basic = nullptr;  // zone as a BasicTimeZone when it is one
  std::string id;
};

std::optional<TimeZone> TimeZone::Find(std::string_view iana_id) {
  icu::UnicodeString uid =
      icu::UnicodeString::fromUTF8(icu::StringPiece(iana_id.data(), iana_id.size()));
  auto impl = std::make_shared<Impl>();
  impl->zone.reset(icu::TimeZone::createTimeZone(uid));
  if (!impl->zone) return std::nullopt;
  icu::UnicodeString resolved;
  impl->zone->getID(resolved);
  if (resolved == icu::UnicodeString(UCAL_UNKNOWN_ZONE_ID)) return std::nullopt;
  impl->basic = dynamic_cast<const icu::BasicTimeZone*>(impl->zone.get());
  impl->id = std::string(iana_id);
  return TimeZone(std::move(impl));
}

TimeZone TimeZone::Utc() { return *Find("UTC"); }

const std::string& TimeZone::id() const { return impl_->id; }

int TimeZone::OffsetSeconds(int64_t unix_seconds) const {
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0;
  int32_t dst = 0;
  impl_->zone->getOffset(static_cast<UDate>(unix_seconds) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return (raw + dst) / 1000;
}

LocalDateTime TimeZone::ToLocal(int64_t unix_seconds) const {
  const int64_t local = unix_seconds + OffsetSeconds(unix_seconds);
  const int64_t days = FloorDiv(local, kSecondsPerDay);
  const int64_t secs = local - days * kSecondsPerDay;
  return {CivilFromDays(days), static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
          static_cast<int>(secs % 60)};
}

int64_t TimeZone::ToUtc(const LocalDateTime& local) const {
  const int64_t wall = DaysFromCivil(local.date) * kSecondsPerDay + local.hour * 3600 +
                       local.minute * 60 + local.second;
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0;
  int32_t dst = 0;
  if (impl_->basic != nullptr) {
    // FORMER for both: a skipped wall time uses the offset before the gap (landing on the
    // transition instant or after it), a repeated one its first occurrence.
    impl_->basic->getOffsetFromLocal(static_cast<UDate>(wall) * 1000.0, UCAL_TZ_LOCAL_FORMER,
                                     UCAL_TZ_LOCAL_FORMER, raw, dst, status);
  } else {
    impl_->zone->getOffset(static_cast<UDate>(wall) * 1000.0, true, raw, dst, status);
  }
  if (U_FAILURE(status)) return wall;
  return wall - (raw + dst) / 1000;
}

}  // namespace common

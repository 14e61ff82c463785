#include "domain/fields/date_time.h"

#include <cstring>

namespace domain {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads min_len..max_len digits at `pos`; on failure `pos` is left unchanged.
bool ReadNumber(std::string_view s, size_t& pos, size_t min_len, size_t max_len, int& out) {
  size_t start = pos;
  int v = 0;
  while (pos < s.size() && IsDigit(s[pos]) && pos - start < max_len) v = v * 10 + (s[pos++] - '0');
  if (pos - start < min_len || (pos < s.size() && IsDigit(s[pos]))) {
    pos = start;  // too few digits, or more than allowed
    return false;
  }
  out = v;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool ValidDate(int y, int m, int d) {
  return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

// Appends `v` (0 <= v < 10^width) zero-padded to `width` digits.
void AppendDigits(std::string& out, int64_t v, int width) {
  char digits[8];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

std::string FormatDate(int64_t y, int m, int d) {
  std::string out;
  out.reserve(10);
  AppendDigits(out, y, 4);
  out += '-';
  AppendDigits(out, m, 2);
  out += '-';
  AppendDigits(out, d, 2);
  return out;
}

// Parses the date part at the start of `s`: YYYY[-M[M][-D[D]]]; `pos` moves past it.
bool ReadDate(std::string_view s, size_t& pos, int& y, int& m, int& d) {
  m = 1;
  d = 1;
  if (!ReadNumber(s, pos, 4, 4, y)) return false;
  if (pos < s.size() && s[pos] == '-') {
    ++pos;
    if (!ReadNumber(s, pos, 1, 2, m)) return false;
    if (pos < s.size() && s[pos] == '-') {
      ++pos;
      if (!ReadNumber(s, pos, 1, 2, d)) return false;
    }
  }
  return ValidDate(y, m, d);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t& year, int& month, int& day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = yoe + era * 400 + (month <= 2);
}

std::optional<std::string> ParseDate(std::string_view text) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  int y = 0, m = 0, d = 0;
  if (!ReadDate(s, pos, y, m, d) || pos != s.size()) return std::nullopt;
  return FormatDate(y, m, d);
}

std::optional<std::string> ParseTime(std::string_view text) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  int h = 0, mi = 0, sec = 0;
  if (!ReadNumber(s, pos, 1, 2, h) || pos >= s.size() || s[pos++] != ':') return std::nullopt;
  if (!ReadNumber(s, pos, 2, 2, mi)) return std::nullopt;
  if (pos < s.size()) {
    if (s[pos++] != ':' || !ReadNumber(s, pos, 2, 2, sec)) return std::nullopt;
  }
  if (pos != s.size() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  std::string out;
  out.reserve(5);
  AppendDigits(out, h, 2);
  out += ':';
  AppendDigits(out, mi, 2);
  return out;
}

std::optional<int64_t> ParseDateTime(std::string_view text) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  int y = 0, mo = 0, d = 0;
  if (!ReadDate(s, pos, y, mo, d)) return std::nullopt;
  int h = 0, mi = 0, sec = 0;
  int64_t offset_minutes = 0;
  if (pos < s.size()) {
    if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
    ++pos;
    if (!ReadNumber(s, pos, 2, 2, h) || pos >= s.size() || s[pos++] != ':') return std::nullopt;
    if (!ReadNumber(s, pos, 2, 2, mi)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!ReadNumber(s, pos, 2, 2, sec)) return std::nullopt;
      if (pos < s.size() && s[pos] == '.') {
        ++pos;
        size_t start = pos;
        while (pos < s.size() && IsDigit(s[pos])) ++pos;
        if (pos == start) return std::nullopt;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
    if (pos < s.size()) {
      char c = s[pos++];
      if (c == 'Z' || c == 'z') {
        if (pos != s.size()) return std::nullopt;
      } else if (c == '+' || c == '-') {
        int oh = 0, om = 0;
        if (!ReadNumber(s, pos, 2, 2, oh)) {
          // ±HHMM is four digits in a row.
          size_t p = pos;
          int hhmm = 0;
          if (!ReadNumber(s, p, 4, 4, hhmm)) return std::nullopt;
          pos = p;
          oh = hhmm / 100;
          om = hhmm % 100;
        } else if (pos < s.size() && s[pos] == ':') {
          ++pos;
          if (!ReadNumber(s, pos, 2, 2, om)) return std::nullopt;
        } else if (pos != s.size()) {
          return std::nullopt;
        }
        if (oh > 23 || om > 59 || pos != s.size()) return std::nullopt;
        offset_minutes = (c == '+' ? 1 : -1) * (oh * 60 + om);
      } else {
        return std::nullopt;
      }
    }
  }
  int64_t minutes = DaysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offset_minutes;
  int64_t seconds = minutes * 60;
  // The UTC result must stay within the years we can print.
  if (seconds < DaysFromCivil(1, 1, 1) * 86400 || seconds >= DaysFromCivil(10000, 1, 1) * 86400) {
    return std::nullopt;
  }
  return seconds;
}

namespace {

// "YYYY-MM-DDTHH:MM:00Z" into `p` (20 bytes), digit by digit as AppendDigits writes them.
void WriteDateTime(char* p, int64_t unix_seconds) {
  int64_t days = unix_seconds >= 0 ? unix_seconds / 86400 : (unix_seconds - 86399) / 86400;
  int64_t rest = unix_seconds - days * 86400;
  int64_t y = 0;
  int m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  auto digits = [](char* at, int64_t v, int width) {
    for (int i = width - 1; i >= 0; --i) {
      at[i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
  };
  digits(p, y, 4);
  p[4] = '-';
  digits(p + 5, m, 2);
  p[7] = '-';
  digits(p + 8, d, 2);
  p[10] = 'T';
  digits(p + 11, rest / 3600, 2);
  p[13] = ':';
  digits(p + 14, rest % 3600 / 60, 2);
  std::memcpy(p + 16, ":00Z", 4);
}

}  // namespace

std::string FormatDateTime(int64_t unix_seconds) {
  std::string out(20, '\0');
  WriteDateTime(out.data(), unix_seconds);
  return out;
}

void AppendDateTimeJson(std::string& out, int64_t unix_seconds) {
  char text[22];
  text[0] = '"';
  WriteDateTime(text + 1, unix_seconds);
  text[21] = '"';
  out.append(text, sizeof text);
}

std::string FormatDateTimeSeconds(int64_t unix_seconds) {
  std::string out = FormatDateTime(unix_seconds);
  int64_t seconds = ((unix_seconds % 60) + 60) % 60;
  out.resize(out.size() - 3);  // ":00Z" → ":"
  AppendDigits(out, seconds, 2);
  return out + "Z";
}

}  // namespace domain

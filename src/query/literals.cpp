#include "query/literals.h"

#include <charconv>
#include <cmath>

namespace query {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Exactly `n` digits at text[pos].
std::optional<int> Digits(std::string_view text, size_t pos, size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

// "HH:MM[:SS[.fff]]" at the start of `text`; returns the characters consumed.
size_t ParseClock(std::string_view text, common::LocalDateTime& out) {
  const auto h = Digits(text, 0, 2);
  const auto m = Digits(text, 3, 2);
  if (!h || !m || text.size() < 5 || text[2] != ':' || *h > 23 || *m > 59) return 0;
  out.hour = *h;
  out.minute = *m;
  size_t pos = 5;
  if (pos < text.size() && text[pos] == ':') {
    const auto s = Digits(text, pos + 1, 2);
    if (!s || *s > 59) return 0;
    out.second = *s;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const size_t start = pos;
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      if (pos == start) return 0;
    }
  }
  return pos;
}

}  // namespace

std::optional<int64_t> ParseIntegerLiteral(std::string_view text) {
  if (text.empty() || text[0] == '+') return std::nullopt;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::optional<double> ParseDecimalLiteral(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  size_t i = text[0] == '-' ? 1 : 0;
  size_t digits = 0;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (IsDigit(text[i])) {
      ++digits;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

std::optional<common::CivilDate> ParseDateLiteral(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = Digits(text, 0, 4);
  const auto m = Digits(text, 5, 2);
  const auto d = Digits(text, 8, 2);
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > common::DaysInMonth(*y, *m)) {
    return std::nullopt;
  }
  return common::CivilDate{*y, *m, *d};
}

std::optional<std::string> ParseTimeLiteral(std::string_view text) {
  common::LocalDateTime t;
  const size_t used = ParseClock(text, t);
  if (used == 0 || used != text.size()) return std::nullopt;
  return std::string(text.substr(0, 5));
}

std::optional<DateTimeLiteral> ParseDateTimeLiteral(std::string_view text) {
  DateTimeLiteral out;
  const auto date = ParseDateLiteral(text.substr(0, 10));
  if (!date) return std::nullopt;
  out.local.date = *date;
  if (text.size() == 10) return out;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  std::string_view rest = text.substr(11);
  const size_t used = ParseClock(rest, out.local);
  if (used == 0) return std::nullopt;
  out.has_time = true;
  rest.remove_prefix(used);
  if (rest.empty()) return out;
  if (rest == "Z" || rest == "z") {
    out.offset_seconds = 0;
    return out;
  }
  if (rest[0] != '+' && rest[0] != '-') return std::nullopt;
  const int sign = rest[0] == '-' ? -1 : 1;
  std::optional<int> h = Digits(rest, 1, 2);
  std::optional<int> m;
  if (rest.size() == 6 && rest[3] == ':') {
    m = Digits(rest, 4, 2);
  } else if (rest.size() == 5) {
    m = Digits(rest, 3, 2);
  }
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  out.offset_seconds = sign * (*h * 3600 + *m * 60);
  return out;
}

}  // namespace query

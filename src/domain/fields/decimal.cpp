#include "domain/fields/decimal.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace domain {
namespace {

// value = (negative ? -1 : 1) * digits * 10^exp; digits has no leading or trailing zeros
// and is empty for zero.
struct Parsed {
  bool negative = false;
  std::string digits;
  int64_t exp = 0;
};

constexpr int64_t kExpLimit = int64_t{1} << 40;  // saturate absurd exponents

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::optional<Parsed> Parse(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  Parsed p;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) p.negative = s[i++] == '-';
  int64_t fraction_digits = 0;
  size_t mantissa_digits = 0;
  bool dot = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !dot) {
      dot = true;
      continue;
    }
    if (!IsDigit(c)) break;
    ++mantissa_digits;
    if (dot) ++fraction_digits;
    if (c != '0' || !p.digits.empty()) p.digits += c;
  }
  if (mantissa_digits == 0) return std::nullopt;
  int64_t exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) exp_negative = s[i++] == '-';
    size_t start = i;
    for (; i < s.size() && IsDigit(s[i]); ++i) {
      if (exponent < kExpLimit) exponent = exponent * 10 + (s[i] - '0');
    }
    if (i == start) return std::nullopt;
    if (exp_negative) exponent = -exponent;
  }
  if (i != s.size()) return std::nullopt;
  p.exp = exponent - fraction_digits;
  while (!p.digits.empty() && p.digits.back() == '0') {
    p.digits.pop_back();
    ++p.exp;
  }
  if (p.digits.empty()) {
    p.negative = false;
    p.exp = 0;
  }
  return p;
}

// Adds one unit in the last place of a digit string ("" counts as 0).
void Increment(std::string& digits) {
  for (size_t i = digits.size(); i-- > 0;) {
    if (digits[i] != '9') {
      ++digits[i];
      return;
    }
    digits[i] = '0';
  }
  digits.insert(digits.begin(), '1');
}

void Normalize(Parsed& p) {
  size_t lead = 0;
  while (lead < p.digits.size() && p.digits[lead] == '0') ++lead;
  p.digits.erase(0, lead);
  while (!p.digits.empty() && p.digits.back() == '0') {
    p.digits.pop_back();
    ++p.exp;
  }
  if (p.digits.empty()) {
    p.negative = false;
    p.exp = 0;
  }
}

void Round(Parsed& p, int decimal_places, RoundingMode mode) {
  if (p.digits.empty() || p.exp >= -decimal_places) return;
  int64_t drop = -decimal_places - p.exp;  // digits to remove from the right, > 0
  int64_t n = static_cast<int64_t>(p.digits.size());
  bool increment = false;
  std::string kept;
  if (drop > n) {
    // Everything is below the last kept place and below half of it.
    increment = mode == RoundingMode::kUp;
  } else {
    kept = p.digits.substr(0, static_cast<size_t>(n - drop));
    std::string_view dropped = std::string_view(p.digits).substr(static_cast<size_t>(n - drop));
    switch (mode) {
      case RoundingMode::kDown:
        break;
      case RoundingMode::kUp:
        increment = true;  // dropped digits end in a non-zero digit
        break;
      case RoundingMode::kHalfEven: {
        char first = dropped.front();
        bool odd = !kept.empty() && ((kept.back() - '0') % 2 == 1);
        increment = first > '5' || (first == '5' && (dropped.size() > 1 || odd));
        break;
      }
    }
  }
  if (increment) Increment(kept);
  p.digits = std::move(kept);
  p.exp = -decimal_places;
  Normalize(p);
}

std::string Format(const Parsed& p) {
  if (p.digits.empty()) return "0";
  std::string out;
  if (p.negative) out += '-';
  int64_t n = static_cast<int64_t>(p.digits.size());
  if (p.exp >= 0) {
    out += p.digits;
    out.append(static_cast<size_t>(p.exp), '0');
  } else if (n > -p.exp) {
    size_t int_len = static_cast<size_t>(n + p.exp);
    out.append(p.digits, 0, int_len);
    out += '.';
    out.append(p.digits, int_len);
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-p.exp - n), '0');
    out += p.digits;
  }
  return out;
}

int64_t IntegerDigits(const Parsed& p) {
  if (p.digits.empty()) return 0;
  return std::max<int64_t>(0, static_cast<int64_t>(p.digits.size()) + p.exp);
}

int CompareMagnitude(const Parsed& a, const Parsed& b) {
  if (a.digits.empty() || b.digits.empty()) {
    return a.digits.empty() ? (b.digits.empty() ? 0 : -1) : 1;
  }
  int64_t lead_a = static_cast<int64_t>(a.digits.size()) + a.exp;
  int64_t lead_b = static_cast<int64_t>(b.digits.size()) + b.exp;
  if (lead_a != lead_b) return lead_a < lead_b ? -1 : 1;
  int c = a.digits.compare(b.digits);  // same leading place: digit strings align on the left
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int ParseIntOr(const boost::json::value* v, int fallback, int min, int max) {
  if (v == nullptr) return fallback;
  int64_t n = 0;
  if (v->is_int64()) {
    n = v->get_int64();
  } else if (v->is_uint64()) {
    n = static_cast<int64_t>(std::min<uint64_t>(v->get_uint64(), 1000));
  } else if (v->is_string()) {
    const auto& s = v->get_string();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size()) return fallback;
  } else {
    return fallback;
  }
  return n < min || n > max ? fallback : static_cast<int>(n);
}

}  // namespace

NumberPrecision NumberPrecision::FromJson(const boost::json::value& number_precision) {
  NumberPrecision p;
  const boost::json::object* o = number_precision.if_object();
  if (o == nullptr) return p;
  p.digits = ParseIntOr(o->if_contains("digits"), p.digits, 1, 30);
  p.decimal_places = ParseIntOr(o->if_contains("decimalPlaces"), p.decimal_places, 0, 10);
  if (const boost::json::value* m = o->if_contains("roundingMode"); m && m->is_string()) {
    std::string_view mode = m->get_string();
    if (mode == "UP") p.rounding = RoundingMode::kUp;
    if (mode == "DOWN") p.rounding = RoundingMode::kDown;
    if (mode == "HALF_EVEN") p.rounding = RoundingMode::kHalfEven;
  }
  return p;
}

DecimalStatus CanonicalDecimal(std::string_view text, const NumberPrecision& precision,
                               std::string& out) {
  std::optional<Parsed> p = Parse(text);
  if (!p) return DecimalStatus::kNotANumber;
  int max_integer_digits = std::max(0, precision.digits - precision.decimal_places);
  // Reject before rounding can build anything large; rounding adds at most one digit.
  if (IntegerDigits(*p) > max_integer_digits + 1) return DecimalStatus::kTooManyDigits;
  Round(*p, precision.decimal_places, precision.rounding);
  if (IntegerDigits(*p) > max_integer_digits) return DecimalStatus::kTooManyDigits;
  out = Format(*p);
  return DecimalStatus::kOk;
}

std::optional<std::string> NormalizeDecimal(std::string_view text) {
  std::optional<Parsed> p = Parse(text);
  if (!p) return std::nullopt;
  if (p->exp > 1000 || p->exp < -1000) return std::nullopt;
  return Format(*p);
}

int CompareDecimal(std::string_view a, std::string_view b) {
  Parsed pa = Parse(a).value_or(Parsed{});
  Parsed pb = Parse(b).value_or(Parsed{});
  int sign_a = pa.digits.empty() ? 0 : (pa.negative ? -1 : 1);
  int sign_b = pb.digits.empty() ? 0 : (pb.negative ? -1 : 1);
  if (sign_a != sign_b) return sign_a < sign_b ? -1 : 1;
  int m = CompareMagnitude(pa, pb);
  return sign_a < 0 ? -m : m;
}

std::optional<double> DecimalToDouble(std::string_view canonical) {
  if (canonical.empty()) return std::nullopt;
  double d = 0;
  auto [ptr, ec] = std::from_chars(canonical.data(), canonical.data() + canonical.size(), d);
  if (ec != std::errc() || ptr != canonical.data() + canonical.size()) return std::nullopt;
  return d;
}

std::optional<std::string> JsonNumberText(const boost::json::value& v) {
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  if (v.is_double()) {
    char buf[64];
    auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v.get_double());
    if (ec != std::errc()) return std::nullopt;
    return std::string(buf, ptr);
  }
  return std::nullopt;
}

}  // namespace domain

// Exact decimal arithmetic on number text for NUMBER (and later CALC): parses kintone's
// accepted forms, rounds per the app's numberPrecision, compares. No floating point on the
// way in. Stateless; thread-safe.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace domain {

enum class RoundingMode { kHalfEven, kUp, kDown };

// An app's `numberPrecision` setting (§7.5): significant digits, decimal places, rounding.
struct NumberPrecision {
  int digits = 16;         // 1..30
  int decimal_places = 4;  // 0..10
  RoundingMode rounding = RoundingMode::kHalfEven;

  // From the settings object {"digits":"16","decimalPlaces":"4","roundingMode":"HALF_EVEN"};
  // anything missing or malformed keeps its default.
  static NumberPrecision FromJson(const boost::json::value& number_precision);
};

enum class DecimalStatus { kOk, kNotANumber, kTooManyDigits };

// Parses `text` (surrounding whitespace, sign, '.', exponent e/E) and writes its canonical
// shortest form rounded to `precision` ("1.5e1" -> "15", "-0.50" -> "-0.5", "-0" -> "0").
DecimalStatus CanonicalDecimal(std::string_view text, const NumberPrecision& precision,
                               std::string& out);

// Canonical form without rounding (definition bounds such as minValue); nullopt when `text`
// is not a number or absurdly long.
std::optional<std::string> NormalizeDecimal(std::string_view text);

// Compares two numbers given as text (canonical or not): -1, 0, 1. Unparseable text sorts
// as zero; callers compare canonical values only.
int CompareDecimal(std::string_view a, std::string_view b);

// The nearest double of a canonical decimal, for the REAL sort/range column.
std::optional<double> DecimalToDouble(std::string_view canonical);

// Text of a JSON number as sent by a client (NUMBER accepts numbers as well as strings);
// nullopt for non-numbers.
std::optional<std::string> JsonNumberText(const boost::json::value& v);

}  // namespace domain

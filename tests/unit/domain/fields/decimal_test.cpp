#include "domain/fields/decimal.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace domain {
namespace {

struct CanonicalCase {
  const char* in;
  const char* out;  // nullptr: not a number
};

TEST(Decimal, CanonicalisesWithDefaultPrecision) {
  const CanonicalCase cases[] = {
      {"1.5e1", "15"},
      {" 42 ", "42"},
      {"100", "100"},
      {"12.34567", "12.3457"},
      {"0.00005", "0"},
      {"0.00015", "0.0002"},
      {"0.00025", "0.0002"},
      {"-0.00005", "0"},
      {"-0", "0"},
      {"+7", "7"},
      {"007.500", "7.5"},
      {".5", "0.5"},
      {"5.", "5"},
      {"1E-2", "0.01"},
      {"-1.25e+2", "-125"},
      {"0.000", "0"},
      {"123456789012", "123456789012"},
      {"abc", nullptr},
      {"12abc", nullptr},
      {"1,000", nullptr},
      {"", nullptr},
      {"-", nullptr},
      {".", nullptr},
      {"1e", nullptr},
      {"1e+", nullptr},
      {"1.2.3", nullptr},
      {"--1", nullptr},
      {"0x10", nullptr},
  };
  for (const CanonicalCase& c : cases) {
    std::string out;
    DecimalStatus status = CanonicalDecimal(c.in, NumberPrecision{}, out);
    if (c.out == nullptr) {
      EXPECT_EQ(status, DecimalStatus::kNotANumber) << c.in;
    } else {
      EXPECT_EQ(status, DecimalStatus::kOk) << c.in;
      EXPECT_EQ(out, c.out) << c.in;
    }
  }
}

TEST(Decimal, RoundsPerMode) {
  struct Case {
    const char* in;
    RoundingMode mode;
    int places;
    const char* out;
  };
  const Case cases[] = {
      {"2.5", RoundingMode::kHalfEven, 0, "2"},
      {"3.5", RoundingMode::kHalfEven, 0, "4"},
      {"2.51", RoundingMode::kHalfEven, 0, "3"},
      {"-2.5", RoundingMode::kHalfEven, 0, "-2"},
      {"2.1", RoundingMode::kUp, 0, "3"},
      {"-2.1", RoundingMode::kUp, 0, "-3"},
      {"2.9", RoundingMode::kDown, 0, "2"},
      {"-2.9", RoundingMode::kDown, 0, "-2"},
      {"0.00001", RoundingMode::kUp, 4, "0.0001"},
      {"1e-99999", RoundingMode::kUp, 2, "0.01"},
      {"1e-99999", RoundingMode::kHalfEven, 2, "0"},
      {"9.99", RoundingMode::kHalfEven, 1, "10"},
      {"0.995", RoundingMode::kHalfEven, 2, "1"},
      {"1.005", RoundingMode::kHalfEven, 2, "1"},
  };
  for (const Case& c : cases) {
    std::string out;
    NumberPrecision p{16, c.places, c.mode};
    ASSERT_EQ(CanonicalDecimal(c.in, p, out), DecimalStatus::kOk) << c.in;
    EXPECT_EQ(out, c.out) << c.in;
  }
}

TEST(Decimal, RejectsTooManyIntegerDigits) {
  std::string out;
  EXPECT_EQ(CanonicalDecimal("999999999999", NumberPrecision{}, out), DecimalStatus::kOk);
  EXPECT_EQ(CanonicalDecimal("1234567890123", NumberPrecision{}, out),
            DecimalStatus::kTooManyDigits);
  EXPECT_EQ(CanonicalDecimal("1e12", NumberPrecision{}, out), DecimalStatus::kTooManyDigits);
  EXPECT_EQ(CanonicalDecimal("1e999999999999", NumberPrecision{}, out),
            DecimalStatus::kTooManyDigits);
  // Rounding up may add the digit that overflows.
  EXPECT_EQ(CanonicalDecimal("999999999999.99999", NumberPrecision{}, out),
            DecimalStatus::kTooManyDigits);
  EXPECT_EQ(CanonicalDecimal("12345", NumberPrecision{6, 2, RoundingMode::kHalfEven}, out),
            DecimalStatus::kTooManyDigits);
}

TEST(Decimal, ComparesNumerically) {
  EXPECT_EQ(CompareDecimal("10", "9"), 1);
  EXPECT_EQ(CompareDecimal("-10", "-9"), -1);
  EXPECT_EQ(CompareDecimal("1.50", "1.5"), 0);
  EXPECT_EQ(CompareDecimal("0", "-0.0001"), 1);
  EXPECT_EQ(CompareDecimal("0.001", "0.01"), -1);
  EXPECT_EQ(CompareDecimal("123.4", "123.39"), 1);
  EXPECT_EQ(CompareDecimal("1e3", "999"), 1);
}

TEST(Decimal, NormalizesBoundsWithoutRounding) {
  EXPECT_EQ(NormalizeDecimal("0.000001"), "0.000001");
  EXPECT_EQ(NormalizeDecimal(" -5.0 "), "-5");
  EXPECT_EQ(NormalizeDecimal("x"), std::nullopt);
}

TEST(Decimal, ReadsPrecisionSettings) {
  NumberPrecision p = NumberPrecision::FromJson(
      boost::json::parse(R"({"digits":"20","decimalPlaces":2,"roundingMode":"DOWN"})"));
  EXPECT_EQ(p.digits, 20);
  EXPECT_EQ(p.decimal_places, 2);
  EXPECT_EQ(p.rounding, RoundingMode::kDown);
  NumberPrecision bad = NumberPrecision::FromJson(
      boost::json::parse(R"({"digits":"x","decimalPlaces":"99","roundingMode":"SIDEWAYS"})"));
  EXPECT_EQ(bad.digits, 16);
  EXPECT_EQ(bad.decimal_places, 4);
  EXPECT_EQ(bad.rounding, RoundingMode::kHalfEven);
}

TEST(Decimal, JsonNumbersBecomeText) {
  std::string out;
  std::optional<std::string> text = JsonNumberText(boost::json::parse("12.34567"));
  ASSERT_TRUE(text);
  ASSERT_EQ(CanonicalDecimal(*text, NumberPrecision{}, out), DecimalStatus::kOk);
  EXPECT_EQ(out, "12.3457");
  EXPECT_EQ(JsonNumberText(boost::json::parse("-42")), "-42");
  EXPECT_EQ(JsonNumberText(boost::json::parse("true")), std::nullopt);
  EXPECT_EQ(DecimalToDouble("12.5"), 12.5);
  EXPECT_EQ(DecimalToDouble(""), std::nullopt);
}

}  // namespace
}  // namespace domain

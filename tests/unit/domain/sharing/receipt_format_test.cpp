#include "domain/sharing/receipt_format.h"

#include <gtest/gtest.h>

namespace domain {
namespace {

TEST(ReceiptFormat, PadsTheSequenceAndJoinsPartsWithTheSeparator) {
  ReceiptFormat f;
  f.prefix = "AP";
  f.digits = 6;
  EXPECT_EQ(f.Format("2026", 42), "AP-2026-000042");
  f.prefix = "";
  EXPECT_EQ(f.Format("2026", 7), "2026-000007");
  f.year = ReceiptYear::kNone;
  EXPECT_EQ(f.Format("", 7), "000007");
}

TEST(ReceiptFormat, LongSequencesAreNotTruncated) {
  ReceiptFormat f;
  f.digits = 2;
  EXPECT_EQ(f.Format("2026", 12345), "2026-12345");
}

TEST(ReceiptFormat, FiscalYearStartsInApril) {
  ReceiptFormat f;
  f.year = ReceiptYear::kFiscal;
  EXPECT_EQ(f.Period("2027-03-31"), "2026");
  EXPECT_EQ(f.Period("2027-04-01"), "2027");
  f.year = ReceiptYear::kCalendar;
  EXPECT_EQ(f.Period("2027-03-31"), "2027");
  f.year = ReceiptYear::kNone;
  EXPECT_EQ(f.Period("2027-03-31"), "");
}

TEST(ReceiptFormat, CheckDigitIsLuhnOverYearAndSequence) {
  // 7992739871 is the textbook Luhn example: its check digit is 3.
  EXPECT_EQ(LuhnCheckDigit("7992739871"), '3');
  EXPECT_EQ(LuhnCheckDigit("79-9273-9871"), '3');
  ReceiptFormat f;
  f.check_digit = true;
  f.digits = 6;
  std::string number = f.Format("2026", 1);
  EXPECT_EQ(number, std::string("2026-000001-") + LuhnCheckDigit("2026000001"));
}

TEST(ReceiptFormat, CheckDigitCatchesOneMistypedDigit) {
  std::string good = "2026000123";
  char check = LuhnCheckDigit(good);
  for (size_t i = 0; i < good.size(); ++i) {
    std::string typo = good;
    typo[i] = typo[i] == '9' ? '0' : static_cast<char>(typo[i] + 1);
    EXPECT_NE(LuhnCheckDigit(typo), check) << typo;
  }
}

}  // namespace
}  // namespace domain

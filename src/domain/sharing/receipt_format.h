// Receipt numbers: an app's format settings (prefix, year, zero-padded sequence, optional
// check digit) and the pure formatting of one number. Issuing (the sequence) lives in
// ReceiptService; this file does no I/O. Value types; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace domain {

class FieldSet;

enum class ReceiptYear { kNone, kCalendar, kFiscal };  // fiscal: Japanese 年度, from April

struct ReceiptFormat {
  std::string field;  // code of a unique SINGLE_LINE_TEXT field that receives the number
  std::string prefix;
  ReceiptYear year = ReceiptYear::kCalendar;
  std::string separator = "-";
  int digits = 6;  // zero padding of the sequence (1..12)
  bool check_digit = false;

  // Parses and validates the settings document against the app's live form
  // (CB_VA01 keyed by property name).
  static common::Result<ReceiptFormat> FromJson(const boost::json::object& body,
                                                const FieldSet& form);
  boost::json::object ToJson() const;

  // The sequence period of a local date "YYYY-MM-DD": "" without a year, else the year.
  std::string Period(std::string_view local_date) const;
  // "AP-2026-000042-7": prefix, period, zero-padded sequence and check digit, joined by the
  // separator where both sides are non-empty.
  std::string Format(std::string_view period, int64_t sequence) const;
};

// The Luhn check digit over the decimal digits of `text` (other characters ignored).
char LuhnCheckDigit(std::string_view text);

}  // namespace domain

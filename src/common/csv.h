// RFC 4180 CSV: parsing (a leading UTF-8 BOM is skipped; CRLF or LF line ends; quoted
// fields may hold commas, doubled quotes and line breaks) and writing (fields quoted only
// when needed, CRLF line ends). Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace common {

// One parsed row and the 1-based line of the text it starts on.
struct CsvRow {
  size_t line = 0;
  std::vector<std::string> fields;
};

// The rows of `text`; blank lines are skipped. CB_VA01 keyed `key` with the line number when
// a quoted field is not closed or a closing quote is followed by something else.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, const std::string& key = "csv");

// `fields` as one CSV line ending in CRLF.
std::string FormatCsvRow(const std::vector<std::string>& fields);

inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

}  // namespace common

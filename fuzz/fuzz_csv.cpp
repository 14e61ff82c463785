// CSV import: parse any bytes; what parses must survive a write/parse round trip unchanged.
// A crash input found: a second BOM at the start of the first field, which a writer
// without a leading BOM would lose (exports write one).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto rows = common::ParseCsv(text);
  if (!rows.ok()) return 0;
  // As the exports write it: a BOM first, so a field that itself starts with U+FEFF survives.
  std::string written(common::kUtf8Bom);
  for (const common::CsvRow& row : *rows) written += common::FormatCsvRow(row.fields);
  auto again = common::ParseCsv(written);
  if (!again.ok() || again->size() != rows->size()) std::abort();
  for (size_t i = 0; i < rows->size(); ++i) {
    if ((*again)[i].fields != (*rows)[i].fields) std::abort();
  }
  return 0;
}

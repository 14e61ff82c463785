// The kintone query language: lexer, parser and the two partial parsers the API uses
// (conditions of record ACL filters, sort keys). Any input must give a Query or an Error,
// never a crash, a hang or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "query/lexer.h"
#include "query/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)query::Tokenize(text);
  (void)query::ParseQuery(text);
  (void)query::ParseCondition(text);
  (void)query::ParseSortKeys(text);
  return 0;
}

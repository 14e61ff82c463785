// tsumiki_contains for query tests, whose FTS tables use SQLite's built-in trigram tokenizer:
// an ASCII-case-folded substring test that, like a trigram phrase query, matches nothing for a
// term under three characters. The compiled SQL calls it for records still queued for indexing;
// the real function (storage/sqlite/ngram_tokenizer.h) is checked against the real tokenizer in
// tests/unit/storage.
#pragma once

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace query::testing {

inline void RegisterTrigramContains(sqlite3* db) {
  auto contains = [](sqlite3_context* ctx, int, sqlite3_value** argv) {
    auto text = [](sqlite3_value* v) {
      const unsigned char* t = sqlite3_value_text(v);
      std::string s(t ? reinterpret_cast<const char*>(t) : "");
      std::transform(s.begin(), s.end(), s.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      return s;
    };
    const std::string haystack = text(argv[0]);
    const std::string needle = text(argv[1]);
    sqlite3_result_int(ctx, needle.size() >= 3 && haystack.find(needle) != std::string::npos);
  };
  sqlite3_create_function_v2(db, "tsumiki_contains", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                             contains, nullptr, nullptr, nullptr);
}

}  // namespace query::testing

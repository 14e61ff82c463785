// Splits query text into tokens (§6.1 lexical rules): words (keywords, field codes, function
// names, `$id`, `a.b`), double-quoted strings with escapes, numbers, punctuation. Stateless.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace query {

enum class TokenKind {
  kWord,
  kString,
  kNumber,
  kLParen,
  kRParen,
  kComma,
  kEq,
  kNe,
  kLt,
  kGt,
  kLe,
  kGe,
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;   // kWord: as written; kString: unescaped; kNumber: as written
  size_t offset = 0;  // byte offset in the query, for error details
};

// Tokens ending with one kEnd. Fails with CB_VA01 (errors.query) on a lexical error: single
// quotes, an unknown escape, a raw tab/LF/CR inside a string, an unterminated string, a
// number running into a word, invalid UTF-8, or a stray character.
common::Result<std::vector<Token>> Tokenize(std::string_view text);

// The CB_VA01 error for a malformed query; `detail` goes to the log only.
common::Error QuerySyntaxError(std::string detail);

}  // namespace query

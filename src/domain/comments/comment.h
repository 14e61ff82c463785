// A comment on a record (kintone §5.9) as stored: its author, when, the text as posted
// (mentioned codes prepended, as kintone stores them) and the mentions by code and type.
// Value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace domain {

struct CommentMention {
  std::string code;
  std::string type;  // "USER", "GROUP", "ORGANIZATION"
};

struct StoredComment {
  int64_t id = 0;
  int64_t app = 0;
  int64_t record = 0;
  int64_t creator = 0;     // user id (API tokens: the built-in Administrator)
  int64_t created_at = 0;  // seconds
  std::string text;
  std::vector<CommentMention> mentions;
};

}  // namespace domain

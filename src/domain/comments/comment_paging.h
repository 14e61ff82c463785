// kintone's "older"/"newer" flags of a comments window (§5.9): whether older or newer
// comments exist outside the returned window. Pure.
#pragma once

#include <cstdint>

namespace domain {

struct CommentWindowFlags {
  bool older = false;
  bool newer = false;
};

// `total` comments, a window of `limit` from `offset` in descending (newest first) or
// ascending order. Descending: older = offset+limit < total, newer = offset > 0; ascending
// swaps the two.
CommentWindowFlags CommentFlags(bool ascending, int64_t offset, int64_t limit, int64_t total);

}  // namespace domain

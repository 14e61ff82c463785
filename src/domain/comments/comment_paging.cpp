#include "domain/comments/comment_paging.h"

namespace domain {

CommentWindowFlags CommentFlags(bool ascending, int64_t offset, int64_t limit, int64_t total) {
  bool after = offset + limit < total;  // more comments further along the order
  bool before = offset > 0 && total > 0;
  if (ascending) return {before, after};
  return {after, before};
}

}  // namespace domain

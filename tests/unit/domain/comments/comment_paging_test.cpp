#include "domain/comments/comment_paging.h"

#include <gtest/gtest.h>

namespace domain {
namespace {

TEST(CommentFlags, DescendingFirstPageOfMany) {
  CommentWindowFlags f = CommentFlags(false, 0, 10, 25);
  EXPECT_TRUE(f.older);
  EXPECT_FALSE(f.newer);
}

TEST(CommentFlags, DescendingLastPage) {
  CommentWindowFlags f = CommentFlags(false, 20, 10, 25);
  EXPECT_FALSE(f.older);
  EXPECT_TRUE(f.newer);
}

TEST(CommentFlags, WindowEndingExactlyAtTheLastComment) {
  CommentWindowFlags f = CommentFlags(false, 0, 3, 3);
  EXPECT_FALSE(f.older);
  EXPECT_FALSE(f.newer);
}

// The spec's verified example: 3 comments, order=asc&offset=1&limit=1 → the middle one,
// older and newer both true.
TEST(CommentFlags, AscendingMiddleComment) {
  CommentWindowFlags f = CommentFlags(true, 1, 1, 3);
  EXPECT_TRUE(f.older);
  EXPECT_TRUE(f.newer);
}

TEST(CommentFlags, AscendingSwapsTheFlags) {
  CommentWindowFlags f = CommentFlags(true, 0, 2, 5);  // the two oldest
  EXPECT_FALSE(f.older);
  EXPECT_TRUE(f.newer);
  f = CommentFlags(true, 3, 2, 5);  // the two newest
  EXPECT_TRUE(f.older);
  EXPECT_FALSE(f.newer);
}

TEST(CommentFlags, NoComments) {
  CommentWindowFlags f = CommentFlags(false, 0, 10, 0);
  EXPECT_FALSE(f.older);
  EXPECT_FALSE(f.newer);
}

}  // namespace
}  // namespace domain

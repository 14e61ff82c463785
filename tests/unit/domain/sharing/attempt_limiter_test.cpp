#include "domain/sharing/attempt_limiter.h"

#include <gtest/gtest.h>

namespace domain {
namespace {

TEST(AttemptLimiter, BlocksAfterTheLimitUntilTheBlockEnds) {
  AttemptLimiter limiter;
  AttemptLimit limit{3, 60};
  EXPECT_EQ(limiter.Count("a", limit, 1000), 0);
  EXPECT_EQ(limiter.Count("a", limit, 1001), 0);
  EXPECT_EQ(limiter.Count("a", limit, 1002), 0);  // the third reaches the limit
  EXPECT_GT(limiter.RetryAfter("a", 1003), 0);
  EXPECT_GT(limiter.Count("a", limit, 1003), 0);
  EXPECT_EQ(limiter.RetryAfter("b", 1003), 0) << "other keys are unaffected";
  EXPECT_EQ(limiter.RetryAfter("a", 1002 + 60), 0);
  EXPECT_EQ(limiter.Count("a", limit, 1002 + 60), 0);
}

TEST(AttemptLimiter, RepeatOffencesDoubleTheBlock) {
  AttemptLimiter limiter;
  AttemptLimit limit{2, 100};
  int64_t now = 0;
  (void)limiter.Count("k", limit, now);
  (void)limiter.Count("k", limit, now);
  EXPECT_EQ(limiter.RetryAfter("k", now), 100);
  now = 100;
  (void)limiter.Count("k", limit, now);
  (void)limiter.Count("k", limit, now);
  EXPECT_EQ(limiter.RetryAfter("k", now), 200);
  now = 300;
  (void)limiter.Count("k", limit, now);
  (void)limiter.Count("k", limit, now);
  EXPECT_EQ(limiter.RetryAfter("k", now), 400);
}

TEST(AttemptLimiter, AttemptsSpreadOverWindowsAreAllowed) {
  AttemptLimiter limiter;
  AttemptLimit limit{3, 10};
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(limiter.Count("k", limit, i * 10), 0);
    EXPECT_EQ(limiter.Count("k", limit, i * 10 + 1), 0);
  }
}

TEST(AttemptLimiter, ZeroMeansUnlimited) {
  AttemptLimiter limiter;
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(limiter.Count("k", AttemptLimit{0, 10}, 5), 0);
}

TEST(AttemptLimiter, ForgetsIdleKeysWhenFullButKeepsBlocks) {
  AttemptLimiter limiter(4);
  AttemptLimit limit{1, 10};
  (void)limiter.Count("blocked", limit, 0);
  for (int i = 0; i < 10; ++i) (void)limiter.Count("k" + std::to_string(i), AttemptLimit{5, 10}, 1);
  EXPECT_GT(limiter.RetryAfter("blocked", 2), 0);
}

}  // namespace
}  // namespace domain

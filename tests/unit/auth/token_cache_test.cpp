// TokenCache: verified token sets are served from memory until they expire or a revocation
// invalidates them, and a lookup that raced with a revocation never stores its stale result.
#include "auth/token_cache.h"

#include <gtest/gtest.h>

namespace auth {
namespace {

domain::Principal TokenPrincipal(int64_t app) {
  domain::Principal p;
  p.via_token = true;
  p.user_id = 1;
  p.tokens.push_back(domain::TokenGrant{app, true, false, false, false, false});
  return p;
}

TEST(TokenCacheTest, ServesAStoredPrincipalUntilItExpires) {
  TokenCache cache;
  const std::string key = TokenCache::Key({"h1", "h2"});
  EXPECT_EQ(key, "h1,h2");
  EXPECT_FALSE(cache.Find(key, 100));
  cache.Put(key, TokenPrincipal(7), 100, cache.Generation());
  auto hit = cache.Find(key, 100 + TokenCache::kTtlSeconds - 1);
  ASSERT_TRUE(hit);
  ASSERT_EQ(hit->tokens.size(), 1u);
  EXPECT_EQ(hit->tokens[0].app_id, 7);
  EXPECT_FALSE(cache.Find(key, 100 + TokenCache::kTtlSeconds));
  // The same tokens in another order, or one of them alone, are other keys.
  EXPECT_FALSE(cache.Find(TokenCache::Key({"h2", "h1"}), 100));
  EXPECT_FALSE(cache.Find(TokenCache::Key({"h1"}), 100));
}

TEST(TokenCacheTest, InvalidateForgetsEverything) {
  TokenCache cache;
  cache.Put("a", TokenPrincipal(1), 0, cache.Generation());
  cache.Put("b", TokenPrincipal(2), 0, cache.Generation());
  cache.Invalidate();
  EXPECT_FALSE(cache.Find("a", 1));
  EXPECT_FALSE(cache.Find("b", 1));
}

TEST(TokenCacheTest, ALookupThatStartedBeforeARevocationIsNotStored) {
  TokenCache cache;
  const uint64_t before = cache.Generation();  // the lookup begins reading the database
  cache.Invalidate();                          // a token is revoked meanwhile
  cache.Put("a", TokenPrincipal(1), 0, before);
  EXPECT_FALSE(cache.Find("a", 1));
  cache.Put("a", TokenPrincipal(1), 0, cache.Generation());
  EXPECT_TRUE(cache.Find("a", 1));
}

}  // namespace
}  // namespace auth

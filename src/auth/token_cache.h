// API-token sets verified recently -> the Principal they make, so that a token-authenticated
// request (scripts, integrations: most API traffic) costs no database read. Thread-safe.
//
// Revocation must take effect at once: the revoking call bumps the generation after its
// commit (Invalidate), which empties the cache, and an entry is only stored when no
// invalidation happened since its lookup began (the caller captures Generation() before
// reading the database). Entries also expire, for what the token principal copies from the
// built-in user (its name).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/permissions/principal.h"

namespace auth {

class TokenCache {
 public:
  static constexpr int64_t kTtlSeconds = 60;
  static constexpr size_t kMaxEntries = 10000;

  // The cache key of a request's tokens, from their keyed digests (KeyedDigest), in order: not
  // the tokens themselves, so the cache keeps no secret a memory dump could use; and not their
  // SHA-256, which only the database lookup needs and which cost ~4% of a token-authenticated
  // look-up when computed on every hit.
  static std::string Key(const std::vector<std::string>& token_digests);

  std::optional<domain::Principal> Find(const std::string& key, int64_t now) const;
  uint64_t Generation() const;
  // Stores `principal` unless Invalidate() ran after `generation` was read.
  void Put(const std::string& key, const domain::Principal& principal, int64_t now,
           uint64_t generation);
  // Forgets everything; lookups that started before do not store their result.
  void Invalidate();

 private:
  struct Entry {
    domain::Principal principal;
    int64_t expires_at = 0;
  };
  mutable std::mutex mutex_;
  uint64_t generation_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace auth

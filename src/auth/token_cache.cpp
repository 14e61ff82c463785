#include "auth/token_cache.h"

namespace auth {

std::string TokenCache::Key(const std::vector<std::string>& token_digests) {
  std::string key;
  for (const std::string& h : token_digests) {
    if (!key.empty()) key += ',';
    key += h;
  }
  return key;
}

std::optional<domain::Principal> TokenCache::Find(const std::string& key, int64_t now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.expires_at <= now) return std::nullopt;
  return it->second.principal;
}

uint64_t TokenCache::Generation() const {
  std::lock_guard lock(mutex_);
  return generation_;
}

void TokenCache::Put(const std::string& key, const domain::Principal& principal, int64_t now,
                     uint64_t generation) {
  std::lock_guard lock(mutex_);
  if (generation != generation_) return;
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = Entry{principal, now + kTtlSeconds};
}

void TokenCache::Invalidate() {
  std::lock_guard lock(mutex_);
  ++generation_;
  entries_.clear();
}

}  // namespace auth

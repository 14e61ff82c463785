#include "auth/token_cache.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

namespace auth {

std::string TokenCache::Key(const std::vector<std::string>& tokens) {
  static const std::array<unsigned char, crypto_shorthash_siphashx24_KEYBYTES> secret = [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
    std::array<unsigned char, crypto_shorthash_siphashx24_KEYBYTES> k;
    randombytes_buf(k.data(), k.size());
    return k;
  }();
  std::string key(tokens.size() * crypto_shorthash_siphashx24_BYTES, '\0');
  for (size_t i = 0; i < tokens.size(); ++i) {
    crypto_shorthash_siphashx24(
        reinterpret_cast<unsigned char*>(key.data()) + i * crypto_shorthash_siphashx24_BYTES,
        reinterpret_cast<const unsigned char*>(tokens[i].data()), tokens[i].size(), secret.data());
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

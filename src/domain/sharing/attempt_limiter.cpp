#include "domain/sharing/attempt_limiter.h"

#include <algorithm>

namespace domain {

namespace {
constexpr int64_t kMaxBlockSeconds = 24 * 3600;
}

int64_t AttemptLimiter::RetryAfter(std::string_view key, int64_t now) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(std::string(key));
  if (it == entries_.end() || it->second.blocked_until <= now) return 0;
  return it->second.blocked_until - now;
}

int64_t AttemptLimiter::Count(std::string_view key, const AttemptLimit& limit, int64_t now) {
  if (limit.max <= 0) return 0;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_keys_) PruneLocked(now);
  Entry& e = entries_[std::string(key)];
  e.last_seen = now;
  if (e.blocked_until > now) return e.blocked_until - now;
  if (now - e.window_start >= limit.window) {
    e.window_start = now;
    e.attempts = 0;
    // A key that stayed quiet for a whole block period is forgiven its earlier strikes.
    if (e.blocked_until > 0 && now - e.blocked_until >= limit.window) e.strikes = 0;
  }
  if (++e.attempts >= limit.max) {
    int64_t block = limit.window << std::min(e.strikes, 16);
    e.blocked_until = now + std::min(block, kMaxBlockSeconds);
    ++e.strikes;
    e.attempts = 0;
    e.window_start = e.blocked_until;
  }
  return 0;
}

void AttemptLimiter::PruneLocked(int64_t now) {
  // Forget keys that are neither blocked nor seen within the last day; if that frees too
  // little (a flood of distinct keys), forget all unblocked keys.
  std::erase_if(entries_, [now](const auto& kv) {
    return kv.second.blocked_until <= now && now - kv.second.last_seen > kMaxBlockSeconds;
  });
  if (entries_.size() >= max_keys_) {
    std::erase_if(entries_, [now](const auto& kv) { return kv.second.blocked_until <= now; });
  }
}

}  // namespace domain

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
  e.window = limit.window;
  if (e.blocked_until > now) return e.blocked_until - now;
  if (now - e.window_start >= limit.window) {
    e.window_start = now;
    e.attempts = 0;
    e.unshared = 0;
    // A key that stayed quiet for a whole block period is forgiven its earlier strikes.
    if (e.blocked_until > 0 && now - e.blocked_until >= limit.window) e.strikes = 0;
  }
  e.changed = true;
  ++e.unshared;
  if (++e.attempts >= limit.max) {
    int64_t block = limit.window << std::min(e.strikes, 16);
    e.blocked_until = now + std::min(block, kMaxBlockSeconds);
    ++e.strikes;
    // The block is what the other processes need; the attempts that led to it are spent.
    e.attempts = 0;
    e.unshared = 0;
    e.window_start = e.blocked_until;
  }
  return 0;
}

std::vector<AttemptState> AttemptLimiter::TakeDeltas() {
  std::vector<AttemptState> out;
  std::lock_guard lock(mutex_);
  for (auto& [key, e] : entries_) {
    if (!e.changed) continue;
    out.push_back({key, e.window_start, e.window, e.unshared, e.blocked_until, e.strikes});
    e.unshared = 0;
    e.changed = false;
  }
  return out;
}

void AttemptLimiter::Restore(const std::vector<AttemptState>& deltas) {
  std::lock_guard lock(mutex_);
  for (const AttemptState& d : deltas) {
    auto it = entries_.find(d.key);
    if (it == entries_.end()) continue;
    Entry& e = it->second;
    if (e.window_start == d.window_start) e.unshared += d.attempts;
    e.changed = true;
  }
}

void AttemptLimiter::Merge(const std::vector<AttemptState>& shared, int64_t now) {
  std::lock_guard lock(mutex_);
  for (const AttemptState& s : shared) {
    if (entries_.size() >= max_keys_) PruneLocked(now);
    Entry& e = entries_[s.key];
    e.last_seen = std::max(e.last_seen, now);
    e.window = std::max(e.window, s.window);
    if (s.blocked_until > e.blocked_until) e.blocked_until = s.blocked_until;
    e.strikes = std::max(e.strikes, s.strikes);
    if (s.window_start >= e.window_start + e.window) {
      // Another process has started a newer window.
      e.window_start = s.window_start;
      e.attempts = s.attempts + e.unshared;
    } else if (e.window_start < s.window_start + s.window) {
      e.attempts = std::max(e.attempts, s.attempts + e.unshared);
    }
  }
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

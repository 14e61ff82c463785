// Counts attempts per key in fixed windows and blocks a key that reaches its limit, with a
// block that doubles on every repeat offence (back-off, capped at a day). Used for the
// per-address and per-key limits of public pages. Counting is in memory (a look-up must not
// wait for a write); the counters are shared with the database about once a second
// (SyncAttempts), so that every server process sees the others' attempts and a restart
// forgets nothing. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace domain {

struct AttemptLimit {
  int64_t max = 10;      // attempts per window; 0 = unlimited
  int64_t window = 600;  // seconds
};

// One key's counters as stored for every process. As a delta (TakeDeltas), `attempts` counts
// only the attempts since the last sync.
struct AttemptState {
  std::string key;
  int64_t window_start = 0;
  int64_t window = 0;  // seconds
  int64_t attempts = 0;
  int64_t blocked_until = 0;
  int strikes = 0;
};

class AttemptLimiter {
 public:
  explicit AttemptLimiter(size_t max_keys = 200000) : max_keys_(max_keys) {}

  // Seconds until `key` may try again, 0 when it may now.
  int64_t RetryAfter(std::string_view key, int64_t now) const;
  // Counts one attempt of `key`: refused (returns RetryAfter > 0) while the key is blocked;
  // otherwise allowed (0), and the attempt that reaches `limit.max` blocks the key for the
  // attempts after it.
  int64_t Count(std::string_view key, const AttemptLimit& limit, int64_t now);

  // What changed since the last call, and marks it shared.
  std::vector<AttemptState> TakeDeltas();
  // Gives back deltas that could not be stored, to be sent with the next sync.
  void Restore(const std::vector<AttemptState>& deltas);
  // Takes in the shared counters (this process's own included): attempts of the same window
  // are the shared total plus what was counted here since; blocks and strikes the larger.
  void Merge(const std::vector<AttemptState>& shared, int64_t now);

 private:
  struct Entry {
    int64_t window_start = 0;
    int64_t window = 0;
    int64_t attempts = 0;
    int64_t blocked_until = 0;
    int strikes = 0;  // blocks so far; the next block lasts window * 2^strikes
    int64_t last_seen = 0;
    int64_t unshared = 0;  // attempts not yet in a delta
    bool changed = false;  // has something for the next delta
  };
  void PruneLocked(int64_t now);

  mutable std::mutex mutex_;  // guards entries_
  std::unordered_map<std::string, Entry> entries_;
  size_t max_keys_;
};

}  // namespace domain

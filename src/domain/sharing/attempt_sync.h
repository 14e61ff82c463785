// Shares an AttemptLimiter's counters through the database: every server process runs one,
// about once a second, so that the processes behind one proxy add up each other's attempts
// and a restart keeps blocks and strikes. A look-up itself never waits for this.
#pragma once

#include <cstdint>
#include <mutex>

#include "common/clock.h"
#include "common/result.h"
#include "domain/sharing/attempt_limiter.h"
#include "domain/transaction.h"

namespace domain {

class AttemptSync {
 public:
  AttemptSync(AttemptLimiter& limiter, TransactionRunner& db, const common::Clock& clock)
      : limiter_(limiter), db_(db), clock_(clock) {}

  // Pushes what this process counted since the last run, pulls what any process changed
  // since then (everything on the first run), and every few minutes forgets rows that have
  // been quiet and unblocked for a day. After a failed write the counts wait for the next run.
  common::Status Run();

 private:
  AttemptLimiter& limiter_;
  TransactionRunner& db_;
  const common::Clock& clock_;
  std::mutex mutex_;  // one run at a time; guards the fields below
  int64_t pulled_from_ = 0;
  int64_t pruned_at_ = 0;
};

}  // namespace domain

#include "domain/sharing/attempt_sync.h"

#include "domain/sharing/public_page.h"

namespace domain {

namespace {
constexpr int64_t kKeepQuietRowsSeconds = 24 * 3600;
constexpr int64_t kPruneEverySeconds = 300;
}  // namespace

common::Status AttemptSync::Run() {
  std::lock_guard lock(mutex_);
  int64_t now = clock_.NowSeconds();
  std::vector<AttemptState> deltas = limiter_.TakeDeltas();
  std::vector<AttemptState> shared;
  bool prune = now - pruned_at_ >= kPruneEverySeconds;
  auto work = [&](Transaction& tx) -> common::Status {
    if (!deltas.empty()) TK_RETURN_IF_ERROR(tx.sharing().MergeAttempts(deltas, now));
    if (prune) TK_RETURN_IF_ERROR(tx.sharing().PruneAttempts(now, now - kKeepQuietRowsSeconds));
    TK_ASSIGN_OR_RETURN(shared, tx.sharing().LoadAttempts(pulled_from_));
    return common::Status::Ok();
  };
  // Nothing to store: a read snapshot is enough (and does not queue at the writer).
  common::Status s = deltas.empty() && !prune ? db_.Read(work) : db_.Write(work);
  if (!s.ok()) {
    limiter_.Restore(deltas);
    return s;
  }
  if (prune) pruned_at_ = now;
  // Stamps are whole seconds and another process may still write in this one: the next
  // run reads it again (merging a row twice changes nothing).
  pulled_from_ = now;
  limiter_.Merge(shared, now);
  return common::Status::Ok();
}

}  // namespace domain

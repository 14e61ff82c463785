// In-memory count columns: for the apps and fields that totalCount queries filter on, one int64
// per record (query/count_plan.h encodes the values), so that a count over a million records
// is a scan of a few arrays (milliseconds) instead of an index walk (hundreds of ms to seconds).
//
// Columns are read on first use by a background loader (the count that asked is answered in
// SQL meanwhile) and then kept exact by change capture on the single writer: every row of
// r{A} a transaction touches is re-read inside that transaction, just before COMMIT, and
// applied once it commits. A deploy (apps.live_revision changes) drops the app's columns. Loads
// started before a commit replay the rows it changed, so no commit is ever missed. Memory is
// bounded: least recently used columns are dropped beyond the budget. The columns held at
// shutdown are listed in a small file next to the database and loaded again at the next start,
// so that counts after a restart or an upgrade do not each wait for a first use.
//
// Thread-safe: Count from any thread; RowChanged/AppChanged/BeforeCommit/AfterCommit/
// RolledBack from the writer's thread only.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"
#include "query/count_plan.h"
#include "storage/database.h"

namespace storage {

class CountIndex {
 public:
  // Reads columns through `db` (its read transactions). 64 MB holds six columns of 1,000,000
  // records. `warm_path`: the list of columns held at shutdown, written there by the destructor
  // and loaded in the background after LoadListed() ("" = none). It is only a hint: a missing,
  // unreadable or outdated list (an app or field since deleted) costs nothing but the load.
  explicit CountIndex(Database& db, size_t budget_bytes = size_t{64} << 20,
                      std::string warm_path = "");
  ~CountIndex();
  CountIndex(const CountIndex&) = delete;
  CountIndex& operator=(const CountIndex&) = delete;

  // The number of records of `app` satisfying `plan` when every column it reads is in memory;
  // otherwise nullopt (count in SQL) and the missing columns are queued for loading.
  std::optional<int64_t> Count(int64_t app, const query::CountPlan& plan);

  // An aggregate's rows: for each combination of `groups`' keys held by records satisfying
  // `filter`, the keys' texts and how many records hold it, ordered by the texts as SQL's
  // ORDER BY orders them (bytes). nullopt as for Count.
  using GroupRow = std::pair<std::vector<std::string>, int64_t>;
  std::optional<std::vector<GroupRow>> CountGroups(int64_t app, const query::CountPlan& filter,
                                                   const std::vector<query::CountGroup>& groups);

  // Change capture (writer thread): a row of r{app} was inserted, updated or deleted; the
  // apps row `app` was written.
  void RowChanged(int64_t app, int64_t id);
  void AppChanged(int64_t app);
  // Inside the write transaction, just before COMMIT: reads what the changed rows now hold.
  void BeforeCommit(Connection& writer);
  // After COMMIT succeeded: applies what BeforeCommit read.
  void AfterCommit();
  // The transaction was rolled back (or its COMMIT failed): forgets its changes.
  void RolledBack();
  // A transaction committed without BeforeCommit (autocommit): drops the apps it touched.
  void CommittedUnread();

  // Queues the columns listed at the last shutdown. Not in the constructor: the loads read
  // through `db`, whose connections must already know this index.
  void LoadListed();

  // Tests and benchmarks: waits until no load is queued or running; bytes held.
  void WaitIdle();
  size_t bytes() const;

 private:
  struct Column;
  struct AppColumns;
  struct Loading;
  struct Capture;
  using ColumnMap = std::map<query::CountColumn, std::shared_ptr<Column>>;

  void Loader();
  void QueueWarmList();
  void SaveWarmList();
  void Load(int64_t app, const std::vector<query::CountColumn>& wanted);
  common::Status ReadRows(Connection& c, int64_t app, const std::vector<query::CountColumn>& cols,
                          const std::vector<int64_t>* ids, AppColumns& into);
  void Install(int64_t app, AppColumns&& built, const std::vector<query::CountColumn>& wanted);
  void Evict(int64_t keep_app, uint64_t installed);
  // Locks with writers first: a writer waiting for mu_ holds gate_, so new counts queue
  // behind it instead of starving it (glibc's rwlock prefers readers).
  std::unique_lock<std::shared_mutex> Exclusive() const;
  std::shared_lock<std::shared_mutex> Shared() const;
  // Whether every column of `wanted` is in memory (stamping them as used); if not, the missing
  // ones are queued for loading.
  bool Ready(int64_t app, const std::vector<query::CountColumn>& wanted);
  // Calls `each(a, from, to)` per chunk of words under the shared lock; false when the app's
  // columns went away meanwhile (a deploy, an eviction).
  template <typename Each>
  bool InChunks(int64_t app, const std::vector<query::CountColumn>& columns, Each&& each) const;
  // Matches among the slots of words [from, to) of `a`, a bit per slot.
  static std::vector<uint64_t> Evaluate(const AppColumns& a, const query::CountPlan& plan,
                                        size_t from, size_t to);
  static std::vector<uint64_t> TermBits(const AppColumns& a, const query::CountTerm& t, size_t from,
                                        size_t to);

  // Whether one column up to record id `id` fits the budget (ids are slots: a column is as
  // long as the largest id, whatever the number of records).
  bool Fits(int64_t id) const { return id >= 0 && static_cast<uint64_t>(id) <= budget_ / 8; }

  Database& db_;
  const size_t budget_;
  const std::string warm_path_;

  mutable std::mutex gate_;       // see Exclusive()
  mutable std::shared_mutex mu_;  // guards everything below up to the writer-only part
  std::unordered_map<int64_t, std::unique_ptr<AppColumns>> apps_;
  std::unordered_map<int64_t, Loading> loading_;
  std::set<std::pair<int64_t, query::CountColumn>> refused_;  // values they cannot encode
  bool commit_in_flight_ = false;  // between BeforeCommit and AfterCommit/RolledBack
  std::atomic<uint64_t> tick_{0};  // LRU clock

  // Writer thread only.
  std::unique_ptr<Capture> capture_;

  // The loader thread and its queue.
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<std::pair<int64_t, std::vector<query::CountColumn>>> queue_;
  bool loading_now_ = false;
  std::pair<int64_t, std::vector<query::CountColumn>> in_progress_;  // while loading_now_
  bool stopping_ = false;
  std::atomic<bool> abandon_{false};
  std::thread loader_;
};

}  // namespace storage

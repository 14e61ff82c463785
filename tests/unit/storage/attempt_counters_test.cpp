// Rate-limit counters shared through a real SQLite database (AttemptSync): two limiters stand
// for two server processes on one database, a third for a process started after a restart.
// Attempts of the same window add up across processes, a block reaches every process, a
// restart keeps blocks and strikes, a failed sync loses no attempts, and quiet rows go.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "domain/fields/field_type_registry.h"
#include "domain/sharing/attempt_sync.h"
#include "storage/migrations.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/sqlite_database.h"
#include "temp_sqlite.h"

namespace storage {
namespace {

using domain::AttemptLimit;
using domain::AttemptLimiter;
using domain::AttemptSync;

class FakeClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now.load()));
  }
  std::atomic<int64_t> now{1'800'000'000};
};

class AttemptCountersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_ = std::make_unique<TempSqlite>("attempts");
    ASSERT_TRUE(temp_->db);
    db_ = temp_->db.get();
    tx_ = std::make_unique<SqlTransactionRunner>(*db_, registry_);
  }
  void TearDown() override {
    tx_.reset();
    temp_.reset();
  }
  int64_t now() const { return clock_.now.load(); }
  int64_t Rows() {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](Connection& c) -> common::Status {
                     TK_ASSIGN_OR_RETURN(auto rows,
                                         c.Query("SELECT count(*) FROM attempt_counters"));
                     n = rows[0].Int(0);
                     return common::Status::Ok();
                   })
                    .ok());
    return n;
  }

  domain::FieldTypeRegistry registry_;
  std::unique_ptr<TempSqlite> temp_;
  sqlite::SqliteDatabase* db_ = nullptr;
  std::unique_ptr<SqlTransactionRunner> tx_;
  FakeClock clock_;
};

TEST_F(AttemptCountersTest, AttemptsOfTwoProcessesAddUpAndTheBlockReachesBoth) {
  AttemptLimiter a, b;
  AttemptSync sync_a(a, *tx_, clock_), sync_b(b, *tx_, clock_);
  AttemptLimit limit{5, 600};
  for (int i = 0; i < 2; ++i) EXPECT_EQ(a.Count("addr:1", limit, now()), 0);
  for (int i = 0; i < 2; ++i) EXPECT_EQ(b.Count("addr:1", limit, now()), 0);
  ASSERT_TRUE(sync_a.Run().ok());
  ASSERT_TRUE(sync_b.Run().ok());
  ASSERT_TRUE(sync_a.Run().ok());
  // Four attempts so far between them: the fifth, in either process, reaches the limit.
  clock_.now += 1;
  EXPECT_EQ(a.Count("addr:1", limit, now()), 0);
  EXPECT_GT(a.RetryAfter("addr:1", now()), 0);
  EXPECT_EQ(b.RetryAfter("addr:1", now()), 0) << "not shared yet";
  ASSERT_TRUE(sync_a.Run().ok());
  ASSERT_TRUE(sync_b.Run().ok());
  EXPECT_EQ(b.RetryAfter("addr:1", now()), 600);
  EXPECT_GT(b.Count("addr:1", limit, now()), 0);
  EXPECT_EQ(b.RetryAfter("other", now()), 0);
}

TEST_F(AttemptCountersTest, ARestartKeepsBlocksAndStrikes) {
  AttemptLimit limit{2, 100};
  {
    AttemptLimiter before;
    AttemptSync sync(before, *tx_, clock_);
    (void)before.Count("key:R-1", limit, now());
    (void)before.Count("key:R-1", limit, now());
    EXPECT_EQ(before.RetryAfter("key:R-1", now()), 100);
    ASSERT_TRUE(sync.Run().ok());  // what the server does when it stops
  }
  AttemptLimiter after;
  AttemptSync sync(after, *tx_, clock_);
  ASSERT_TRUE(sync.Run().ok());  // what the server does when it opens
  EXPECT_EQ(after.RetryAfter("key:R-1", now()), 100);
  // The next offence after the block doubles it: the strike was kept too.
  clock_.now += 100;
  (void)after.Count("key:R-1", limit, now());
  (void)after.Count("key:R-1", limit, now());
  EXPECT_EQ(after.RetryAfter("key:R-1", now()), 200);
}

TEST_F(AttemptCountersTest, AttemptsOfAnEndedWindowDoNotCountInTheNext) {
  AttemptLimiter a, b;
  AttemptSync sync_a(a, *tx_, clock_), sync_b(b, *tx_, clock_);
  AttemptLimit limit{3, 60};
  (void)a.Count("k", limit, now());
  (void)a.Count("k", limit, now());
  ASSERT_TRUE(sync_a.Run().ok());
  clock_.now += 61;  // a's window is over
  (void)b.Count("k", limit, now());
  ASSERT_TRUE(sync_b.Run().ok());
  ASSERT_TRUE(sync_a.Run().ok());
  (void)a.Count("k", limit, now());
  EXPECT_EQ(a.RetryAfter("k", now()), 0) << "two attempts in the new window, limit three";
  (void)a.Count("k", limit, now());
  EXPECT_GT(a.RetryAfter("k", now()), 0);
}

TEST_F(AttemptCountersTest, AFailedSyncKeepsTheAttemptsForTheNextOne) {
  AttemptLimiter a, b;
  AttemptSync sync_b(b, *tx_, clock_);
  AttemptLimit limit{3, 600};
  (void)a.Count("k", limit, now());
  (void)a.Count("k", limit, now());
  auto deltas = a.TakeDeltas();
  ASSERT_EQ(deltas.size(), 1u);
  EXPECT_EQ(deltas[0].attempts, 2);
  a.Restore(deltas);  // the write failed: the attempts are in the next delta again
  auto again = a.TakeDeltas();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
  a.Restore(again);
  AttemptSync sync_a(a, *tx_, clock_);
  ASSERT_TRUE(sync_a.Run().ok());
  ASSERT_TRUE(sync_b.Run().ok());
  (void)b.Count("k", limit, now());
  EXPECT_GT(b.RetryAfter("k", now()), 0) << "a's two attempts reached b";
}

TEST_F(AttemptCountersTest, QuietUnblockedRowsAreForgottenAfterADay) {
  AttemptLimiter a;
  AttemptSync sync(a, *tx_, clock_);
  AttemptLimit limit{100, 60};
  (void)a.Count("quiet", limit, now());
  ASSERT_TRUE(sync.Run().ok());
  EXPECT_EQ(Rows(), 1);
  clock_.now += 24 * 3600 + 1;
  ASSERT_TRUE(sync.Run().ok());
  EXPECT_EQ(Rows(), 0);
}

}  // namespace
}  // namespace storage

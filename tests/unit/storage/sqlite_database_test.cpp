#include "storage/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/migrations.h"

namespace storage::sqlite {
namespace {

using common::Error;
using common::Status;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tsumiki-db-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = SqliteDatabase::Open({(dir_ / "t.db").string()});
    ASSERT_TRUE(db.ok()) << db.error().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(
        db_->Write([](Connection& c) { return c.ExecuteScript("CREATE TABLE t (v INTEGER)"); })
            .ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  int64_t Count() {
    int64_t n = -1;
    Status s = db_->Read([&](Connection& c) -> Status {
      TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT count(*) FROM t"));
      n = rows[0].Int(0);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteDatabase> db_;
};

TEST_F(SqliteDatabaseTest, FailedWriteLeavesNothing) {
  Status s = db_->Write([](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.Execute("INSERT INTO t VALUES (?)", {int64_t{1}}));
    return Error::Internal("boom");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(SqliteDatabaseTest, ExceptionInWriteRollsBack) {
  Status s = db_->Write([](Connection& c) -> Status {
    (void)c.Execute("INSERT INTO t VALUES (?)", {int64_t{1}});
    throw std::runtime_error("unexpected");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(SqliteDatabaseTest, NestedWritesJoinTheOuterTransaction) {
  Status s = db_->Write([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.Execute("INSERT INTO t VALUES (1)"));
    TK_RETURN_IF_ERROR(
        db_->Write([](Connection& inner) { return inner.Execute("INSERT INTO t VALUES (2)"); }));
    // A failing nested write undoes only itself…
    Status failed = db_->Write([](Connection& inner) -> Status {
      TK_RETURN_IF_ERROR(inner.Execute("INSERT INTO t VALUES (3)"));
      return Error::Internal("inner failure");
    });
    EXPECT_FALSE(failed.ok());
    // …and reads inside the write see the write's own changes.
    int64_t seen = 0;
    TK_RETURN_IF_ERROR(db_->Read([&](Connection& r) -> Status {
      TK_ASSIGN_OR_RETURN(auto rows, r.Query("SELECT count(*) FROM t"));
      seen = rows[0].Int(0);
      return Status::Ok();
    }));
    EXPECT_EQ(seen, 2);
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_EQ(Count(), 2);
}

TEST_F(SqliteDatabaseTest, OuterFailureUndoesCommittedNestedWrites) {
  Status s = db_->Write([&](Connection&) -> Status {
    TK_RETURN_IF_ERROR(
        db_->Write([](Connection& inner) { return inner.Execute("INSERT INTO t VALUES (1)"); }));
    return Error::Internal("later request of the batch failed");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(Count(), 0);
}

TEST_F(SqliteDatabaseTest, BadSqlIsAnInternalErrorNotACrash) {
  Status s = db_->Write([](Connection& c) { return c.Execute("INSERT INTO nowhere VALUES (1)"); });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), common::ErrorCode::kInternal);
  EXPECT_NE(s.error().detail().find("nowhere"), std::string::npos);
}

TEST_F(SqliteDatabaseTest, MigrationsAreIdempotent) {
  ASSERT_TRUE(Migrate(*db_).ok());
  ASSERT_TRUE(Migrate(*db_).ok());
  Status s = db_->Read([](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT max(version) FROM schema_version"));
    EXPECT_EQ(rows[0].Int(0), LatestSchemaVersion());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

// Writes that queue behind a running one commit together, each in its own savepoint: the one
// that fails is undone alone, the others are all stored, and each caller gets its own result.
TEST_F(SqliteDatabaseTest, GroupedWritesFailAlone) {
  std::mutex m;
  std::condition_variable cv;
  bool started = false, release = false;
  int64_t commits_before = db_->commits();
  std::thread first([&] {
    Status s = db_->Write([&](Connection& c) -> Status {
      TK_RETURN_IF_ERROR(c.Execute("INSERT INTO t VALUES (1)"));
      std::unique_lock lock(m);
      started = true;
      cv.notify_all();
      cv.wait(lock, [&] { return release; });
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return started; });  // `first` holds the writer
  }
  std::vector<Status> results(3);
  std::vector<std::thread> queued;
  for (int i = 0; i < 3; ++i) {
    queued.emplace_back([&, i] {
      results[static_cast<size_t>(i)] = db_->Write([i](Connection& c) -> Status {
        TK_RETURN_IF_ERROR(c.Execute("INSERT INTO t VALUES (?)", {int64_t{10 + i}}));
        if (i == 1) return Error::Internal("this one fails");
        return Status::Ok();
      });
    });
  }
  for (int tries = 0; db_->queued_writes() < 3 && tries < 1000; ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(db_->queued_writes(), 3u);
  {
    std::lock_guard lock(m);
    release = true;
  }
  cv.notify_all();
  first.join();
  for (std::thread& t : queued) t.join();
  EXPECT_TRUE(results[0].ok());
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].error().detail(), "this one fails");
  EXPECT_TRUE(results[2].ok());
  // The first write's transaction, then the three queued ones in one more.
  EXPECT_EQ(db_->commits(), commits_before + 2);
  Status s = db_->Read([](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto rows,
                        c.Query("SELECT group_concat(v) FROM (SELECT v FROM t ORDER BY v)"));
    EXPECT_EQ(rows[0].Text(0), "1,10,12");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

// The background checkpointer empties the WAL when writes stop, and stops with the database.
TEST(SqliteCheckpointer, TruncatesTheWalWhenIdleAndStopsCleanly) {
  auto dir =
      std::filesystem::temp_directory_path() / ("tsumiki-ckpt-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SqliteOptions options;
  options.path = (dir / "t.db").string();
  options.checkpoint_pages = 2;
  options.checkpoint_idle_ms = 50;
  auto opened = SqliteDatabase::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  auto db = std::move(opened).value();
  ASSERT_TRUE(
      db->Write([](Connection& c) { return c.ExecuteScript("CREATE TABLE t (v TEXT)"); }).ok());
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(db->Write([i](Connection& c) {
                    return c.Execute("INSERT INTO t VALUES (?)",
                                     {std::string(3000, static_cast<char>('a' + i % 26))});
                  }).ok());
  }
  auto wal = dir / "t.db-wal";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::filesystem::file_size(wal) > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(std::filesystem::file_size(wal), 0u);
  // Everything reached the database file: a fresh reader without the WAL sees it.
  auto started = std::chrono::steady_clock::now();
  db.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  auto reopened = SqliteDatabase::Open({options.path});
  ASSERT_TRUE(reopened.ok());
  Status s = (*reopened)->Read([](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT count(*) FROM t"));
    EXPECT_EQ(rows[0].Int(0), 50);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
  reopened->reset();
  std::filesystem::remove_all(dir);
}

// Under writes that never pause, the writer is almost never free when the checkpointer polls
// for it: without the writers stepping aside for it, the WAL grew without bound (207 MB and
// rising during a 1M-record load).
TEST(SqliteCheckpointer, KeepsTheWalBoundedUnderWritesThatNeverPause) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tsumiki-ckpt-bound-test-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SqliteOptions options;
  options.path = (dir / "t.db").string();
  options.checkpoint_pages = 200;
  auto opened = SqliteDatabase::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.error().ToString();
  auto db = std::move(opened).value();
  ASSERT_TRUE(db->Write([](Connection& c) {
                  return c.ExecuteScript("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
                }).ok());
  std::atomic<bool> stop{false};
  std::atomic<int64_t> next{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      while (!stop) {
        // Random keys: every write dirties pages all over the table, like an index on a date.
        (void)db->Write([&](Connection& c) -> Status {
          for (int i = 0; i < 20; ++i) {
            const int64_t k = (next.fetch_add(1) * 7919) % 50000;
            TK_RETURN_IF_ERROR(c.Execute("INSERT OR REPLACE INTO t VALUES (?, ?)",
                                         {k, std::string(200, static_cast<char>('a' + k % 26))}));
          }
          return Status::Ok();
        });
      }
    });
  }
  auto wal = dir / "t.db-wal";
  uintmax_t largest = 0;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < until) {
    std::error_code ec;
    largest = std::max(largest, std::filesystem::file_size(wal, ec));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  stop = true;
  for (std::thread& t : writers) t.join();
  EXPECT_GT(next.load(), 20000) << "the writers did write";
  // 200 pages to start a checkpoint, 400 to start the WAL over: ~14 MB seen on an idle machine,
  // where unbounded growth reached 861 MB. The bound leaves room for a loaded test machine.
  EXPECT_LT(largest, uintmax_t{25000} * 4120) << "largest WAL: " << largest << " bytes";
  db.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace storage::sqlite

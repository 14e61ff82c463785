// The WAL VFS gathers frame writes: what it writes must be, byte for byte in effect, what SQLite
// asked for. Checked where a mistake would show: another connection reading each commit the
// moment it is published, a process that dies without closing (the next open recovers the WAL
// from its checksums, so a misplaced or late byte loses transactions), transactions larger than
// the page cache (spilled frames, frames rewritten in place, checksums recomputed), rollbacks
// and WAL restarts.
#include "storage/sqlite/wal_write_vfs.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>

namespace storage::sqlite {
namespace {

class WalWriteVfsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(RegisterWalWriteVfs().ok());
    dir_ = std::filesystem::temp_directory_path() /
           ("tsumiki-wal-vfs-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  sqlite3* Open() {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    return db;
  }
  static void Exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << sql << ": " << (err ? err : "");
  }
  static int64_t Int(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    int64_t value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return value;
  }
  static std::string Text(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string value;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return value;
  }

  // The numbers 1..n as a table `s(value)` (generate_series is not in Debian's library).
  static std::string Series(int n) {
    return "(WITH RECURSIVE s(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM s WHERE value "
           "< " +
           std::to_string(n) + ") SELECT value FROM s)";
  }

  // Rows of ~1 KB under a random-key index: commits of many frames, pages rewritten often.
  static void Fill(sqlite3* db, int transactions, int rows_per_transaction) {
    for (int t = 0; t < transactions; ++t) {
      Exec(db, "BEGIN IMMEDIATE");
      Exec(db, "INSERT INTO t (k, v) SELECT abs(random()) % 1000000, randomblob(1000) FROM " +
                   Series(rows_per_transaction));
      Exec(db, "UPDATE total SET n = n + " + std::to_string(rows_per_transaction));
      Exec(db, "COMMIT");
    }
  }
  static void Schema(sqlite3* db) {
    Exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0");
    Exec(db,
         "CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v BLOB); CREATE INDEX t_k ON "
         "t(k); CREATE TABLE total (n INTEGER); INSERT INTO total VALUES (0)");
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(WalWriteVfsTest, IsTheDefaultVfs) {
  EXPECT_STREQ(sqlite3_vfs_find(nullptr)->zName, "tsumiki-wal");
  ASSERT_TRUE(RegisterWalWriteVfs().ok());  // twice is fine
  EXPECT_STREQ(sqlite3_vfs_find(nullptr)->zName, "tsumiki-wal");
}

TEST_F(WalWriteVfsTest, AnotherConnectionSeesEachCommitWhole) {
  sqlite3* writer = Open();
  Schema(writer);
  std::atomic<bool> done{false};
  std::atomic<int> mismatches{0};
  std::atomic<int> reads{0};
  std::thread reader([&] {
    sqlite3* db = Open();
    while (!done.load()) {
      Exec(db, "BEGIN");
      // Rows and the total are written in the same transaction: a reader that got pages of a
      // commit not yet in the file would see them disagree (or a malformed page).
      const int64_t rows = Int(db, "SELECT count(*) FROM t");
      const int64_t total = Int(db, "SELECT n FROM total");
      const int64_t indexed = Int(db, "SELECT count(*) FROM t INDEXED BY t_k WHERE k >= 0");
      Exec(db, "COMMIT");
      if (rows != total || indexed != total) mismatches.fetch_add(1);
      reads.fetch_add(1);
    }
    sqlite3_close(db);
  });
  Fill(writer, 200, 50);
  done.store(true);
  reader.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(Text(writer, "PRAGMA integrity_check"), "ok");
  sqlite3_close(writer);
}

TEST_F(WalWriteVfsTest, ADeadProcessLosesNoCommittedTransaction) {
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // A small cache: a transaction larger than it spills frames before its commit and rewrites
    // some of them in place, so SQLite recomputes their checksums at the commit.
    sqlite3* db = Open();
    Schema(db);
    Exec(db, "PRAGMA cache_size=20");
    Fill(db, 30, 40);
    Exec(db, "BEGIN IMMEDIATE");
    Exec(db, "INSERT INTO t (k, v) SELECT value, randomblob(1000) FROM " + Series(3000));
    Exec(db, "UPDATE t SET v = randomblob(900) WHERE id % 3 = 0");
    Exec(db, "UPDATE total SET n = n + 3000");
    Exec(db, "COMMIT");
    // A transaction rolled back after spilling, then more commits over its frames.
    Exec(db, "BEGIN IMMEDIATE");
    Exec(db, "INSERT INTO t (k, v) SELECT value, randomblob(1000) FROM " + Series(2000));
    Exec(db, "ROLLBACK");
    Fill(db, 5, 10);
    ::_exit(::testing::Test::HasFailure() ? 1 : 0);  // no close: the WAL stays, unchecked
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  sqlite3* db = Open();
  EXPECT_EQ(Int(db, "SELECT count(*) FROM t"), 30 * 40 + 3000 + 5 * 10);
  EXPECT_EQ(Int(db, "SELECT n FROM total"), 30 * 40 + 3000 + 5 * 10);
  EXPECT_EQ(Int(db, "SELECT count(*) FROM t WHERE length(v) = 900"), (30 * 40 + 3000) / 3);
  EXPECT_EQ(Text(db, "PRAGMA integrity_check"), "ok");
  sqlite3_close(db);
}

TEST_F(WalWriteVfsTest, TheWalStartsOverAfterACheckpoint) {
  sqlite3* db = Open();
  Schema(db);
  sqlite3* other = Open();
  for (int round = 0; round < 5; ++round) {
    Fill(db, 10, 30);
    // From another connection, as the server's checkpointer does: the writer's next commit
    // writes a new WAL header at offset 0 and its frames from the start again.
    ASSERT_EQ(
        sqlite3_wal_checkpoint_v2(
            other, nullptr, round % 2 ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_RESTART,
            nullptr, nullptr),
        SQLITE_OK);
  }
  Fill(db, 3, 30);
  EXPECT_EQ(Int(other, "SELECT count(*) FROM t"), 5 * 10 * 30 + 3 * 30);
  EXPECT_EQ(Int(other, "SELECT n FROM total"), 5 * 10 * 30 + 3 * 30);
  sqlite3_close(other);
  sqlite3_close(db);
  db = Open();
  EXPECT_EQ(Text(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(Int(db, "SELECT count(*) FROM t"), 5 * 10 * 30 + 3 * 30);
  sqlite3_close(db);
}

}  // namespace
}  // namespace storage::sqlite

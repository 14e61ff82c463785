#include "storage/sqlite/sqlite_database.h"

#include <gtest/gtest.h>

#include <filesystem>

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
    ASSERT_TRUE(db_->Write([](Connection& c) {
                      return c.ExecuteScript("CREATE TABLE t (v INTEGER)");
                    }).ok());
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
    TK_RETURN_IF_ERROR(db_->Write([](Connection& inner) {
      return inner.Execute("INSERT INTO t VALUES (2)");
    }));
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
    TK_RETURN_IF_ERROR(db_->Write([](Connection& inner) {
      return inner.Execute("INSERT INTO t VALUES (1)");
    }));
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

}  // namespace
}  // namespace storage::sqlite

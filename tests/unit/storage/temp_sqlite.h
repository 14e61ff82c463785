// A SQLite database file in a fresh temporary directory named for the running test (and the
// process, so parallel test runs do not meet), migrated to the latest schema unless asked
// not to; the directory goes with the object. For tests of storage on real files.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "storage/migrations.h"
#include "storage/sqlite/sqlite_database.h"

namespace storage {

struct TempSqlite {
  explicit TempSqlite(const std::string& prefix, bool migrate = true) {
    dir = std::filesystem::temp_directory_path() /
          ("tsumiki-" + prefix + "-test-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = sqlite::SqliteDatabase::Open({(dir / "t.db").string()});
    if (!opened.ok()) {
      ADD_FAILURE() << opened.error().ToString();
      return;
    }
    db = std::move(opened).value();
    if (migrate) {
      EXPECT_TRUE(Migrate(*db).ok());
    }
  }
  ~TempSqlite() {
    db.reset();
    std::filesystem::remove_all(dir);
  }
  TempSqlite(const TempSqlite&) = delete;
  TempSqlite& operator=(const TempSqlite&) = delete;

  std::filesystem::path dir;
  std::unique_ptr<sqlite::SqliteDatabase> db;
};

}  // namespace storage

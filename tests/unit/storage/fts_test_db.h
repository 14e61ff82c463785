// An in-memory SQLite database with the tsumiki tokenizer and one indexed text field
// (r1.f3 -> r1_f3_fts), for the search tests. One per test; not thread-safe.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/fts_schema.h"
#include "storage/sqlite/ngram_tokenizer.h"

namespace storage::sqlite {

class FtsTestDb {
 public:
  FtsTestDb() {
    EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    EXPECT_TRUE(RegisterNgramTokenizer(db_).ok());
  }
  ~FtsTestDb() { sqlite3_close(db_); }
  FtsTestDb(const FtsTestDb&) = delete;
  FtsTestDb& operator=(const FtsTestDb&) = delete;

  sqlite3* handle() { return db_; }

  // r1 with an indexed text field f3 and an unindexed f4.
  void CreateRecordTable() {
    Exec("CREATE TABLE r1 (id INTEGER PRIMARY KEY, f3 TEXT NOT NULL DEFAULT '', f4 TEXT)");
    for (const std::string& sql : FtsDdl(1, 3, "r1")) Exec(sql);
  }

  void Exec(const std::string& sql) {
    char* error = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << sql << ": " << (error ? error : "");
    sqlite3_free(error);
  }

  // Runs `sql` with text parameters; returns the first column of every row as text.
  std::vector<std::string> Column(const std::string& sql, std::vector<std::string_view> params) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(db_);
      return out;
    }
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                        static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
    }
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      out.emplace_back(text ? std::string(text, sqlite3_column_bytes(stmt, 0)) : "");
    }
    EXPECT_EQ(rc, SQLITE_DONE) << sql << ": " << sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return out;
  }

  void Insert(int64_t id, std::string_view text) {
    Column("INSERT INTO r1 (id, f3) VALUES (" + std::to_string(id) + ", ?)", {text});
  }
  void Update(int64_t id, std::string_view text) {
    Column("UPDATE r1 SET f3 = ? WHERE id = " + std::to_string(id), {text});
  }
  void Delete(int64_t id) { Exec("DELETE FROM r1 WHERE id = " + std::to_string(id)); }

  // Ids of r1 whose f3 contains `term`, ascending, as the `like` compiler will ask for them.
  std::vector<int64_t> Find(std::string_view term, int64_t app = 1, int64_t field = 3) {
    std::vector<int64_t> ids;
    std::optional<std::string> phrase = FtsPhrase(term);
    if (!phrase) {
      ADD_FAILURE() << "blank term: " << term;
      return ids;
    }
    for (const std::string& id :
         Column(FtsMatchSql(app, field) + " ORDER BY rowid", {std::string_view(*phrase)})) {
      ids.push_back(std::stoll(id));
    }
    return ids;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace storage::sqlite

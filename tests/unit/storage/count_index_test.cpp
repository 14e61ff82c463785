// The in-memory count columns against SQL on a real database: every plannable query counts
// the same as its SQL, before and after inserts, updates, deletes, rollbacks, grouped commits,
// loads racing writers, deploys and evictions.
#include "storage/count_index.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "../query/test_schema.h"
#include "query/aggregate_compiler.h"
#include "query/compiler.h"
#include "query/sqlite_dialect.h"
#include "temp_sqlite.h"

namespace storage {
namespace {

using common::SqlNull;
using common::SqlValue;

constexpr std::string_view kSchema = R"sql(
INSERT INTO apps (id, name, creator, created_at, modifier, modified_at, revision, live_revision)
  VALUES (1, 'counts', 1, 0, 1, 0, 1, 1);
CREATE TABLE r1 (id INTEGER PRIMARY KEY, revision INTEGER NOT NULL DEFAULT 1,
  creator INTEGER, modifier INTEGER, created_at INTEGER, updated_at INTEGER, status TEXT,
  assignees TEXT NOT NULL DEFAULT '[]', f10 TEXT NOT NULL DEFAULT '',
  f14 TEXT NOT NULL DEFAULT '', f14_n REAL, f17 TEXT, f18 TEXT, f20 TEXT, f21 TEXT, f22 INTEGER);
CREATE TABLE r1_history (id INTEGER PRIMARY KEY, record_id INTEGER);
)sql";

constexpr const char* kInsert =
    "INSERT OR REPLACE INTO r1 (id, creator, modifier, created_at, updated_at, status, f10, "
    "f14_n, f17, f18, f20, f21, f22) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// Every query the columns answer; each must count exactly as its SQL does.
const std::vector<std::string> kQueries = {
    "",
    "drop in (\"high\")",
    "drop in (\"high\", \"\")",
    "drop not in (\"high\", \"mid\")",
    "drop not in (\"\")",
    "drop in (\"\")",
    "radio in (\"r1\")",
    "radio not in (\"r2\")",
    "ステータス = \"未処理\"",
    "ステータス != \"完了\"",
    "ステータス in (\"未処理\", \"処理中\")",
    "ステータス not in (\"完了\", \"\")",
    "num = 10",
    "num != 10",
    "num > 3",
    "num >= -2.5",
    "num < 0",
    "num <= 0",
    "num = \"\"",
    "num != \"\"",
    "num > 100000000000000000000",
    "num in (0, 3, \"\")",
    "date = \"2026-04-23\"",
    "date != \"2026-04-23\"",
    "date > \"2026-04-22\"",
    "date < TODAY()",
    "date <= THIS_MONTH()",
    "date >= FROM_TODAY(-7, DAYS)",
    "date = THIS_MONTH()",
    "date != THIS_MONTH()",
    "date > THIS_MONTH()",
    "date = \"\"",
    "date != \"\"",
    "time = \"12:00\"",
    "time < \"09:30\"",
    "time >= \"23:59\"",
    "dt = \"2026-04-23\"",
    "dt > \"2026-04-23T10:00:00Z\"",
    "dt < TODAY()",
    "dt >= THIS_MONTH()",
    "dt = \"\"",
    "dt != TODAY()",
    "作成日時 >= \"2026-04-01\"",
    "更新日時 < NOW()",
    "作成者 in (LOGINUSER())",
    "更新者 not in (\"sato\")",
    "レコード番号 > 100",
    "レコード番号 <= 50",
    "$id in (1, 5, 7, 4000)",
    "drop in (\"high\") and date >= \"2026-04-01\"",
    "(num > 3 or radio in (\"r1\")) and ステータス != \"完了\"",
    "drop in (\"high\") or (date = \"\" and num < 0)",
    "drop not in (\"low\") and radio not in (\"r1\") and time != \"\"",
};

class CountIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(temp_.db->Write([](Connection& c) { return c.ExecuteScript(kSchema); }).ok());
    index_ = IndexOf(*temp_.db);
    ASSERT_NE(index_, nullptr);
  }

  static CountIndex* IndexOf(Database& db) {
    CountIndex* index = nullptr;
    EXPECT_TRUE(db.Read([&](Connection& c) {
                    index = c.count_index();
                    return common::Status::Ok();
                  }).ok());
    return index;
  }

  // Closes the fixture's database and opens it again, listing its count columns in `list`.
  void Reopen(const std::string& list) {
    index_ = nullptr;
    temp_.db.reset();
    sqlite::SqliteOptions options{(temp_.dir / "t.db").string()};
    options.count_columns_list = list;
    auto db = sqlite::SqliteDatabase::Open(options);
    ASSERT_TRUE(db.ok());
    temp_.db = std::move(db).value();
    index_ = IndexOf(*temp_.db);
    ASSERT_NE(index_, nullptr);
  }

  std::vector<SqlValue> RandomRow(int64_t id) {
    auto pick = [&](const std::vector<SqlValue>& values) {
      return values[std::uniform_int_distribution<size_t>(0, values.size() - 1)(random_)];
    };
    auto instant = [&]() -> SqlValue {
      if (random_() % 10 == 0) return SqlNull{};
      return query::testing::kNow +
             std::uniform_int_distribution<int64_t>(-60, 10)(random_) * 86400 +
             std::uniform_int_distribution<int64_t>(0, 86399)(random_);
    };
    const std::string date =
        "2026-0" + std::to_string(3 + random_() % 3) + "-" + std::to_string(10 + random_() % 19);
    const std::string time =
        std::to_string(10 + random_() % 14) + ":" + std::to_string(10 + random_() % 50);
    return {id,
            pick({int64_t{101}, int64_t{102}, int64_t{103}}),
            pick({int64_t{101}, int64_t{102}}),
            instant(),
            instant(),
            pick({std::string("未処理"), std::string("処理中"), std::string("完了"), SqlNull{}}),
            pick({std::string("apple"), std::string("")}),
            pick({-1e300, -2.5, -0.0, 0.0, 3.0, 10.0, 0.1 + 0.2, 1e21, int64_t{7}, SqlNull{}}),
            pick({std::string("r1"), std::string("r2"), SqlNull{}}),
            pick({std::string("high"), std::string("mid"), std::string("low"), SqlNull{}}),
            random_() % 8 == 0 ? SqlValue(SqlNull{}) : SqlValue(date),
            random_() % 8 == 0 ? SqlValue(SqlNull{}) : SqlValue(time),
            instant()};
  }

  common::Status Insert(Connection& c, int64_t id) {
    const std::vector<SqlValue> row = RandomRow(id);
    return c.Execute(kInsert, Params(row.data(), row.size()));
  }

  void Fill(int64_t from, int64_t to) {
    ASSERT_TRUE(temp_.db
                    ->Write([&](Connection& c) -> common::Status {
                      for (int64_t id = from; id <= to; ++id) TK_RETURN_IF_ERROR(Insert(c, id));
                      return common::Status::Ok();
                    })
                    .ok());
  }

  query::CompiledQuery Compile(const std::string& text) {
    auto q = query::CompileQuery(text, schema_, context_, dialect_);
    EXPECT_TRUE(q.ok()) << text;
    return q.ok() ? *q : query::CompiledQuery{};
  }

  int64_t SqlCount(const query::CompiledQuery& q) {
    const query::SqlFragment sql = query::AssembleCount(q);
    int64_t n = -1;
    EXPECT_TRUE(temp_.db
                    ->Read([&](Connection& c) -> common::Status {
                      TK_ASSIGN_OR_RETURN(auto rows, c.Query(sql.sql, sql.params));
                      n = rows[0].Int(0);
                      return common::Status::Ok();
                    })
                    .ok());
    return n;
  }

  // Every query counts as its SQL; `loaded`: the columns must already be in memory.
  void ExpectAllMatch(const std::string& when, bool loaded = false, CountIndex* index = nullptr) {
    if (!index) index = index_;
    for (const std::string& text : kQueries) {
      const query::CompiledQuery q = Compile(text);
      ASSERT_NE(q.count_plan, nullptr) << text;
      std::optional<int64_t> n = index->Count(1, *q.count_plan);
      if (!n && !loaded) {
        index->WaitIdle();
        n = index->Count(1, *q.count_plan);
      }
      ASSERT_TRUE(n.has_value()) << when << ": " << text;
      EXPECT_EQ(*n, SqlCount(q)) << when << ": " << text;
    }
  }

  TempSqlite temp_{"count-index"};
  CountIndex* index_ = nullptr;
  std::mt19937_64 random_{42};
  query::testing::TestSchema schema_;
  query::testing::TestEntities entities_;
  query::QueryContext context_ = query::testing::TestContext(&entities_);
  query::SqliteDialect dialect_;
};

TEST_F(CountIndexTest, CountsLikeSqlOnceLoaded) {
  Fill(1, 3000);
  Fill(199990, 200010);  // counted in several chunks of 65,536 records
  ExpectAllMatch("loaded");
  EXPECT_GT(index_->bytes(), 3000u * 8);
}

TEST_F(CountIndexTest, StaysExactThroughInsertsUpdatesDeletesAndRollbacks) {
  Fill(1, 2000);
  ExpectAllMatch("loaded");
  // New ids far beyond the columns' size, updates, deletes, in one transaction.
  ASSERT_TRUE(temp_.db
                  ->Write([&](Connection& c) -> common::Status {
                    for (int64_t id = 1995; id <= 2500; ++id) TK_RETURN_IF_ERROR(Insert(c, id));
                    TK_RETURN_IF_ERROR(Insert(c, 70000));
                    for (int64_t id = 1; id <= 600; id += 3) TK_RETURN_IF_ERROR(Insert(c, id));
                    TK_RETURN_IF_ERROR(c.Execute("DELETE FROM r1 WHERE id % 7 = 0", {}));
                    return c.Execute("UPDATE r1 SET f18 = 'low' WHERE id % 11 = 0", {});
                  })
                  .ok());
  ExpectAllMatch("after a write", true);
  // A failed write leaves nothing behind, in the table or in the columns.
  EXPECT_FALSE(temp_.db
                   ->Write([&](Connection& c) -> common::Status {
                     TK_RETURN_IF_ERROR(c.Execute("DELETE FROM r1 WHERE id < 1000", {}));
                     TK_RETURN_IF_ERROR(Insert(c, 90000));
                     return common::Error::Internal("fails after writing");
                   })
                   .ok());
  ExpectAllMatch("after a rollback", true);
  // Grouped commits: concurrent writers share transactions; some of them fail alone.
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([this, t] {
      std::mt19937_64 r(t);
      for (int i = 0; i < 25; ++i) {
        const int64_t id = 1 + static_cast<int64_t>(r() % 3000);
        const bool fail = i % 5 == 0;
        (void)temp_.db->Write([&](Connection& c) -> common::Status {
          TK_RETURN_IF_ERROR(
              c.Execute("UPDATE r1 SET f18 = CASE WHEN f18 = 'high' THEN NULL ELSE 'high' END, "
                        "f14_n = coalesce(f14_n, 0) + 1, status = '完了' WHERE id = ?",
                        {id}));
          TK_RETURN_IF_ERROR(c.Execute("DELETE FROM r1 WHERE id = ?", {id + 1}));
          if (fail) return common::Error::Internal("this one fails");
          return common::Status::Ok();
        });
      }
    });
  }
  for (std::thread& w : writers) w.join();
  ExpectAllMatch("after grouped writes", true);
}

TEST_F(CountIndexTest, LoadsRacingWritersMissNothing) {
  Fill(1, 5000);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    std::mt19937_64 r(7);
    int64_t next = 5001;
    while (!stop) {
      (void)temp_.db->Write([&](Connection& c) -> common::Status {
        TK_RETURN_IF_ERROR(Insert(c, next++));
        TK_RETURN_IF_ERROR(Insert(c, 1 + static_cast<int64_t>(r() % 5000)));
        return c.Execute("DELETE FROM r1 WHERE id = ?", {1 + static_cast<int64_t>(r() % 5000)});
      });
    }
  });
  // Each query asks for its columns while the writer runs; loads catch up with its commits.
  for (int round = 0; round < 3; ++round) {
    for (const std::string& text : kQueries) {
      const query::CompiledQuery q = Compile(text);
      (void)index_->Count(1, *q.count_plan);
    }
  }
  index_->WaitIdle();
  stop = true;
  writer.join();
  ExpectAllMatch("after racing loads");
}

TEST_F(CountIndexTest, WritersProgressWhileCountsRun) {
  Fill(1, 3000);
  Fill(150000, 150100);
  ExpectAllMatch("loaded");
  std::atomic<bool> stop{false};
  std::vector<std::thread> counters;
  for (int t = 0; t < 3; ++t) {
    counters.emplace_back([&] {
      const query::CompiledQuery q = Compile("drop in (\"high\") or num > 3");
      while (!stop) (void)index_->Count(1, *q.count_plan);
    });
  }
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(temp_.db->Write([&](Connection& c) { return Insert(c, 1 + i * 13 % 3000); }).ok());
  }
  stop = true;
  for (std::thread& t : counters) t.join();
  ExpectAllMatch("after writes among counts", true);
}

TEST_F(CountIndexTest, ADeployDropsTheAppsColumns) {
  Fill(1, 500);
  ExpectAllMatch("loaded");
  // A deploy: the live revision moves and a field's column is rewritten with it.
  ASSERT_TRUE(temp_.db
                  ->Write([&](Connection& c) -> common::Status {
                    TK_RETURN_IF_ERROR(c.Execute("UPDATE apps SET live_revision = 2", {}));
                    return c.Execute("UPDATE r1 SET f18 = 'mid'", {});
                  })
                  .ok());
  const query::CompiledQuery q = Compile("drop in (\"mid\")");
  EXPECT_FALSE(index_->Count(1, *q.count_plan).has_value());
  index_->WaitIdle();
  EXPECT_EQ(index_->Count(1, *q.count_plan), 500);
  // Writing the apps row without a deploy (e.g. its next row id) keeps the columns.
  ASSERT_TRUE(
      temp_.db
          ->Write([](Connection& c) { return c.Execute("UPDATE apps SET next_row_id = 9", {}); })
          .ok());
  EXPECT_EQ(index_->Count(1, *q.count_plan), 500);
}

TEST_F(CountIndexTest, ColumnsHeldAtShutdownLoadAgainAtTheNextStart) {
  const std::string list = (temp_.dir / "count-columns.json").string();
  Reopen(list);
  Fill(1, 800);
  ExpectAllMatch("first start");  // loads every column the queries read
  Reopen(list);                   // shutdown writes the list; the start queues it
  ASSERT_TRUE(std::filesystem::exists(list));
  index_->WaitIdle();
  ExpectAllMatch("after a restart, before any count asked", /*loaded=*/true);
  // A restart before the list loaded keeps it (the queued entries are written again).
  Reopen(list);
  Reopen(list);
  index_->WaitIdle();
  ExpectAllMatch("after two quick restarts", /*loaded=*/true);
}

TEST_F(CountIndexTest, AnOutdatedOrBrokenListCostsNothing) {
  const std::string list = (temp_.dir / "count-columns.json").string();
  Fill(1, 300);
  for (const char* text :
       {R"([{"app":1,"columns":[{"name":"f99","kind":0},{"name":"f18","kind":4}]},)"
        R"({"app":42,"columns":[{"name":"f1","kind":0}]},"junk",{"app":"x"},)"
        R"({"app":1,"columns":[{"name":"f20","kind":9},{"kind":1},7]}])",
        "not json at all", "{\"app\": 1}"}) {
    std::ofstream(list, std::ios::trunc) << text;
    Reopen(list);
    index_->WaitIdle();
    ExpectAllMatch(std::string("with the list ") + text);
  }
}

TEST_F(CountIndexTest, ValuesItCannotEncodeLeaveTheCountToSql) {
  Fill(1, 100);
  ASSERT_TRUE(temp_.db
                  ->Write([](Connection& c) {
                    return c.Execute("UPDATE r1 SET f20 = '2026-4-1' WHERE id = 50", {});
                  })
                  .ok());
  const query::CompiledQuery q = Compile("date > \"2026-04-01\"");
  EXPECT_FALSE(index_->Count(1, *q.count_plan).has_value());
  index_->WaitIdle();
  EXPECT_FALSE(index_->Count(1, *q.count_plan).has_value());
  // Other columns of the app still count.
  const query::CompiledQuery other = Compile("drop in (\"high\")");
  (void)index_->Count(1, *other.count_plan);
  index_->WaitIdle();
  EXPECT_EQ(index_->Count(1, *other.count_plan), SqlCount(other));
}

TEST_F(CountIndexTest, RecordIdsBeyondTheBudgetCountInSql) {
  Fill(1, 100);
  // A second index (not fed by the writer: only for reads here) whose columns would hold
  // record ids up to 50: the app's 100 records are beyond it, so it never loads them.
  CountIndex small(*temp_.db, 8 * 50);
  const query::CompiledQuery q = Compile("drop in (\"high\")");
  EXPECT_FALSE(small.Count(1, *q.count_plan).has_value());
  small.WaitIdle();
  EXPECT_FALSE(small.Count(1, *q.count_plan).has_value());
  EXPECT_EQ(small.bytes(), 0u);
  // The main index: a record written past its budget (64 MB: id 8,388,608) drops the app's
  // columns instead of growing them; its loads are refused from then on.
  ExpectAllMatch("loaded");
  ASSERT_TRUE(temp_.db->Write([&](Connection& c) { return Insert(c, int64_t{1} << 40); }).ok());
  EXPECT_FALSE(index_->Count(1, *q.count_plan).has_value());
  index_->WaitIdle();
  EXPECT_FALSE(index_->Count(1, *q.count_plan).has_value());
}

TEST_F(CountIndexTest, StaysWithinItsBudgetByDroppingTheLeastRecentlyUsed) {
  Fill(1, 4000);
  // A second index over the same database, with room for about one column.
  CountIndex small(*temp_.db, 40000);
  auto count = [&](const std::string& text) {
    const query::CompiledQuery q = Compile(text);
    std::optional<int64_t> n = small.Count(1, *q.count_plan);
    if (!n) {
      small.WaitIdle();
      n = small.Count(1, *q.count_plan);
    }
    EXPECT_EQ(n, SqlCount(q)) << text;
  };
  count("drop in (\"high\")");
  const size_t one = small.bytes();
  count("date > \"2026-04-01\"");
  count("num > 3");
  EXPECT_LE(small.bytes(), one + 4000);                     // one column and the record bitmap
  count("drop in (\"high\") and num > 3 and date = \"\"");  // a query's own columns all stay
  EXPECT_GT(small.bytes(), 2 * one);
}

}  // namespace
}  // namespace storage

namespace storage {
namespace {

// Aggregates (graphs, dashboards) counted from the columns give the rows of their SQL.
class CountGroupsTest : public CountIndexTest {
 protected:
  std::vector<std::vector<SqlValue>> SqlRows(const query::CompiledAggregate& a) {
    std::vector<std::vector<SqlValue>> rows;
    EXPECT_TRUE(temp_.db
                    ->Read([&](Connection& c) -> common::Status {
                      TK_ASSIGN_OR_RETURN(auto found, c.Query(a.statement.sql, a.statement.params));
                      for (const Row& r : found) rows.push_back(r.values());
                      return common::Status::Ok();
                    })
                    .ok());
    return rows;
  }
  std::vector<std::vector<SqlValue>> IndexRows(const query::CompiledAggregate& a) {
    std::optional<std::vector<CountIndex::GroupRow>> rows;
    for (int attempt = 0; attempt < 2 && !rows; ++attempt) {
      rows = index_->CountGroups(1, *a.count_plan, a.count_groups);
      if (!rows) index_->WaitIdle();
    }
    EXPECT_TRUE(rows.has_value());
    std::vector<std::vector<SqlValue>> out;
    for (auto& [keys, n] : rows.value_or(std::vector<CountIndex::GroupRow>{})) {
      std::vector<SqlValue> row(keys.begin(), keys.end());
      row.emplace_back(n);
      out.push_back(std::move(row));
    }
    return out;
  }
};

TEST_F(CountGroupsTest, GroupsLikeSql) {
  Fill(1, 3000);
  Fill(100000, 100020);
  using query::TimeBucket;
  struct Case {
    std::vector<query::GroupKey> groups;
    std::string filter;
  };
  const std::vector<Case> cases = {
      {{}, ""},
      {{}, "drop in (\"high\")"},
      {{}, "num > 100000000000000000000000"},  // nothing matches: one row, count 0
      {{{"drop"}}, ""},
      {{{"ステータス"}}, "num > 3"},
      {{{"drop"}, {"radio"}}, "date != \"\""},
      {{{"date"}}, ""},
      {{{"date", TimeBucket::kWeek}}, ""},
      {{{"date", TimeBucket::kMonth}}, "drop not in (\"low\")"},
      {{{"date", TimeBucket::kYear}, {"ステータス"}}, ""},
      {{{"radio"}, {"date", TimeBucket::kWeek}}, "(num < 0 or drop in (\"\")) and time != \"\""},
  };
  for (const Case& c : cases) {
    query::AggregateRequest request{c.groups, {}, c.filter};
    auto compiled =
        query::CompileAggregate(request, schema_, context_, dialect_, std::nullopt, 1000);
    ASSERT_TRUE(compiled.ok()) << c.filter;
    ASSERT_NE(compiled->count_plan, nullptr) << c.filter;
    const auto expected = SqlRows(*compiled);
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(IndexRows(*compiled), expected) << c.groups.size() << " groups, " << c.filter;
  }
}

TEST_F(CountGroupsTest, LeavesOtherAggregatesToSql) {
  using query::AggregateFunction;
  const std::vector<query::AggregateRequest> requests = {
      {{{"title"}}, {}, ""},                                 // a text key
      {{{"check"}}, {}, ""},                                 // a multi-valued key
      {{{"dt"}}, {}, ""},                                    // an instant: the time zone's day
      {{{"drop"}}, {{AggregateFunction::kSum, "num"}}, ""},  // a sum
      {{{"drop"}}, {}, "title like \"a\""},                  // a filter without a plan
  };
  for (const query::AggregateRequest& r : requests) {
    auto compiled = query::CompileAggregate(r, schema_, context_, dialect_, std::nullopt, 1000);
    ASSERT_TRUE(compiled.ok());
    EXPECT_EQ(compiled->count_plan, nullptr) << r.groups[0].code << " " << r.filter;
  }
  // A record restriction (ACL) keeps the whole aggregate in SQL.
  auto restricted = query::CompileAggregate({{{"drop"}}, {}, ""}, schema_, context_, dialect_,
                                            query::SqlFragment{"r.creator = 101", {}}, 1000);
  ASSERT_TRUE(restricted.ok());
  EXPECT_EQ(restricted->count_plan, nullptr);
}

}  // namespace
}  // namespace storage

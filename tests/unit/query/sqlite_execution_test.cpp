// Runs compiled queries against real rows in an in-memory SQLite database laid out as
// record_layout.h describes, and checks which records come back in which order.
#include <sqlite3.h>

#include <gtest/gtest.h>

#include "query/compiler.h"
#include "query/sqlite_dialect.h"
#include "test_schema.h"
#include "trigram_contains.h"

namespace query {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE r1 (id INTEGER PRIMARY KEY, revision INTEGER NOT NULL DEFAULT 1,
  creator INTEGER, modifier INTEGER, created_at INTEGER, updated_at INTEGER, status TEXT,
  assignees TEXT NOT NULL DEFAULT '[]',
  f10 TEXT NOT NULL DEFAULT '', f12 TEXT NOT NULL DEFAULT '',
  f14 TEXT NOT NULL DEFAULT '', f14_n REAL,
  f16 TEXT NOT NULL DEFAULT '[]', f18 TEXT, f20 TEXT, f22 INTEGER,
  f23 TEXT NOT NULL DEFAULT '[]');
CREATE TABLE r1_t5 (id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, pos INTEGER,
  f30 TEXT NOT NULL DEFAULT '', f31 TEXT NOT NULL DEFAULT '', f31_n REAL,
  f32 TEXT NOT NULL DEFAULT '[]');
CREATE TABLE r1_mv (field_id INTEGER NOT NULL, value, record_id INTEGER NOT NULL,
  row_id INTEGER NOT NULL DEFAULT 0);
CREATE INDEX r1_f10_idx ON r1(f10);
CREATE INDEX r1_f14_n_idx ON r1(f14_n);
CREATE INDEX r1_f20_idx ON r1(f20);
CREATE INDEX r1_f22_idx ON r1(f22);
CREATE INDEX r1_mv_idx ON r1_mv(field_id, value, record_id, row_id);
CREATE INDEX r1_t5_record_idx ON r1_t5(record_id);
CREATE INDEX r1_t5_f30_idx ON r1_t5(f30);
-- Top-level text fields' indexes are in the search file, over the text they were indexed with.
ATTACH ':memory:' AS search;
CREATE TABLE search.r1_fts_doc (id INTEGER PRIMARY KEY, f10 TEXT, f12 TEXT);
CREATE VIRTUAL TABLE search.r1_f10_fts USING fts5(f10, content='r1_fts_doc', content_rowid='id',
  tokenize='trigram');
CREATE VIRTUAL TABLE search.r1_f12_fts USING fts5(f12, content='r1_fts_doc', content_rowid='id',
  tokenize='trigram');
CREATE VIRTUAL TABLE r1_f30_fts USING fts5(f30, content='r1_t5', content_rowid='id',
  tokenize='trigram');
-- A view's (filter, sort) index, as deploy creates them.
CREATE INDEX r1_v_f18_f20 ON r1(f18, f20);
-- Records queued for the background indexer (empty: everything is indexed).
CREATE TABLE r1_fts_pending (id INTEGER PRIMARY KEY, gen INTEGER NOT NULL DEFAULT 0);

-- id, creator, status, title f10, memo f12, num f14/f14_n, drop f18, date f20, dt f22
-- (dt: 1 = 23rd 12:00 JST, 3 = 22nd 23:59 JST, 4 = 23rd 00:00 JST, 5 = 24th 00:00 JST)
INSERT INTO r1 (id, creator, status, f10, f12, f14, f14_n, f18, f20, f22) VALUES
  (1, 101, '未処理', 'apple', '  ' || char(10), '10', 10, 'high', '2026-04-23', 1776913200),
  (2, 102, '処理中', '', 'note text', '', NULL, NULL, NULL, NULL),
  (3, 101, '完了', 'banana', '', '-2.5', -2.5, 'low', '2026-04-22', 1776869940),
  (4, 102, '未処理', 'apple', 'x', '10', 10, 'mid', '2026-04-30', 1776870000),
  (5, 101, NULL, 'cherry pie', '', '3', 3, NULL, '2026-05-01', 1776956400);
INSERT INTO search.r1_fts_doc SELECT id, f10, f12 FROM r1;
INSERT INTO r1_f10_fts(r1_f10_fts) VALUES ('rebuild');
INSERT INTO r1_f12_fts(r1_f12_fts) VALUES ('rebuild');

-- Subtable 5: item f30, qty f31/f31_n. Record 2 has no rows.
INSERT INTO r1_t5 (id, record_id, pos, f30, f31, f31_n) VALUES
  (10, 1, 0, 'x', '1', 1), (11, 1, 1, 'y', '5', 5),
  (12, 3, 0, 'x', '5', 5),
  (13, 4, 0, '', '', NULL),
  (14, 5, 0, 'z', '2', 2), (15, 5, 1, 'z', '9', 9);
INSERT INTO r1_f30_fts(r1_f30_fts) VALUES ('rebuild');

-- check (16): 1 [A], 2 [], 3 [A, B], 4 [B], 5 [C]; user (23): 1 [sato], 3 [sato, suzuki];
-- tags (32, in the subtable): row 10 [t1], row 12 [t2], row 14 [t1, t2].
INSERT INTO r1_mv (field_id, value, record_id, row_id) VALUES
  (16, 'A', 1, 0), (16, 'A', 3, 0), (16, 'B', 3, 0), (16, 'B', 4, 0), (16, 'C', 5, 0),
  (23, 101, 1, 0), (23, 101, 3, 0), (23, 102, 3, 0),
  (32, 't1', 1, 10), (32, 't2', 3, 12), (32, 't1', 5, 14), (32, 't2', 5, 14);
)sql";

struct IdsCase {
  std::string_view query;
  std::vector<int64_t> ids;  // in result order
};

class QuerySqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, std::string(kSchema).c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    testing::RegisterTrigramContains(db_);
  }

  void Exec(std::string_view sql) {
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "") << "\n"
        << sql;
  }

  // Every id of `query` as a cursor reads them.
  std::vector<int64_t> CursorIds(std::string_view query) {
    auto compiled = CompileCursorQuery(query, schema_, context_, dialect_);
    if (!compiled.ok()) {
      ADD_FAILURE() << query << ": " << compiled.error().ToString();
      return {};
    }
    std::vector<int64_t> ids;
    for (const std::string& id : Run(AssembleIds(*compiled))) ids.push_back(std::stoll(id));
    return ids;
  }
  void TearDown() override { sqlite3_close(db_); }

  void Bind(sqlite3_stmt* stmt, const std::vector<common::SqlValue>& params) {
    for (size_t i = 0; i < params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      const common::SqlValue& v = params[i];
      if (const auto* n = std::get_if<int64_t>(&v)) {
        sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&v)) {
        sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(stmt, index);
      }
    }
  }

  // Runs `sql` and returns the first column of every row as text.
  std::vector<std::string> Run(const SqlFragment& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(db_, sql.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql.sql;
      return out;
    }
    Bind(stmt, sql.params);
    int rc = 0;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (rc != SQLITE_DONE) ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql.sql;
    sqlite3_finalize(stmt);
    return out;
  }

  std::vector<int64_t> Ids(std::string_view query) {
    auto compiled = CompileQuery(query, schema_, context_, dialect_);
    if (!compiled.ok()) {
      ADD_FAILURE() << query << ": " << compiled.error().ToString();
      return {};
    }
    std::vector<int64_t> ids;
    for (const std::string& id : Run(AssembleSelect("r.id", *compiled, dialect_))) {
      ids.push_back(std::stoll(id));
    }
    return ids;
  }

  void ExpectIds(const std::vector<IdsCase>& cases) {
    for (const IdsCase& c : cases) EXPECT_EQ(Ids(c.query), c.ids) << c.query;
  }

  std::string Plan(std::string_view query) {
    auto compiled = CompileQuery(query, schema_, context_, dialect_);
    EXPECT_TRUE(compiled.ok()) << query;
    // The totalCount statement: the condition alone decides the plan.
    return PlanOf(AssembleCount(*compiled));
  }

  std::string PagePlan(std::string_view query) {
    auto compiled = CompileQuery(query, schema_, context_, dialect_);
    EXPECT_TRUE(compiled.ok()) << query;
    return PlanOf(AssembleSelect("r.id, r.f10", *compiled, dialect_));
  }

  // Records matching `query` by the totalCount statement.
  int64_t Count(std::string_view query) {
    auto compiled = CompileQuery(query, schema_, context_, dialect_);
    EXPECT_TRUE(compiled.ok()) << query;
    const std::vector<std::string> rows = Run(AssembleCount(*compiled));
    return rows.empty() ? -1 : std::stoll(rows.front());
  }

  // The ids of `condition` by the plain plan (a bare condition is never index-driven), newest
  // first: what an index-driven query must return.
  std::vector<int64_t> ReferenceIds(std::string_view condition) {
    auto where = CompileCondition(condition, schema_, context_, dialect_);
    EXPECT_TRUE(where.ok()) << condition;
    where->sql = "SELECT r.id FROM r1 r WHERE " + where->sql + " ORDER BY r.id DESC";
    std::vector<int64_t> ids;
    for (const std::string& id : Run(*where)) ids.push_back(std::stoll(id));
    return ids;
  }

  std::string PlanOf(SqlFragment select) {
    select.sql = "EXPLAIN QUERY PLAN " + select.sql;
    sqlite3_stmt* stmt = nullptr;
    std::string plan;
    if (sqlite3_prepare_v2(db_, select.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) return "";
    Bind(stmt, select.params);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3));
      plan += "\n";
    }
    sqlite3_finalize(stmt);
    return plan;
  }

  sqlite3* db_ = nullptr;
  testing::TestSchema schema_;
  testing::TestEntities entities_;
  QueryContext context_ = testing::TestContext(&entities_);
  SqliteDialect dialect_;
};

TEST_F(QuerySqliteTest, EmptyValuesInInAndNotIn) {
  const std::vector<IdsCase> cases = {
      {R"(title in (""))", {2}},
      {R"(title = "")", {2}},
      {R"(title != "")", {5, 4, 3, 1}},
      {R"(title not in ("apple"))", {5, 3, 2}},
      {R"(title not in ("", "apple"))", {5, 3}},
      {R"(title in ("", "banana"))", {3, 2}},
      {R"(num in (""))", {2}},
      {R"(num != 10)", {5, 3, 2}},
      {R"(num not in ("", 10))", {5, 3}},
      {R"(num = "10.0")", {4, 1}},
      {R"(num > 0)", {5, 4, 1}},
      {R"(num <= "-2.5")", {3}},
      {R"(drop in (""))", {5, 2}},
      {R"(drop not in ("high"))", {5, 4, 3, 2}},
      {R"(drop not in ("", "high"))", {4, 3}},
      {R"(check in ("A"))", {3, 1}},
      {R"(check in ("B", "C"))", {5, 4, 3}},
      {R"(check not in ("A"))", {5, 4, 2}},
      {R"(user in (LOGINUSER()))", {3, 1}},
      {R"(user not in ("suzuki"))", {5, 4, 2, 1}},
      {R"(user in (""))", {5, 4, 2}},
      {R"(user not in (""))", {3, 1}},
      {R"(user in ("", "suzuki"))", {5, 4, 3, 2}},
      {R"(user not in ("", "suzuki"))", {1}},
      {R"(user in ("nobody"))", {}},
      {R"(作成者 in (LOGINUSER()))", {5, 3, 1}},
      {R"(作成者 not in ("sato"))", {4, 2}},
      {R"(ステータス = "未処理")", {4, 1}},
      {R"(ステータス != "未処理")", {5, 3, 2}},
  };
  ExpectIds(cases);
}

TEST_F(QuerySqliteTest, BlankTextCountsAsEmpty) {
  const std::vector<IdsCase> cases = {
      {"memo is empty", {5, 3, 1}},
      {"memo is not empty", {4, 2}},
  };
  ExpectIds(cases);
}

TEST_F(QuerySqliteTest, SubtablePredicatesNeedAnyRowOrEveryRow) {
  const std::vector<IdsCase> cases = {
      {R"(item in ("x"))", {3, 1}},
      {R"(item not in ("x"))", {5, 4}},  // record 2 has no rows: matches neither
      {R"(item in (""))", {4}},
      {R"(item not in (""))", {5, 3, 1}},
      {R"(qty >= 5)", {5, 3, 1}},
      {R"(qty < 2)", {1}},
      {R"(item in ("x") and qty > 3)", {3}},  // same row: record 1's x has qty 1
      {R"(qty > 3 and item in ("x"))", {3}},
      {R"(item in ("x") or qty > 3)", {5, 3, 1}},
      {R"((item in ("x")) and (qty > 3))", {3}},
      {R"(item in ("y") and title = "apple")", {1}},
      {R"(item not in ("x") and title = "apple")", {4}},
      {R"(item in ("z") and qty < 3 and qty > 8)", {}},  // no single row is both
      {R"(tags in ("t1"))", {5, 1}},
      {R"(tags not in ("t1"))", {4, 3}},
      {R"(tags in ("t1") and item in ("x"))", {1}},
      {R"(tags in ("t2") and item in ("z"))", {5}},
  };
  ExpectIds(cases);
}

TEST_F(QuerySqliteTest, SortsEmptiesFirstAndBreaksTiesByIdDescending) {
  const std::vector<IdsCase> cases = {
      {"order by num asc", {2, 3, 5, 4, 1}},
      {"order by num desc", {4, 1, 5, 3, 2}},
      {"order by title", {2, 4, 1, 3, 5}},
      {"order by title desc", {5, 3, 4, 1, 2}},
      {"order by title, $id asc", {2, 1, 4, 3, 5}},
      {"order by drop", {5, 2, 1, 4, 3}},
      {"order by drop desc", {3, 4, 1, 5, 2}},
      {"order by ステータス", {5, 4, 1, 2, 3}},
      {"order by 作成者 desc, num", {2, 4, 3, 5, 1}},
      {"order by date", {2, 3, 1, 4, 5}},
      {"order by dt desc", {5, 1, 4, 3, 2}},
      {"", {5, 4, 3, 2, 1}},
      {"$id > 2 order by $id asc limit 2", {3, 4}},
      {"order by $id asc limit 2 offset 3", {4, 5}},
  };
  ExpectIds(cases);
}

TEST_F(QuerySqliteTest, DateFunctionsSelectTheCallersDays) {
  // Today is Thursday 2026-04-23 in Tokyo.
  const std::vector<IdsCase> cases = {
      {"date = TODAY()", {1}},
      {"date != TODAY()", {5, 4, 3, 2}},
      {"date < TODAY()", {3}},
      {"date > TODAY()", {5, 4}},
      {"date <= THIS_WEEK()", {3, 1}},
      {"date = THIS_MONTH()", {4, 3, 1}},
      {"date = NEXT_MONTH()", {5}},
      {"date = THIS_MONTH(LAST)", {4}},
      {"date = FROM_TODAY(-1, DAYS)", {3}},
      {"date = NEXT_MONTH(1)", {5}},
      {"dt = TODAY()", {4, 1}},
      {"dt = YESTERDAY()", {3}},
      {"dt = TOMORROW()", {5}},
      {"dt < TODAY()", {3}},
      {"dt <= TODAY()", {4, 3, 1}},
      {"dt > TODAY()", {5}},
      {"dt >= TODAY()", {5, 4, 1}},
      {"dt != TODAY()", {5, 3, 2}},
      {"dt = THIS_WEEK()", {5, 4, 3, 1}},
      {"dt < NOW()", {4, 3, 1}},
      {R"(dt >= "2026-04-23T00:00:00+09:00")", {5, 4, 1}},
      {R"(dt = "2026-04-23T03:00:00Z")", {1}},
      {R"(dt = "2026-04-23")", {4, 1}},
      {R"(dt = "")", {2}},
  };
  ExpectIds(cases);
  context_.time_zone = "UTC";  // the 23rd in UTC: 1 (03:00Z), 5 (15:00Z)
  EXPECT_EQ(Ids("dt = TODAY()"), (std::vector<int64_t>{5, 1}));
}

TEST_F(QuerySqliteTest, LikeSearchesTheFullTextIndex) {
  const std::vector<IdsCase> cases = {
      {R"(title like "ppl")", {4, 1}},
      {R"(title like "PPL")", {4, 1}},  // trigram folds case
      {R"(title not like "ppl")", {5, 3, 2}},
      {R"(title like "ie")", {}},  // the built-in trigram needs 3 characters
      {R"(title like "y pi")", {5}},
      {R"(title like "")", {5, 4, 3, 2, 1}},
      {R"(title like "\"")", {}},
  };
  ExpectIds(cases);
}

TEST_F(QuerySqliteTest, PlansUseIndexes) {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {R"(title = "apple")", "INDEX r1_f10_idx (f10=?)"},
      {R"(title in ("a", "b"))", "INDEX r1_f10_idx (f10=?)"},
      {"num > 5", "INDEX r1_f14_n_idx (f14_n>?)"},
      {"date = THIS_MONTH()", "INDEX r1_f20_idx (f20>? AND f20<?)"},
      {"dt = TODAY()", "INDEX r1_f22_idx (f22>? AND f22<?)"},
      {R"(check in ("A", "B"))", "COVERING INDEX r1_mv_idx (field_id=? AND value=?)"},
      {R"(item in ("x"))", "INDEX r1_t5_f30_idx (f30=?)"},
      {"$id > 100", "INTEGER PRIMARY KEY (rowid>?)"},
  };
  for (const auto& [query, expected] : cases) {
    const std::string plan = Plan(query);
    EXPECT_NE(plan.find(expected), std::string::npos) << query << "\n" << plan;
  }
}

TEST_F(QuerySqliteTest, IndexDrivenLikeReturnsWhatThePlainPlanReturns) {
  // Each condition alone (the plain plan) and as a query ordered by $id (index-driven where
  // it has a top-level `like`): same records, same order, same count.
  for (std::string_view condition : {
           R"(title like "ppl")",
           R"(title like "PPL")",
           R"(title like "ppl" and num > 0)",
           R"(num > 0 and title like "ppl" and drop in ("mid"))",
           R"(title like "ppl" and drop not in ("mid"))",
           R"(title like "ppl" and title not like "apple")",
           R"(title like "ppl" and memo like "   ")",
           R"(title like "ppl" and memo is empty)",
           R"(title like "ppl" or title like "ana")",
           R"(title like "ppl" and (drop in ("high") or num < 0))",
           R"(title like "ppl" and item in ("x"))",
           R"(title like "ppl" and item not in ("x"))",
           R"(title like "ppl" and item in ("x") and qty > 3)",
           R"(title like "ppl" and tags in ("t1"))",
           R"(title like "ppl" and check in ("B"))",
           R"(title like "app" and memo like "ote")",
           R"(memo like "ote" and title like "")",
           R"(title not like "ppl" and num > 0)",
           R"(title like "zzz")",
           R"(title like "ie")",
           R"(title like "\"")",
           R"(title like "pie" and $id > 2)",
       }) {
    const std::vector<int64_t> expected = ReferenceIds(condition);
    EXPECT_EQ(Ids(condition), expected) << condition;
    std::vector<int64_t> ascending(expected.rbegin(), expected.rend());
    EXPECT_EQ(Ids(std::string(condition) + " order by $id asc"), ascending) << condition;
    EXPECT_EQ(Count(condition), static_cast<int64_t>(expected.size())) << condition;
  }
  const std::vector<IdsCase> pages = {
      {R"(title like "ppl" limit 1)", {4}},
      {R"(title like "ppl" limit 1 offset 1)", {1}},
      {R"(title like "ppl" order by $id asc limit 1 offset 1)", {4}},
      {R"(title like "ppl" order by レコード番号 desc, num asc)", {4, 1}},
      {R"(title like "ppl" and drop in ("mid"))", {4}},
  };
  ExpectIds(pages);
}

TEST_F(QuerySqliteTest, IndexDrivenLikeReadsMatchesInIdOrderWithoutSorting) {
  const std::string plan = PagePlan(R"(title like "ppl" and num > 0 limit 1)");
  EXPECT_NE(plan.find("SCAN f VIRTUAL TABLE"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
  // Counting a lone `like` reads the index, and only the queued records (none scanned).
  const std::string count = Plan(R"(title like "ppl")");
  EXPECT_NE(count.find("VIRTUAL TABLE"), std::string::npos) << count;
  EXPECT_EQ(count.find("SCAN r\n"), std::string::npos) << count;
  EXPECT_EQ(count.find("SCAN r "), std::string::npos) << count;
  EXPECT_EQ(Count(R"(title like "ppl")"), 2);
}

TEST_F(QuerySqliteTest, QueuedRecordsAreSearchedByTheirCurrentText) {
  // What the background indexer leaves behind between two runs: the index still holds the old
  // text of changed and deleted records, and nothing of new ones. Every query must already give
  // what it gives once the index caught up (rebuilt here, queue emptied).
  Exec(R"sql(
    UPDATE r1 SET f10 = 'grape pie' WHERE id = 4;  -- was 'apple'
    UPDATE r1 SET f12 = 'apple note' WHERE id = 2;  -- was 'note text'
    DELETE FROM r1 WHERE id = 3;                    -- 'banana'
    INSERT INTO r1 (id, creator, f10, f12, f14, f14_n, f18, f20) VALUES
      (6, 101, 'pineapple', 'more notes', '7', 7, 'mid', '2026-05-02'),
      (7, 102, 'BANANA SPLIT', '', '1', 1, 'high', '2026-05-03');
    INSERT INTO r1_fts_pending (id) VALUES (2), (3), (4), (5), (6), (7);
  )sql");
  const std::vector<std::string_view> queries = {
      R"(title like "ppl")",
      R"(title like "apple")",
      R"(title like "ana")",
      R"(title like "pie")",
      R"(title like "ie")",
      R"(title not like "ppl")",
      R"(title like "ppl" and num > 5)",
      R"(title like "ppl" or memo like "ppl")",
      R"(memo like "note" and title like "ppl")",
      R"(title like "ppl" order by num desc)",
      R"(title like "ppl" order by $id asc)",
      R"(title like "ppl" limit 1 offset 1)",
      R"(title like "ppl" order by $id asc limit 2 offset 1)",
      R"(title like "an" or title like "ana" and drop in ("high"))",
      R"(title like "ppl" and item in ("x"))",
  };
  struct Seen {
    std::vector<int64_t> ids;
    int64_t count;
    std::vector<int64_t> cursor;
  };
  auto see = [&](std::string_view q) {
    const bool paged = q.find("limit") != std::string_view::npos;
    return Seen{Ids(q), Count(q), paged ? std::vector<int64_t>{} : CursorIds(q)};
  };
  std::vector<Seen> before;
  for (std::string_view q : queries) before.push_back(see(q));
  EXPECT_EQ(before[0].ids, (std::vector<int64_t>{6, 1}));  // 4 no longer, 6 already
  EXPECT_EQ(before[2].ids, (std::vector<int64_t>{7}));     // 3 deleted, 7 new (case folded)
  EXPECT_EQ(before[3].ids, (std::vector<int64_t>{5, 4}));
  EXPECT_EQ(before[7].ids, (std::vector<int64_t>{6, 2, 1}));
  Exec(R"sql(
    DELETE FROM search.r1_fts_doc;
    INSERT INTO search.r1_fts_doc SELECT id, f10, f12 FROM r1;
    INSERT INTO r1_f10_fts(r1_f10_fts) VALUES ('rebuild');
    INSERT INTO r1_f12_fts(r1_f12_fts) VALUES ('rebuild');
    DELETE FROM r1_fts_pending;
  )sql");
  for (size_t i = 0; i < queries.size(); ++i) {
    const Seen after = see(queries[i]);
    EXPECT_EQ(before[i].ids, after.ids) << queries[i];
    EXPECT_EQ(before[i].count, after.count) << queries[i];
    EXPECT_EQ(before[i].cursor, after.cursor) << queries[i];
  }
}

TEST_F(QuerySqliteTest, IndexDrivenLikeWithAQueueReadsNoRecordBeyondThePage) {
  Exec("INSERT INTO r1_fts_pending (id) VALUES (5)");
  const std::string plan = PagePlan(R"(title like "ppl" limit 1)");
  EXPECT_NE(plan.find("SCAN f VIRTUAL TABLE"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE FOR ORDER BY"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN r\n"), std::string::npos) << plan;
}

TEST_F(QuerySqliteTest, FilteredSortedPagesUseAViewsCompositeIndex) {
  // (b): a status filter sorted by date reads the (filter, sort) index in order; deep pages
  // skip their offset inside it.
  for (std::string_view query : {
           R"(drop in ("high") order by date desc limit 1)",
           R"(drop in ("mid") order by date asc, $id asc limit 1)",
       }) {
    const std::string plan = PagePlan(query);
    EXPECT_NE(plan.find("INDEX r1_v_f18_f20 (f18=?)"), std::string::npos) << query << "\n" << plan;
    EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << query << "\n" << plan;
  }
  // The page's ids come from the index alone; only those records are read and re-sorted.
  const std::string deep = PagePlan(R"(drop in ("high") order by date desc limit 1 offset 1)");
  EXPECT_NE(deep.find("COVERING INDEX r1_v_f18_f20 (f18=?)"), std::string::npos) << deep;
  const std::vector<IdsCase> cases = {
      {R"(drop in ("high", "mid", "low") order by date desc limit 2 offset 1)", {1, 3}},
      {R"(drop in ("high", "mid", "low") order by date desc offset 2)", {3}},
      {R"(order by num asc limit 2 offset 2)", {5, 4}},
      {R"(order by $id asc limit 2 offset 3)", {4, 5}},
      {R"(order by drop desc limit 2 offset 1)", {4, 1}},
      {R"(order by title limit 3 offset 4)", {5}},
  };
  ExpectIds(cases);
}

}  // namespace
}  // namespace query

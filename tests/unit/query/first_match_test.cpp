// The record-ACL SQL: FirstMatch decides by the first holding branch, and RestrictTo narrows
// pages, totals and cursor ids alike — also when a `like` drives the query through the
// full-text index.
#include "query/first_match.h"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "query/sqlite_dialect.h"
#include "test_schema.h"
#include "trigram_contains.h"

namespace query {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE r1 (id INTEGER PRIMARY KEY, revision INTEGER NOT NULL DEFAULT 1, creator INTEGER,
  modifier INTEGER, created_at INTEGER, updated_at INTEGER, status TEXT,
  assignees TEXT NOT NULL DEFAULT '[]', f10 TEXT NOT NULL DEFAULT '', f14 TEXT NOT NULL DEFAULT '',
  f14_n REAL);
ATTACH ':memory:' AS search;
CREATE TABLE search.r1_fts_doc (id INTEGER PRIMARY KEY, f10 TEXT);
CREATE VIRTUAL TABLE search.r1_f10_fts USING fts5(f10, content='r1_fts_doc', content_rowid='id',
  tokenize='trigram');
INSERT INTO r1 (id, creator, f10, f14, f14_n) VALUES
  (1, 101, 'public apple', '1', 1), (2, 102, 'secret apple', '2', 2),
  (3, 101, 'secret pear', '3', 3), (4, 102, 'public pear', '4', 4);
INSERT INTO search.r1_fts_doc SELECT id, f10 FROM r1;
INSERT INTO r1_f10_fts(r1_f10_fts) VALUES ('rebuild');
-- Written after the indexer's last run: queued, absent from the index.
CREATE TABLE r1_fts_pending (id INTEGER PRIMARY KEY);
INSERT INTO r1 (id, creator, f10, f14, f14_n) VALUES
  (5, 101, 'secret apple pie', '5', 5), (6, 102, 'secret apple tart', '6', 6);
INSERT INTO r1_fts_pending (id) VALUES (5), (6);
)sql";

class FirstMatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db_, kSchema, nullptr, nullptr, nullptr), SQLITE_OK);
    testing::RegisterTrigramContains(db_);
  }
  void TearDown() override { sqlite3_close(db_); }

  std::vector<std::string> Run(const SqlFragment& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(db_, sql.sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql.sql;
      return out;
    }
    for (size_t i = 0; i < sql.params.size(); ++i) {
      const int index = static_cast<int>(i + 1);
      if (const auto* n = std::get_if<int64_t>(&sql.params[i])) {
        sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* d = std::get_if<double>(&sql.params[i])) {
        sqlite3_bind_double(stmt, index, *d);
      } else if (const auto* s = std::get_if<std::string>(&sql.params[i])) {
        sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
      }
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    sqlite3_finalize(stmt);
    return out;
  }

  SqlFragment Condition(std::string_view text) {
    auto c = CompileCondition(text, schema_, context_, dialect_);
    EXPECT_TRUE(c.ok()) << text;
    return c.ok() ? *c : SqlFragment{"0", {}};
  }

  // The ids of `query` restricted to "secret records: creator 101 only; others: everyone".
  std::vector<std::string> Restricted(std::string_view query, bool count = false) {
    auto compiled = CompileQuery(query, schema_, context_, dialect_);
    EXPECT_TRUE(compiled.ok()) << query;
    SqlFragment only_creator =
        FirstMatch({{Condition("作成者 in (\"sato\")"), BoolLiteral(true)}}, BoolLiteral(false));
    RestrictTo(*compiled,
               FirstMatch({{Condition("title like \"secret\""), only_creator}}, BoolLiteral(true)));
    return Run(count ? AssembleCount(*compiled) : AssembleSelect("r.id", *compiled, dialect_));
  }

  sqlite3* db_ = nullptr;
  testing::TestSchema schema_;
  testing::TestEntities entities_;
  QueryContext context_ = testing::TestContext(&entities_);
  SqliteDialect dialect_;
};

TEST_F(FirstMatchTest, NoBranchesIsTheFallback) {
  EXPECT_EQ(FirstMatch({}, BoolLiteral(false)).sql, "0");
}

TEST_F(FirstMatchTest, FirstHoldingBranchDecides) {
  SqlFragment rule = FirstMatch(
      {{Condition("num >= 3"), BoolLiteral(false)}, {Condition("num >= 2"), BoolLiteral(true)}},
      BoolLiteral(false));
  rule.sql = "SELECT r.id FROM r1 r WHERE " + rule.sql + " ORDER BY r.id";
  EXPECT_EQ(Run(rule), std::vector<std::string>{"2"});
}

TEST_F(FirstMatchTest, RestrictsPagesTotalsAndFullTextDrivenQueries) {
  // 5 and 6 are queued for indexing: the record ACL applies to them as to indexed ones.
  EXPECT_EQ(Restricted(""), (std::vector<std::string>{"5", "4", "3", "1"}));
  EXPECT_EQ(Restricted("", true), std::vector<std::string>{"4"});
  EXPECT_EQ(Restricted("title like \"apple\""), (std::vector<std::string>{"5", "1"}));
  EXPECT_EQ(Restricted("title like \"apple\"", true), std::vector<std::string>{"2"});
  EXPECT_EQ(Restricted("title like \"secret\" order by $id asc"),
            (std::vector<std::string>{"3", "5"}));
  EXPECT_EQ(Restricted("title like \"secret\" order by num desc"),
            (std::vector<std::string>{"5", "3"}));
  EXPECT_EQ(Restricted("order by num asc limit 1 offset 1"), std::vector<std::string>{"3"});
}

}  // namespace
}  // namespace query

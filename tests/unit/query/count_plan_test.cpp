// Count plans: the encodings keep SQL's order, and the compiler plans exactly the conditions
// the in-memory columns can answer (storage/count_index.h cross-checks the counts with SQL).
#include "query/count_plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "query/compiler.h"
#include "query/first_match.h"
#include "query/sqlite_dialect.h"
#include "test_schema.h"

namespace query {
namespace {

int64_t Enc(CountKind kind, common::SqlValue v) {
  auto e = EncodeCountValue(kind, v);
  EXPECT_TRUE(e.has_value());
  return e.value_or(0);
}

TEST(CountPlanEncoding, RealsKeepTheirOrderAndZeroIsOne) {
  const std::vector<double> ascending = {-INFINITY, -1e300, -2.5,      -1.0, -1e-300, 0.0,
                                         1e-300,    0.1,    0.1 + 0.2, 3.0,  1e21,    INFINITY};
  for (size_t i = 1; i < ascending.size(); ++i) {
    EXPECT_LT(Enc(CountKind::kReal, ascending[i - 1]), Enc(CountKind::kReal, ascending[i]))
        << ascending[i - 1] << " < " << ascending[i];
  }
  EXPECT_EQ(Enc(CountKind::kReal, -0.0), Enc(CountKind::kReal, 0.0));
  EXPECT_EQ(Enc(CountKind::kReal, int64_t{10}), Enc(CountKind::kReal, 10.0));
  EXPECT_GT(Enc(CountKind::kReal, -INFINITY), kCountNull);
  // Beyond 2^53 an integer has no exact double: no plan rather than a wrong count.
  EXPECT_FALSE(EncodeCountValue(CountKind::kReal, int64_t{1} << 60).has_value());
  EXPECT_FALSE(EncodeCountValue(CountKind::kReal, std::nan("")).has_value());
  EXPECT_FALSE(EncodeCountValue(CountKind::kReal, std::string("10")).has_value());
}

TEST(CountPlanEncoding, DatesTimesAndIntegers) {
  EXPECT_EQ(Enc(CountKind::kDate, std::string("2026-04-23")), 20260423);
  EXPECT_LT(Enc(CountKind::kDate, std::string("2025-12-31")),
            Enc(CountKind::kDate, std::string("2026-01-01")));
  EXPECT_EQ(Enc(CountKind::kTime, std::string("09:05")), 905);
  EXPECT_EQ(Enc(CountKind::kInteger, int64_t{-7}), -7);
  EXPECT_EQ(Enc(CountKind::kDate, common::SqlNull{}), kCountNull);
  for (const char* bad : {"2026-4-23", "2026/04/23", "2026-04-23T00:00", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(EncodeCountValue(CountKind::kDate, std::string(bad)).has_value()) << bad;
  }
  EXPECT_FALSE(EncodeCountValue(CountKind::kTime, std::string("9:05")).has_value());
  EXPECT_FALSE(EncodeCountValue(CountKind::kInteger, 1.5).has_value());
  EXPECT_FALSE(EncodeCountValue(CountKind::kInteger, kCountNull).has_value());
}

class CountPlanTest : public ::testing::Test {
 protected:
  CompiledQuery Compile(std::string_view text) {
    auto q = CompileQuery(text, schema_, context_, dialect_);
    EXPECT_TRUE(q.ok()) << text << ": " << (q.ok() ? "" : q.error().ToString());
    return q.ok() ? *q : CompiledQuery{};
  }
  std::shared_ptr<const CountPlan> Plan(std::string_view text) { return Compile(text).count_plan; }

  testing::TestSchema schema_;
  testing::TestEntities entities_;
  QueryContext context_ = testing::TestContext(&entities_);
  SqliteDialect dialect_;
};

TEST_F(CountPlanTest, PlansChoiceDateNumberInstantAndSystemColumns) {
  for (const char* q : {"", "limit 5", "drop in (\"high\", \"\")", "radio not in (\"r1\")",
                        "ステータス = \"未処理\"", "ステータス != \"完了\"", "num >= -2.5",
                        "num = \"\"", "date < TODAY()", "date = THIS_MONTH()", "time <= \"12:00\"",
                        "dt = \"2026-04-23\"", "dt > NOW()", "作成日時 >= FROM_TODAY(-7, DAYS)",
                        "作成者 in (LOGINUSER())", "レコード番号 > 3", "$id in (1, 2)",
                        "(drop in (\"high\") or num > 3) and date != \"\" order by date desc"}) {
    EXPECT_NE(Plan(q), nullptr) << q;
  }
}

TEST_F(CountPlanTest, LeavesEverythingElseToSql) {
  for (const char* q : {"title like \"a\"", "title = \"a\"", "check in (\"A\")",
                        "user in (\"sato\")", "qty > 1", "item like \"x\"", "$revision > 1",
                        "drop in (\"high\") and title like \"a\"", "作業者 in (\"sato\")"}) {
    EXPECT_EQ(Plan(q), nullptr) << q;
  }
}

TEST_F(CountPlanTest, TermsMirrorTheSql) {
  auto plan = Plan("num < 3");
  ASSERT_NE(plan, nullptr);
  ASSERT_EQ(plan->kind, CountPlan::Kind::kTerm);
  EXPECT_EQ(plan->term.column, (CountColumn{"f14_n", CountKind::kReal}));
  ASSERT_EQ(plan->term.ranges.size(), 1u);
  EXPECT_EQ(plan->term.ranges[0].second, Enc(CountKind::kReal, 3.0) - 1);  // strictly below
  EXPECT_FALSE(plan->term.null_matches);

  plan = Plan("drop not in (\"high\", \"\")");
  ASSERT_NE(plan, nullptr);
  EXPECT_TRUE(plan->term.negated);
  EXPECT_TRUE(plan->term.null_matches);
  EXPECT_EQ(plan->term.choices, std::vector<std::string>{"high"});

  plan = Plan("date = \"2026-04-23\" and (drop in (\"mid\") or ステータス = \"完了\")");
  ASSERT_NE(plan, nullptr);
  EXPECT_EQ(plan->kind, CountPlan::Kind::kAnd);
  const std::vector<CountColumn> columns = plan->Columns();
  EXPECT_EQ(columns.size(), 3u);
  EXPECT_NE(std::find(columns.begin(), columns.end(), CountColumn{"status", CountKind::kChoice}),
            columns.end());
}

TEST_F(CountPlanTest, ARecordRestrictionDropsThePlan) {
  CompiledQuery q = Compile("drop in (\"high\")");
  ASSERT_NE(q.count_plan, nullptr);
  RestrictTo(q, SqlFragment{"r.creator = ?", {int64_t{101}}});
  EXPECT_EQ(q.count_plan, nullptr);
}

}  // namespace
}  // namespace query

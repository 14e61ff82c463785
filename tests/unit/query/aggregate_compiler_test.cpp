// Aggregates -> one GROUP BY statement: group keys per field type and bucket, time zones with
// and without daylight saving, measures, filters, restrictions and refusals.
#include "query/aggregate_compiler.h"

#include <gtest/gtest.h>

#include "query/sqlite_dialect.h"
#include "test_schema.h"

namespace query {
namespace {

class AggregateCompilerTest : public ::testing::Test {
 protected:
  common::Result<CompiledAggregate> Compile(const AggregateRequest& r,
                                            std::optional<SqlFragment> restriction = {}) {
    return CompileAggregate(r, schema_, context_, dialect_, restriction, 1000);
  }

  testing::TestSchema schema_;
  testing::TestEntities entities_;
  QueryContext context_ = testing::TestContext(&entities_);
  SqliteDialect dialect_;
};

TEST_F(AggregateCompilerTest, CountsEveryRecordWithoutGroups) {
  auto r = Compile({});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->statement.sql, "SELECT count(*) FROM r1 r WHERE 1 LIMIT ?");
  ASSERT_EQ(r->statement.params.size(), 1u);
  EXPECT_EQ(std::get<int64_t>(r->statement.params[0]), 1001);
}

TEST_F(AggregateCompilerTest, GroupsByChoiceAndStatusWithMeasures) {
  AggregateRequest req;
  req.groups = {{"ステータス"}, {"drop"}};
  req.measures = {{AggregateFunction::kCount, ""},
                  {AggregateFunction::kSum, "num"},
                  {AggregateFunction::kAverage, "calc"},
                  {AggregateFunction::kMin, "num"},
                  {AggregateFunction::kMax, "num"}};
  auto r = Compile(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->statement.sql,
            "SELECT coalesce(r.status, ''), coalesce(r.f18, ''), count(*), sum(r.f14_n), "
            "avg(r.f15_n), min(r.f14_n), max(r.f14_n) FROM r1 r WHERE 1 GROUP BY 1, 2 "
            "ORDER BY 1, 2 LIMIT ?");
  EXPECT_EQ(r->groups[0].code, "ステータス");
  EXPECT_EQ(r->measures.size(), 5u);
}

TEST_F(AggregateCompilerTest, BucketsDatesByDayWeekMonthYear) {
  const std::pair<TimeBucket, std::string> cases[] = {
      {TimeBucket::kNone, "r.f20"},
      {TimeBucket::kDay, "r.f20"},
      {TimeBucket::kWeek, "date(r.f20, '-6 days', 'weekday 0')"},
      {TimeBucket::kMonth, "substr(r.f20, 1, 7)"},
      {TimeBucket::kYear, "substr(r.f20, 1, 4)"},
  };
  for (const auto& [bucket, expr] : cases) {
    AggregateRequest req;
    req.groups = {{"date", bucket}};
    auto r = Compile(req);
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->statement.sql, "SELECT coalesce(" + expr +
                                    ", ''), count(*) FROM r1 r WHERE 1 GROUP BY 1 ORDER BY 1 "
                                    "LIMIT ?");
    EXPECT_EQ(r->buckets[0], bucket == TimeBucket::kNone ? TimeBucket::kDay : bucket);
  }
}

TEST_F(AggregateCompilerTest, BucketsInstantsInTheCallersZone) {
  AggregateRequest req;
  req.groups = {{"作成日時", TimeBucket::kMonth}};
  auto r = Compile(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  // Tokyo has kept +9:00 for decades: one bound offset.
  EXPECT_EQ(r->statement.sql,
            "SELECT coalesce(substr(date((r.created_at + ?), 'unixepoch'), 1, 7), ''), count(*) "
            "FROM r1 r WHERE 1 GROUP BY 1 ORDER BY 1 LIMIT ?");
  ASSERT_EQ(r->statement.params.size(), 2u);
  EXPECT_EQ(std::get<int64_t>(r->statement.params[0]), 9 * 3600);
}

TEST_F(AggregateCompilerTest, FollowsDaylightSavingTransitions) {
  auto zone = common::TimeZone::Find("America/New_York");
  ASSERT_TRUE(zone);
  // 2026: DST from 2026-03-08 07:00Z to 2026-11-01 06:00Z.
  const int64_t from = 1767225600;  // 2026-01-01T00:00Z
  const int64_t to = 1798761600;    // 2027-01-01T00:00Z
  SqlFragment f = OffsetExpression(*zone, "x", from, to, dialect_, 1);
  EXPECT_EQ(f.sql, "(CASE WHEN x < ? THEN ? WHEN x < ? THEN ? ELSE ? END)");
  ASSERT_EQ(f.params.size(), 5u);
  EXPECT_EQ(std::get<int64_t>(f.params[0]), 1772953200);  // 2026-03-08T07:00Z
  EXPECT_EQ(std::get<int64_t>(f.params[1]), -5 * 3600);
  EXPECT_EQ(std::get<int64_t>(f.params[2]), 1793512800);  // 2026-11-01T06:00Z
  EXPECT_EQ(std::get<int64_t>(f.params[3]), -4 * 3600);
  EXPECT_EQ(std::get<int64_t>(f.params[4]), -5 * 3600);

  context_.time_zone = "America/New_York";
  AggregateRequest req;
  req.groups = {{"dt", TimeBucket::kDay}};
  auto r = Compile(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_NE(r->statement.sql.find("date((r.f22 + (CASE WHEN r.f22 < ? THEN ?"), std::string::npos)
      << r->statement.sql;
}

TEST_F(AggregateCompilerTest, CountsMultiValuedFieldsPerOption) {
  AggregateRequest req;
  req.groups = {{"check"}};
  auto r = Compile(req);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->statement.sql,
            "SELECT coalesce(m0.value, ''), count(*) FROM r1 r LEFT JOIN r1_mv m0 ON "
            "m0.record_id = r.id AND m0.row_id = 0 AND m0.field_id = ? WHERE 1 GROUP BY 1 "
            "ORDER BY 1 LIMIT ?");
  EXPECT_EQ(std::get<int64_t>(r->statement.params[0]), 16);
}

TEST_F(AggregateCompilerTest, AddsFilterAndRestrictionInParameterOrder) {
  AggregateRequest req;
  req.groups = {{"dt", TimeBucket::kYear}};
  req.filter = R"(drop in ("high") and num > 3)";
  SqlFragment acl{"r.creator = ?", {int64_t{101}}};
  auto r = Compile(req, acl);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->statement.sql,
            "SELECT coalesce(substr(date((r.f22 + ?), 'unixepoch'), 1, 4), ''), count(*) FROM "
            "r1 r WHERE (r.f18 = ? AND r.f14_n > ?) AND (r.creator = ?) GROUP BY 1 ORDER BY 1 "
            "LIMIT ?");
  ASSERT_EQ(r->statement.params.size(), 5u);
  EXPECT_EQ(std::get<int64_t>(r->statement.params[0]), 9 * 3600);
  EXPECT_EQ(std::get<std::string>(r->statement.params[1]), "high");
  EXPECT_EQ(std::get<int64_t>(r->statement.params[3]), 101);
  EXPECT_EQ(std::get<int64_t>(r->statement.params[4]), 1001);
}

TEST_F(AggregateCompilerTest, RefusesUnknownAndUnusableFields) {
  AggregateRequest unknown;
  unknown.groups = {{"hidden"}};
  auto r = Compile(unknown);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), common::ErrorCode::kQueryFieldNotFound);

  AggregateRequest unknown_measure;
  unknown_measure.measures = {{AggregateFunction::kSum, "hidden"}};
  r = Compile(unknown_measure);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), common::ErrorCode::kQueryFieldNotFound);

  AggregateRequest hidden_in_filter;
  hidden_in_filter.filter = R"(hidden = "x")";
  r = Compile(hidden_in_filter);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), common::ErrorCode::kQueryFieldNotFound);

  for (const char* code : {"memo", "user", "file", "item", "作成者", "time"}) {
    AggregateRequest req;
    req.groups = {{code}};
    r = Compile(req);
    ASSERT_FALSE(r.ok()) << code;
    EXPECT_EQ(r.error().code(), common::ErrorCode::kInvalidInput) << code;
    EXPECT_EQ(r.error().fields().at(0).key, "groups[0]") << code;
  }
  AggregateRequest sum_of_text;
  sum_of_text.measures = {{AggregateFunction::kSum, "title"}};
  r = Compile(sum_of_text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields().at(0).key, "aggregations[0]");

  AggregateRequest bucket_on_choice;
  bucket_on_choice.groups = {{"drop", TimeBucket::kMonth}};
  r = Compile(bucket_on_choice);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields().at(0).key, "groups[0].per");

  AggregateRequest three;
  three.groups = {{"drop"}, {"radio"}, {"date"}};
  r = Compile(three);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields().at(0).key, "groups");
}

}  // namespace
}  // namespace query

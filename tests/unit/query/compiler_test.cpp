// Query text -> SQL and parameters for every operator x field type, functions, subtables and
// sorting, against the fixed app of test_schema.h (now = 2026-04-23T14:11Z, Asia/Tokyo).
#include "query/compiler.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "query/sqlite_dialect.h"
#include "test_schema.h"

namespace query {
namespace {

// 'text', 12 (integer), 1.5 / 10.0 (real).
std::string Render(const std::vector<common::SqlValue>& params) {
  std::string out;
  for (const common::SqlValue& v : params) {
    if (!out.empty()) out += ", ";
    if (const auto* s = std::get_if<std::string>(&v)) {
      out += "'" + *s + "'";
    } else if (const auto* i = std::get_if<int64_t>(&v)) {
      out += std::to_string(*i);
    } else if (const auto* d = std::get_if<double>(&v)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%g", *d);
      const std::string text = buf;
      out += text.find_first_of(".e") == std::string::npos ? text + ".0" : text;
    } else {
      out += "NULL";
    }
  }
  return out;
}

struct SqlCase {
  std::string_view query;
  std::string_view where;
  std::string_view params;  // of where and order_by together
  std::string_view order_by;
};

class QueryCompilerTest : public ::testing::Test {
 protected:
  common::Result<CompiledQuery> Compile(std::string_view text) {
    return CompileQuery(text, schema_, context_, dialect_);
  }

  testing::TestSchema schema_;
  testing::TestEntities entities_;
  QueryContext context_ = testing::TestContext(&entities_);
  SqliteDialect dialect_;
};

TEST_F(QueryCompilerTest, CompilesEveryOperatorAndFieldType) {
  const SqlCase cases[] = {
      {R"sql(title = "a")sql", "r.f10 = ?", "'a'", "r.id DESC"},
      {R"sql(title != "a")sql", "(r.f10 = ?) IS NOT 1", "'a'", "r.id DESC"},
      {R"sql(title = "")sql", "r.f10 = ''", "", "r.id DESC"},
      {R"sql(title != "")sql", "(r.f10 = '') IS NOT 1", "", "r.id DESC"},
      {R"sql(title in ("a", "b"))sql", "r.f10 IN (?, ?)", "'a', 'b'", "r.id DESC"},
      {R"sql(title in ("", "a"))sql", "(r.f10 = ? OR r.f10 = '')", "'a'", "r.id DESC"},
      {R"sql(title not in ("", "a"))sql", "((r.f10 = ? OR r.f10 = '')) IS NOT 1", "'a'",
       "r.id DESC"},
      {R"sql(title not in ("a"))sql", "(r.f10 = ?) IS NOT 1", "'a'", "r.id DESC"},
      // The index for records it has caught up with, the text itself for those still queued.
      {R"sql(title like "ab\"c" order by num)sql",
       "(r.id IN (SELECT rowid FROM search.r1_f10_fts WHERE r1_f10_fts MATCH ? AND rowid NOT IN (SELECT "
       "id FROM r1_fts_pending)) OR (r.id IN (SELECT id FROM r1_fts_pending) AND "
       "tsumiki_contains(r.f10, ?)))",
       R"sql('"ab""c"', 'ab"c')sql", "r.f14_n ASC, r.id DESC"},
      {R"sql(title like "  ")sql", "1", "", "r.id DESC"},
      {R"sql(title not like "x")sql",
       "NOT (r.id IN (SELECT rowid FROM search.r1_f10_fts WHERE r1_f10_fts MATCH ? AND rowid NOT IN "
       "(SELECT id FROM r1_fts_pending)) OR (r.id IN (SELECT id FROM r1_fts_pending) AND "
       "tsumiki_contains(r.f10, ?)))",
       R"sql('"x"*', 'x')sql", "r.id DESC"},  // one character: a prefix query (bigrams + last)
      {"memo is empty", "trim(r.f12, char(32, 9, 10, 13)) = ''", "", "r.id DESC"},
      {"memo is not empty", "(trim(r.f12, char(32, 9, 10, 13)) = '') IS NOT 1", "", "r.id DESC"},
      {"file is empty", "r.f26 IN ('', '[]')", "", "r.id DESC"},
      {"num = 10", "r.f14_n = ?", "10.0", "r.id DESC"},
      {R"sql(num != "1.5")sql", "(r.f14_n = ?) IS NOT 1", "1.5", "r.id DESC"},
      {"num > -3", "r.f14_n > ?", "-3.0", "r.id DESC"},
      {R"sql(num in (1, "", 2))sql", "(r.f14_n IN (?, ?) OR r.f14_n IS NULL)", "1.0, 2.0",
       "r.id DESC"},
      {R"sql(num not in (""))sql", "(r.f14_n IS NULL) IS NOT 1", "", "r.id DESC"},
      {R"sql(radio in ("r1"))sql", "r.f17 = ?", "'r1'", "r.id DESC"},
      {R"sql(drop in (""))sql", "r.f18 IS NULL", "", "r.id DESC"},
      {R"sql(drop not in ("", "high"))sql", "((r.f18 = ? OR r.f18 IS NULL)) IS NOT 1", "'high'",
       "r.id DESC"},
      {R"sql(ステータス = "完了")sql", "r.status = ?", "'完了'", "r.id DESC"},
      {R"sql(ステータス in ("未処理", "処理中"))sql", "r.status IN (?, ?)", "'未処理', '処理中'",
       "r.id DESC"},
      {R"sql(check in ("A", "B"))sql",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value IN (?, ?))",
       "16, 'A', 'B'", "r.id DESC"},
      {R"sql(check not in ("A"))sql",
       "r.id NOT IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?)", "16, 'A'",
       "r.id DESC"},
      {R"sql(multi in ("x"))sql",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?)", "19, 'x'",
       "r.id DESC"},
      {R"sql(user in ("sato", LOGINUSER(), "ghost"))sql",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value IN (?, ?))",
       "23, 101, 101", "r.id DESC"},
      {R"sql(user in ("ghost"))sql", "0", "", "r.id DESC"},
      {R"sql(user not in ("ghost"))sql", "1", "", "r.id DESC"},
      {"org in (PRIMARY_ORGANIZATION())",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?)", "24, 201",
       "r.id DESC"},
      {R"sql(group in ("admins"))sql",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?)", "25, 301",
       "r.id DESC"},
      {"作業者 in (LOGINUSER())",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?)", "-1, 101",
       "r.id DESC"},
      {R"sql(カテゴリー in ("c1"))sql",
       "r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?)", "60, 'c1'",
       "r.id DESC"},
      {R"sql(作成者 in (LOGINUSER(), "suzuki"))sql", "r.creator IN (?, ?)", "101, 102",
       "r.id DESC"},
      {R"sql(更新者 not in ("sato"))sql", "(r.modifier = ?) IS NOT 1", "101", "r.id DESC"},
      {"$id = 5", "r.id = ?", "5", "r.id DESC"},
      {"$id > 100 order by $id asc limit 500", "r.id > ?", "100", "r.id ASC"},
      {"レコード番号 in (1, 2, 3)", "r.id IN (?, ?, ?)", "1, 2, 3", "r.id DESC"},
      {"$revision >= 2", "r.revision >= ?", "2", "r.id DESC"},
      {R"sql(date = "2026-04-01")sql", "r.f20 = ?", "'2026-04-01'", "r.id DESC"},
      {"date = TODAY()", "(r.f20 >= ? AND r.f20 <= ?)", "'2026-04-23', '2026-04-23'", "r.id DESC"},
      {"date != TODAY()", "((r.f20 >= ? AND r.f20 <= ?)) IS NOT 1", "'2026-04-23', '2026-04-23'",
       "r.id DESC"},
      {"date < THIS_MONTH()", "r.f20 < ?", "'2026-04-01'", "r.id DESC"},
      {"date <= THIS_MONTH()", "r.f20 <= ?", "'2026-04-30'", "r.id DESC"},
      {"date > THIS_MONTH()", "r.f20 > ?", "'2026-04-30'", "r.id DESC"},
      {"date >= THIS_MONTH()", "r.f20 >= ?", "'2026-04-01'", "r.id DESC"},
      {R"sql(date = "")sql", "r.f20 IS NULL", "", "r.id DESC"},
      {R"sql(time >= "09:30:15")sql", "r.f21 >= ?", "'09:30'", "r.id DESC"},
      {"dt = TODAY()", "(r.f22 >= ? AND r.f22 < ?)", "1776870000, 1776956400", "r.id DESC"},
      {"dt > NOW()", "r.f22 > ?", "1776953460", "r.id DESC"},
      {R"sql(dt = "2026-04-23T10:00:45Z")sql", "r.f22 = ?", "1776938400", "r.id DESC"},
      {R"sql(dt <= "2026-04-23T10:00:00+0900")sql", "r.f22 <= ?", "1776906000", "r.id DESC"},
      {R"sql(dt < "2026-04-23T10:00+09:00")sql", "r.f22 < ?", "1776906000", "r.id DESC"},
      {R"sql(dt = "2026-04-23")sql", "(r.f22 >= ? AND r.f22 < ?)", "1776870000, 1776956400",
       "r.id DESC"},
      {R"sql(dt = "")sql", "r.f22 IS NULL", "", "r.id DESC"},
      {"作成日時 >= LAST_WEEK()", "r.created_at >= ?", "1775919600", "r.id DESC"},
      {"更新日時 < FROM_TODAY(-7, DAYS)", "r.updated_at < ?", "1776265200", "r.id DESC"},
      {R"sql(item in ("x"))sql", "r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ?)", "'x'",
       "r.id DESC"},
      {R"sql(item in ("x") and qty > 3)sql",
       "(r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ? AND t.f31_n > ?))", "'x', 3.0",
       "r.id DESC"},
      {R"sql(item not in ("x"))sql",
       "(r.id IN (SELECT record_id FROM r1_t5) AND r.id NOT IN (SELECT t.record_id FROM r1_t5 t "
       "WHERE t.f30 = ?))",
       "'x'", "r.id DESC"},
      {R"sql(tags in ("t1"))sql",
       "r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.id IN (SELECT row_id FROM r1_mv WHERE "
       "field_id = ? AND value = ?))",
       "32, 't1'", "r.id DESC"},
      {R"sql(tags not in ("t1"))sql",
       "(r.id IN (SELECT record_id FROM r1_t5) AND r.id NOT IN (SELECT t.record_id FROM r1_t5 t "
       "WHERE t.id IN (SELECT row_id FROM r1_mv WHERE field_id = ? AND value = ?)))",
       "32, 't1'", "r.id DESC"},
      {"note is empty",
       "r.id IN (SELECT t.record_id FROM r1_t5 t WHERE trim(t.f33, char(32, 9, 10, 13)) = '')", "",
       "r.id DESC"},
      {"note is not empty",
       "(r.id IN (SELECT record_id FROM r1_t5) AND r.id NOT IN (SELECT t.record_id FROM r1_t5 t "
       "WHERE trim(t.f33, char(32, 9, 10, 13)) = ''))",
       "", "r.id DESC"},
      {R"sql(note like "abc")sql",
       "r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.id IN (SELECT rowid FROM r1_f33_fts WHERE "
       "r1_f33_fts MATCH ?))",
       R"sql('"abc"')sql", "r.id DESC"},
      {R"sql(item in ("x") and item2 in ("y") and qty < 5 and title = "t")sql",
       "(r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ? AND t.f31_n < ?) AND r.id IN "
       "(SELECT t.record_id FROM r1_t6 t WHERE t.f40 = ?) AND r.f10 = ?)",
       "'x', 5.0, 'y', 't'", "r.id DESC"},
      {R"sql(item in ("x") or qty > 3)sql",
       "(r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ?) OR r.id IN (SELECT t.record_id "
       "FROM r1_t5 t WHERE t.f31_n > ?))",
       "'x', 3.0", "r.id DESC"},
      {R"sql((item in ("x") or qty > 3) and title = "a")sql",
       "((r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ?) OR r.id IN (SELECT t.record_id "
       "FROM r1_t5 t WHERE t.f31_n > ?)) AND r.f10 = ?)",
       "'x', 3.0, 'a'", "r.id DESC"},
      {R"sql(title = "a" or num = 1 and drop in ("mid"))sql",
       "(r.f10 = ? OR (r.f14_n = ? AND r.f18 = ?))", "'a', 1.0, 'mid'", "r.id DESC"},
      {R"sql(org in (PRIMARY_ORGANIZATION()) and item in ("a"))sql",
       "(r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?) AND r.id IN "
       "(SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ?))",
       "24, 201, 'a'", "r.id DESC"},
      {"order by title, num desc", "1", "", "r.f10 ASC, r.f14_n DESC, r.id DESC"},
      {"order by drop desc, ステータス", "1", "'high', 'mid', 'low', '未処理', '処理中', '完了'",
       "CASE r.f18 WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 END DESC, CASE r.status WHEN ? THEN 0 "
       "WHEN ? THEN 1 WHEN ? THEN 2 END ASC, r.id DESC"},
      {"order by 作成者, 作成日時 desc, date, time, dt, radio, link, lookup", "1", "'r1', 'r2'",
       "r.creator ASC, r.created_at DESC, r.f20 ASC, r.f21 ASC, r.f22 ASC, CASE r.f17 WHEN ? THEN "
       "0 WHEN ? THEN 1 END ASC, r.f11 ASC, r.f63 ASC, r.id DESC"},
      {"order by レコード番号 desc", "1", "", "r.id DESC"},
      {R"sql(顧客名 = "東京")sql", "r.f61 = ?", "'東京'", "r.id DESC"},
      {R"sql(全角ＡＢＣ１ in ("x"))sql", "r.f62 = ?", "'x'", "r.id DESC"},
      {R"sql(lookup = "l")sql", "r.f63 = ?", "'l'", "r.id DESC"},
  };
  for (const SqlCase& c : cases) {
    auto r = Compile(c.query);
    ASSERT_TRUE(r.ok()) << c.query << ": " << r.error().ToString();
    EXPECT_EQ(r->where.sql, c.where) << c.query;
    std::vector<common::SqlValue> params = r->where.params;
    params.insert(params.end(), r->order_by.params.begin(), r->order_by.params.end());
    EXPECT_EQ(Render(params), c.params) << c.query;
    EXPECT_EQ(r->order_by.sql, c.order_by) << c.query;
  }
}

TEST_F(QueryCompilerTest, BindsEscapedAndJapaneseStringsAsParameters) {
  auto r = Compile(
      "\xE3\x80\x80顧客名\xE3\x80\x80in\r\n(\"東京\\\"都\\\\\", \"a\\tb\\nc\\r\")\xE3\x80\x80");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->where.sql, "r.f61 IN (?, ?)");
  EXPECT_EQ(Render(r->where.params), "'東京\"都\\', 'a\tb\nc\r'");
  auto injection = Compile(R"(title = "x' OR 1=1 --")");
  ASSERT_TRUE(injection.ok());
  EXPECT_EQ(injection->where.sql, "r.f10 = ?");
  EXPECT_EQ(Render(injection->where.params), "'x' OR 1=1 --'");
}

TEST_F(QueryCompilerTest, DefaultsAndPaging) {
  auto none = Compile("");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->where.sql, "1");
  EXPECT_FALSE(none->has_condition);
  EXPECT_EQ(none->order_by.sql, "r.id DESC");
  EXPECT_EQ(none->limit, 100);
  EXPECT_EQ(none->offset, 0);
  auto paged = Compile("title = \"a\" order by $id asc limit 500 offset 10000");
  ASSERT_TRUE(paged.ok());
  EXPECT_TRUE(paged->has_condition);
  EXPECT_EQ(paged->order_by.sql, "r.id ASC");
  EXPECT_EQ(paged->limit, 500);
  EXPECT_EQ(paged->offset, 10000);
  // An explicit $id key after another key replaces the tie-break.
  auto explicit_tie = Compile("order by num desc, $id asc");
  ASSERT_TRUE(explicit_tie.ok());
  EXPECT_EQ(explicit_tie->order_by.sql, "r.f14_n DESC, r.id ASC");
}

TEST_F(QueryCompilerTest, PrimaryOrganizationWithoutOneIsIgnored) {
  context_.primary_organization_id.reset();
  auto r = Compile("org in (PRIMARY_ORGANIZATION()) and title = \"a\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->where.sql, "(1 AND r.f10 = ?)");
  auto negated = Compile("org not in (PRIMARY_ORGANIZATION(), \"dev\")");
  ASSERT_TRUE(negated.ok());
  EXPECT_EQ(negated->where.sql, "1");
}

TEST_F(QueryCompilerTest, UnknownEntitiesMatchNothing) {
  context_.entities = nullptr;
  auto r = Compile("作成者 in (\"sato\") or user in (\"sato\", LOGINUSER())");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->where.sql,
            "(0 OR r.id IN (SELECT record_id FROM r1_mv WHERE field_id = ? AND value = ?))");
  EXPECT_EQ(Render(r->where.params), "23, 101");
}

TEST_F(QueryCompilerTest, DateFunctionsFollowTheCallersTimeZone) {
  // 2026-04-23T14:11Z is still the 23rd in New York (10:11 EDT) and in Tokyo (23:11 JST), but
  // already the 24th in Kiritimati (+14).
  struct Case {
    std::string_view zone;
    std::string_view date_params;
    std::string_view datetime_params;
  };
  const Case cases[] = {
      {"Asia/Tokyo", "'2026-04-23', '2026-04-23'", "1776870000, 1776956400"},
      {"America/New_York", "'2026-04-23', '2026-04-23'", "1776916800, 1777003200"},
      {"Pacific/Kiritimati", "'2026-04-24', '2026-04-24'", "1776938400, 1777024800"},
      {"UTC", "'2026-04-23', '2026-04-23'", "1776902400, 1776988800"},
  };
  for (const Case& c : cases) {
    context_.time_zone = std::string(c.zone);
    auto date = Compile("date = TODAY()");
    ASSERT_TRUE(date.ok());
    EXPECT_EQ(Render(date->where.params), c.date_params) << c.zone;
    auto datetime = Compile("dt = TODAY()");
    ASSERT_TRUE(datetime.ok());
    EXPECT_EQ(Render(datetime->where.params), c.datetime_params) << c.zone;
  }
  context_.time_zone = "Nowhere/Atlantis";
  auto bad = Compile("date = TODAY()");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), common::ErrorCode::kInternal);
}

TEST_F(QueryCompilerTest, LocalDateTimeLiteralsUseTheCallersZone) {
  auto r = Compile(R"(dt >= "2026-04-23T09:00" and dt < "2026-04-23 10:00:59.5")");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Render(r->where.params), "1776902400, 1776906000");  // 00:00Z and 01:00Z
}

TEST_F(QueryCompilerTest, CompilesBareConditionsAndSorts) {
  auto c = CompileCondition("title = \"a\" and num > 1", schema_, context_, dialect_);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sql, "(r.f10 = ? AND r.f14_n > ?)");
  EXPECT_EQ(Render(c->params), "'a', 1.0");
  auto empty = CompileCondition(" ", schema_, context_, dialect_);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->sql, "1");
  EXPECT_FALSE(CompileCondition("title = \"a\" limit 5", schema_, context_, dialect_).ok());
  auto none = CompileSort("\xE3\x80\x80", schema_, context_, dialect_);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->sql, "r.id DESC");
  auto s = CompileSort("レコード番号 desc", schema_, context_, dialect_);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->sql, "r.id DESC");
  auto drop = CompileSort("drop, title desc", schema_, context_, dialect_);
  ASSERT_TRUE(drop.ok());
  EXPECT_EQ(drop->sql,
            "CASE r.f18 WHEN ? THEN 0 WHEN ? THEN 1 WHEN ? THEN 2 END ASC, r.f10 DESC, r.id DESC");
  auto unsortable = CompileSort("memo", schema_, context_, dialect_);
  ASSERT_FALSE(unsortable.ok());
  EXPECT_EQ(unsortable.error().code(), common::ErrorCode::kUnsortable);
}

TEST_F(QueryCompilerTest, StatusWithoutStateListSortsByName) {
  schema_.SetOptions("ステータス", {});
  auto r = Compile("order by ステータス desc");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->order_by.sql, "r.status DESC, r.id DESC");
}

// Numbered placeholders, as PostgreSQL will need: where, then order_by, then limit/offset.
class NumberedDialect final : public SqlDialect {
 public:
  std::string Placeholder(size_t index) const override { return "$" + std::to_string(index); }
  std::string NotTrue(std::string_view c) const override {
    return "(" + std::string(c) + ") IS NOT TRUE";
  }
  std::string IsBlank(std::string_view e) const override {
    return "btrim(" + std::string(e) + ") = ''";
  }
  std::string OrderTerm(std::string_view e, bool desc) const override {
    return std::string(e) + (desc ? " DESC NULLS LAST" : " ASC NULLS FIRST");
  }
  std::string BinaryText(std::string_view e) const override {
    return std::string(e) + " COLLATE \"C\"";
  }
  std::string FullTextIds(int64_t app, int64_t field, std::string_view ph) const override {
    return "SELECT id FROM r" + std::to_string(app) + " WHERE f" + std::to_string(field) +
           " ILIKE " + std::string(ph);
  }
  std::string BackgroundFullTextIds(int64_t app, int64_t field,
                                    std::string_view ph) const override {
    return FullTextIds(app, field, ph);
  }
  std::string FullTextPattern(std::string_view text) const override {
    return "%" + std::string(text) + "%";
  }
  std::string PendingFullTextIds(int64_t app) const override {
    return "SELECT id FROM r" + std::to_string(app) + "_queue";
  }
  std::string ContainsText(std::string_view e, std::string_view ph) const override {
    return "strpos(" + std::string(e) + ", " + std::string(ph) + ") > 0";
  }
  FullTextDriver DriveByFullText(int64_t app, int64_t field, std::string_view ph) const override {
    const std::string table = "r" + std::to_string(app);
    return {table + " r", table + " r", "r.f" + std::to_string(field) + " ILIKE " + std::string(ph),
            "r.id"};
  }
  std::string DateOfInstant(std::string_view e) const override {
    return "to_char(to_timestamp(" + std::string(e) + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
  }
  std::string DateBucket(std::string_view e, TimeBucket) const override { return std::string(e); }
};

TEST_F(QueryCompilerTest, NumbersPlaceholdersAcrossFragments) {
  NumberedDialect numbered;
  auto r = CompileQuery(R"(title in ("a", "b") and memo like "k" order by drop, title limit 5)",
                        schema_, context_, numbered);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->where.sql,
            "(r.f10 IN ($1, $2) AND (r.id IN (SELECT id FROM r1 WHERE f12 ILIKE $3 AND rowid NOT "
            "IN (SELECT id FROM r1_queue)) OR (r.id IN (SELECT id FROM r1_queue) AND "
            "strpos(r.f12, $4) > 0)))");
  EXPECT_EQ(r->order_by.sql,
            "CASE r.f18 WHEN $5 THEN 0 WHEN $6 THEN 1 WHEN $7 THEN 2 END ASC NULLS FIRST, "
            "r.f10 COLLATE \"C\" ASC NULLS FIRST, r.id DESC NULLS LAST");
  SqlFragment select = AssembleSelect("r.id", *r, numbered);
  EXPECT_EQ(select.sql.substr(select.sql.size() - 18), "LIMIT $8 OFFSET $9");
  EXPECT_EQ(Render(select.params), "'a', 'b', '%k%', 'k', 'high', 'mid', 'low', 5, 0");
  auto shifted = CompileCondition("title = \"a\"", schema_, context_, numbered, 4);
  ASSERT_TRUE(shifted.ok());
  EXPECT_EQ(shifted->sql, "r.f10 = $4");
}

TEST_F(QueryCompilerTest, AssemblesASelectStatement) {
  auto r = Compile("num > 5 order by title limit 20 offset 40");
  ASSERT_TRUE(r.ok());
  SqlFragment select = AssembleSelect("r.id", *r, dialect_);
  EXPECT_EQ(select.sql,
            "SELECT r.id FROM r1 r WHERE r.id IN (SELECT r.id FROM r1 r WHERE r.f14_n > ? ORDER BY "
            "r.f10 ASC, r.id DESC LIMIT ? OFFSET ?) ORDER BY r.f10 ASC, r.id DESC");
  EXPECT_EQ(Render(select.params), "5.0, 20, 40");
  EXPECT_EQ(AssembleCount(*r).sql, "SELECT count(*) FROM r1 r WHERE r.f14_n > ?");

  auto first = Compile("num > 5 order by title limit 20");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(AssembleSelect("r.id", *first, dialect_).sql,
            "SELECT r.id FROM r1 r WHERE r.f14_n > ? ORDER BY r.f10 ASC, r.id DESC LIMIT ? "
            "OFFSET ?");
  // Parameters in the ORDER BY (option positions) would be bound twice: no id-first page.
  auto by_option = Compile("order by drop limit 20 offset 40");
  ASSERT_TRUE(by_option.ok());
  EXPECT_EQ(AssembleSelect("r.id", *by_option, dialect_).sql.find("IN (SELECT"), std::string::npos);
}

TEST_F(QueryCompilerTest, TopLevelLikeOrderedByIdIsDrivenByTheFullTextIndex) {
  struct DrivenCase {
    std::string_view query;
    std::string_view from;
    std::string_view count_from;
    std::string where;
    std::string_view params;
    std::string_view order_by;
  };
  const std::string joined = "search.r1_f10_fts f JOIN r1 r ON r.id = f.rowid";
  const std::string match =
      "f.r1_f10_fts MATCH ? AND f.rowid NOT IN (SELECT id FROM r1_fts_pending)";
  const std::string memo_like =
      "(r.id IN (SELECT rowid FROM search.r1_f12_fts WHERE r1_f12_fts MATCH ? AND rowid NOT IN (SELECT "
      "id FROM r1_fts_pending)) OR (r.id IN (SELECT id FROM r1_fts_pending) AND "
      "tsumiki_contains(r.f12, ?)))";
  const DrivenCase cases[] = {
      {R"(title like "abc")", joined, "search.r1_f10_fts f", match, R"('"abc"')", "f.rowid DESC"},
      {R"(title like "abc" order by $id asc, num desc)", joined, "search.r1_f10_fts f", match,
       R"('"abc"')", "f.rowid ASC"},
      {R"(title like "abc" order by レコード番号 desc)", joined, "search.r1_f10_fts f", match,
       R"('"abc"')", "f.rowid DESC"},
      {R"(num > 5 and title like "abc" and drop in ("high"))", joined, joined,
       match + " AND (r.f14_n > ? AND r.f18 = ?)", R"('"abc"', 5.0, 'high')", "f.rowid DESC"},
      {R"(num > 5 and title like "abc")", joined, joined, match + " AND r.f14_n > ?",
       R"('"abc"', 5.0)", "f.rowid DESC"},
      // The longest text drives; the other `like` stays a condition.
      {R"(memo like "ab" and title like "abcd")", joined, joined, match + " AND " + memo_like,
       R"('"abcd"', '"ab"', 'ab')", "f.rowid DESC"},
      {R"(title like "abc" and item in ("x"))", joined, joined,
       match + " AND r.id IN (SELECT t.record_id FROM r1_t5 t WHERE t.f30 = ?)", R"('"abc"', 'x')",
       "f.rowid DESC"},
  };
  for (const DrivenCase& c : cases) {
    auto r = Compile(c.query);
    ASSERT_TRUE(r.ok()) << c.query << ": " << r.error().ToString();
    EXPECT_TRUE(r->driven_by_full_text) << c.query;
    EXPECT_EQ(r->from, c.from) << c.query;
    EXPECT_EQ(r->count_from, c.count_from) << c.query;
    EXPECT_EQ(r->where.sql, c.where) << c.query;
    EXPECT_EQ(Render(r->where.params), c.params) << c.query;
    EXPECT_EQ(r->order_by.sql, c.order_by) << c.query;
    // The queued records' arm: the same condition over the record table.
    EXPECT_EQ(r->pending_from, "r1 r") << c.query;
    EXPECT_TRUE(r->pending_where.sql.starts_with(
        "r.id IN (SELECT id FROM r1_fts_pending) AND tsumiki_contains(r.f10, ?)"))
        << r->pending_where.sql;
  }
  // Not driven: another order, `or`, negation, blank text, a subtable field.
  for (std::string_view query : {
           R"(title like "abc" order by num)",
           R"(title like "abc" or num > 5)",
           R"(title not like "abc")",
           R"(title like "  " and num > 5)",
           R"(note like "abc")",
           R"(num > 5 and (title like "abc" or title like "def"))",
       }) {
    auto r = Compile(query);
    ASSERT_TRUE(r.ok()) << query;
    EXPECT_FALSE(r->driven_by_full_text) << query;
    EXPECT_EQ(r->from, "r1 r") << query;
    EXPECT_EQ(r->count_from, "r1 r") << query;
    EXPECT_EQ(r->pending_from, "") << query;
  }
  // An index-driven page reads at most offset + limit matches from the index, adds the queued
  // records that match, and cuts the page from both by id.
  auto deep = Compile(R"(title like "abc" limit 10 offset 20)");
  ASSERT_TRUE(deep.ok());
  const SqlFragment page = AssembleSelect("r.id", *deep, dialect_);
  EXPECT_EQ(
      page.sql,
      "SELECT r.id FROM r1 r WHERE r.id IN (SELECT id FROM (SELECT r.id AS id FROM search.r1_f10_fts "
      "f JOIN r1 r ON r.id = f.rowid WHERE f.r1_f10_fts MATCH ? AND f.rowid NOT IN (SELECT id "
      "FROM r1_fts_pending) ORDER BY f.rowid DESC LIMIT ?) UNION ALL SELECT r.id FROM r1 r "
      "WHERE r.id IN (SELECT id FROM r1_fts_pending) AND tsumiki_contains(r.f10, ?)) ORDER "
      "BY r.id DESC LIMIT ? OFFSET ?");
  EXPECT_EQ(Render(page.params), R"('"abc"', 30, 'abc', 10, 20)");
  const SqlFragment count = AssembleCount(*deep);
  EXPECT_EQ(count.sql,
            "SELECT (SELECT count(*) FROM search.r1_f10_fts f WHERE f.r1_f10_fts MATCH ? AND f.rowid NOT "
            "IN (SELECT id FROM r1_fts_pending)) + (SELECT count(*) FROM r1 r WHERE r.id IN "
            "(SELECT id FROM r1_fts_pending) AND tsumiki_contains(r.f10, ?))");
  EXPECT_EQ(Render(count.params), R"('"abc"', 'abc')");
}

}  // namespace
}  // namespace query

// The shape cache answers exactly as CompileQuery for every query, reuses only shapes whose SQL
// ignores the literals, and never serves a field the caller cannot see or a form that is gone.
#include "query/compiled_query_cache.h"

#include <gtest/gtest.h>

#include <set>

#include "query/sqlite_dialect.h"
#include "test_schema.h"

namespace query {
namespace {

// TestSchema with some fields hidden, as a caller without view rights on them sees it.
class HidingSchema final : public SchemaLookup {
 public:
  HidingSchema(const SchemaLookup& inner, std::set<std::string> hidden)
      : inner_(inner), hidden_(std::move(hidden)) {}
  const FieldInfo* Find(std::string_view code) const override {
    return hidden_.contains(std::string(code)) ? nullptr : inner_.Find(code);
  }
  int64_t app_id() const override { return inner_.app_id(); }

 private:
  const SchemaLookup& inner_;
  std::set<std::string> hidden_;
};

void ExpectSame(const common::Result<CompiledQuery>& got, const common::Result<CompiledQuery>& want,
                std::string_view text) {
  SCOPED_TRACE(std::string(text));
  ASSERT_EQ(got.ok(), want.ok());
  if (!want.ok()) {
    EXPECT_EQ(got.error().code(), want.error().code());
    EXPECT_EQ(got.error().ToString(), want.error().ToString());
    return;
  }
  EXPECT_EQ(got->from, want->from);
  EXPECT_EQ(got->count_from, want->count_from);
  EXPECT_EQ(got->record_from, want->record_from);
  EXPECT_EQ(got->where.sql, want->where.sql);
  EXPECT_EQ(got->where.params, want->where.params);
  EXPECT_EQ(got->order_by.sql, want->order_by.sql);
  EXPECT_EQ(got->order_by.params, want->order_by.params);
  EXPECT_EQ(got->limit, want->limit);
  EXPECT_EQ(got->offset, want->offset);
  EXPECT_EQ(got->has_condition, want->has_condition);
  EXPECT_EQ(got->driven_by_full_text, want->driven_by_full_text);
  EXPECT_EQ(got->pending_from, want->pending_from);
  EXPECT_EQ(got->pending_where.sql, want->pending_where.sql);
  EXPECT_EQ(got->pending_where.params, want->pending_where.params);
  EXPECT_EQ(got->ordered_by_id, want->ordered_by_id);
  EXPECT_EQ(got->count_plan == nullptr, want->count_plan == nullptr);
}

class CompiledQueryCacheTest : public ::testing::Test {
 protected:
  common::Result<CompiledQuery> Cached(std::string_view text, const SchemaLookup& schema) {
    return cache_.Compile(text, schema, context_, dialect_, form_);
  }
  common::Result<CompiledQuery> Direct(std::string_view text, const SchemaLookup& schema) {
    return CompileQuery(text, schema, context_, dialect_);
  }

  testing::TestSchema schema_;
  testing::TestEntities entities_;
  QueryContext context_ = testing::TestContext(&entities_);
  SqliteDialect dialect_;
  std::shared_ptr<const int> form_ = std::make_shared<const int>(1);
  CompiledQueryCache cache_;
};

TEST_F(CompiledQueryCacheTest, SameShapeOtherLiteralsIsAHitWithThoseLiterals) {
  ExpectSame(Cached(R"(title = "R2025-0001234")", schema_),
             Direct(R"(title = "R2025-0001234")", schema_), "first");
  EXPECT_EQ(cache_.stats().hits, 0u);
  for (const char* text :
       {R"(title = "R2024-0617369")", R"(title = "田中 \"一郎\"")", R"(title = " ")"}) {
    ExpectSame(Cached(text, schema_), Direct(text, schema_), text);
  }
  EXPECT_EQ(cache_.stats().hits, 3u);
  EXPECT_EQ(cache_.stats().entries, 1u);
}

// Pairs of texts of one shape: the second must come out as CompileQuery makes it, whether the
// cache serves it or not.
TEST_F(CompiledQueryCacheTest, AnswersAsCompileQueryForEveryShape) {
  const std::pair<const char*, const char*> pairs[] = {
      {R"(title = "a")", R"(title = "b")"},
      {R"(title != "a")", R"(title != "b")"},
      {R"(title in ("a", "", "b"))", R"(title in ("c", "", "d"))"},
      {R"(title not in ("a", "b") and link = "x")", R"(title not in ("c", "d") and link = "y")"},
      {R"(title = "a" or (memo != "b" and link in ("c")))",
       R"(title = "x" or (memo != "y" and link in ("z")))"},
      {R"(item in ("a") order by num desc limit 5 offset 10)",
       R"(item in ("b") order by num desc limit 5 offset 10)"},
      {R"(title = "a" order by ステータス, 作成日時 desc)",
       R"(title = "b" order by ステータス, 作成日時 desc)"},
      {"order by num limit 20", "order by num limit 20"},
      {"", ""},
      // Not kept: their SQL or parameters depend on the values.
      {R"(title like "ab")", R"(title like "abc")"},
      {R"(title like "a")", R"(title like "abc")"},
      {R"(num = "1")", R"(num = "2.50")"},
      {R"(drop in ("high"))", R"(drop in ("low"))"},
      {R"(user in ("sato"))", R"(user in ("nobody"))"},
      {R"(date = "2026-04-01")", R"(date = "2026-04-02")"},
      {R"(dt = "2026-04-01")", R"(dt = "2026-04-01T10:00:00Z")"},
      {R"($id = "5")", R"($id = "6")"},
      {R"(レコード番号 = "5")", R"(レコード番号 = "6")"},
      {"title = LOGINUSER()", "title = LOGINUSER()"},
      {R"(作成者 in (LOGINUSER(), "sato"))", R"(作成者 in (LOGINUSER(), "suzuki"))"},
      {R"(作成日時 = TODAY() and title = "a")", R"(作成日時 = TODAY() and title = "b")"},
      {R"(title = 12)", R"(title = 13)"},
      // Errors: the same error either way.
      {R"(nosuch = "a")", R"(nosuch = "b")"},
      {R"(drop in ("nope"))", R"(drop in ("nope2"))"},
      {R"(title = "a" limit 999999)", R"(title = "b" limit 999999)"},
      {R"(title = "a)", R"(title = "b)"},
  };
  for (const auto& [first, second] : pairs) {
    ExpectSame(Cached(first, schema_), Direct(first, schema_), first);
    ExpectSame(Cached(second, schema_), Direct(second, schema_), second);
    ExpectSame(Cached(second, schema_), Direct(second, schema_), second);  // from the cache now
  }
}

TEST_F(CompiledQueryCacheTest, KeepsOnlyShapesWhoseSqlIgnoresTheLiterals) {
  for (const char* text :
       {R"(title like "ab")", R"(num = "1")", R"(drop in ("high"))", R"(user in ("sato"))",
        R"(date = "2026-04-01")", R"($id = "5")", "作成者 in (LOGINUSER())", R"(title = 12)"}) {
    ASSERT_TRUE(Cached(text, schema_).ok()) << text;
    ASSERT_TRUE(Cached(text, schema_).ok()) << text;
  }
  EXPECT_EQ(cache_.stats().hits, 0u);
  EXPECT_EQ(cache_.stats().entries, 0u);
}

TEST_F(CompiledQueryCacheTest, EmptyStringIsAnotherShape) {
  ExpectSame(Cached(R"(title = "a")", schema_), Direct(R"(title = "a")", schema_), "a");
  ExpectSame(Cached(R"(title = "")", schema_), Direct(R"(title = "")", schema_), "empty");
  ExpectSame(Cached(R"(title = "b")", schema_), Direct(R"(title = "b")", schema_), "b");
  ExpectSame(Cached(R"(title = "")", schema_), Direct(R"(title = "")", schema_), "empty again");
  EXPECT_EQ(Cached(R"(title = "")", schema_)->where.sql, "r.f10 = ''");
  EXPECT_EQ(cache_.stats().entries, 2u);
}

// Equal literals leave no way to tell which parameter is which: not kept from such a text (the
// next text of the shape with distinct values is).
TEST_F(CompiledQueryCacheTest, RepeatedLiteralsAreNotUsedAsTheTemplate) {
  ExpectSame(Cached(R"(title = "a" or link = "a")", schema_),
             Direct(R"(title = "a" or link = "a")", schema_), "repeated");
  EXPECT_EQ(cache_.stats().entries, 0u);
  ExpectSame(Cached(R"(title = "a" or link = "b")", schema_),
             Direct(R"(title = "a" or link = "b")", schema_), "distinct");
  ExpectSame(Cached(R"(title = "c" or link = "c")", schema_),
             Direct(R"(title = "c" or link = "c")", schema_), "repeated, served");
  EXPECT_EQ(cache_.stats().hits, 1u);
}

TEST_F(CompiledQueryCacheTest, HiddenFieldIsNotFoundEvenWhenTheShapeIsCached) {
  HidingSchema hiding(schema_, {"title"});
  ASSERT_TRUE(Cached(R"(title = "a" order by num)", schema_).ok());
  auto hidden = Cached(R"(title = "b" order by num)", hiding);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code(), common::ErrorCode::kQueryFieldNotFound);
  ExpectSame(hidden, Direct(R"(title = "b" order by num)", hiding), "hidden");
  // A hidden sort key as well.
  HidingSchema no_num(schema_, {"num"});
  ExpectSame(Cached(R"(title = "c" order by num)", no_num),
             Direct(R"(title = "c" order by num)", no_num), "hidden sort key");
  // Whoever sees the field still gets the cached shape.
  const uint64_t hits = cache_.stats().hits;
  ExpectSame(Cached(R"(title = "d" order by num)", schema_),
             Direct(R"(title = "d" order by num)", schema_), "visible again");
  EXPECT_EQ(cache_.stats().hits, hits + 1);
}

// A deploy makes a new live form: shapes compiled against the old one are not used for it,
// even when the new form reuses field codes for other fields.
TEST_F(CompiledQueryCacheTest, AnotherFormCompilesAfresh) {
  ASSERT_TRUE(Cached(R"(title = "a")", schema_).ok());
  testing::TestSchema redeployed;
  redeployed.SetOptions("title", {});
  auto next_form = std::make_shared<const int>(2);
  auto again = cache_.Compile(R"(title = "b")", redeployed, context_, dialect_, next_form);
  ExpectSame(again, Direct(R"(title = "b")", redeployed), "new form");
  EXPECT_EQ(cache_.stats().hits, 0u);

  // The old form gone: its entry is never used, whatever object takes its address.
  form_.reset();
  form_ = std::make_shared<const int>(3);
  ExpectSame(Cached(R"(title = "c")", redeployed), Direct(R"(title = "c")", redeployed),
             "after the old form is gone");
  EXPECT_EQ(cache_.stats().hits, 0u);
}

TEST_F(CompiledQueryCacheTest, WithoutAFormNothingIsKept) {
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(cache_.Compile(R"(title = "a")", schema_, context_, dialect_, nullptr).ok());
  }
  EXPECT_EQ(cache_.stats().entries, 0u);
  EXPECT_EQ(cache_.stats().hits, 0u);
}

TEST_F(CompiledQueryCacheTest, LimitsOfTheContextArePartOfTheShape) {
  ASSERT_TRUE(Cached(R"(title = "a" limit 400)", schema_).ok());
  context_.max_limit = 300;
  auto refused = Cached(R"(title = "b" limit 400)", schema_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), common::ErrorCode::kLimitTooLarge);
}

TEST_F(CompiledQueryCacheTest, StaysWithinItsCapacity) {
  CompiledQueryCache small(4);
  for (int i = 0; i < 20; ++i) {
    const std::string text = "title = \"a\" limit " + std::to_string(i + 1);
    ExpectSame(small.Compile(text, schema_, context_, dialect_, form_), Direct(text, schema_),
               text);
    EXPECT_LE(small.stats().entries, 4u);
  }
}

}  // namespace
}  // namespace query

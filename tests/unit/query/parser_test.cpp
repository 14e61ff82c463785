#include "query/parser.h"

#include <gtest/gtest.h>

namespace query {
namespace {

Predicate P(std::string code, Op op, std::vector<Value> values = {}) {
  return Predicate{{std::move(code), ""}, op, std::move(values)};
}
Value S(std::string text) { return {Value::Kind::kString, std::move(text), {}}; }
Value N(std::string text) { return {Value::Kind::kNumber, std::move(text), {}}; }
Value F(std::string name, std::vector<std::string> args = {}) {
  return {Value::Kind::kFunction, "", {std::move(name), std::move(args)}};
}
Condition Leaf(Predicate p) { return {Condition::Kind::kPredicate, std::move(p), {}}; }
Condition Node(Condition::Kind kind, std::vector<Condition> children) {
  return {kind, {}, std::move(children)};
}

Condition MustParseCondition(std::string_view text) {
  auto q = ParseQuery(text);
  EXPECT_TRUE(q.ok()) << text << ": " << (q.ok() ? "" : q.error().ToString());
  if (!q.ok() || !q->condition) return {};
  return *q->condition;
}

TEST(QueryParser, ParsesEveryPredicateForm) {
  struct Case {
    std::string_view text;
    Predicate expected;
  };
  const Case cases[] = {
      {R"(a = "x")", P("a", Op::kEq, {S("x")})},
      {R"(a != "x")", P("a", Op::kNe, {S("x")})},
      {"a > 10", P("a", Op::kGt, {N("10")})},
      {"a < -10.5", P("a", Op::kLt, {N("-10.5")})},
      {R"(a >= "-3")", P("a", Op::kGe, {S("-3")})},
      {"a <= TODAY()", P("a", Op::kLe, {F("TODAY")})},
      {R"(a in ("x", "", 3))", P("a", Op::kIn, {S("x"), S(""), N("3")})},
      {R"(a NOT IN ("x"))", P("a", Op::kNotIn, {S("x")})},
      {R"(a like "k")", P("a", Op::kLike, {S("k")})},
      {R"(a Not Like "k")", P("a", Op::kNotLike, {S("k")})},
      {"a is empty", P("a", Op::kIsEmpty)},
      {"a IS NOT EMPTY", P("a", Op::kIsNotEmpty)},
      {"a = from_today(-3, days)", P("a", Op::kEq, {F("FROM_TODAY", {"-3", "DAYS"})})},
      {"a in (LOGINUSER(), \"sato\")", P("a", Op::kIn, {F("LOGINUSER"), S("sato")})},
      {"a = THIS_MONTH(LAST)", P("a", Op::kEq, {F("THIS_MONTH", {"LAST"})})},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(MustParseCondition(c.text), Leaf(c.expected)) << c.text;
  }
}

TEST(QueryParser, AndBindsTighterThanOr) {
  const Condition a = Leaf(P("a", Op::kEq, {N("1")}));
  const Condition b = Leaf(P("b", Op::kEq, {N("2")}));
  const Condition c = Leaf(P("c", Op::kEq, {N("3")}));
  using K = Condition::Kind;
  EXPECT_EQ(MustParseCondition("a = 1 or b = 2 and c = 3"),
            Node(K::kOr, {a, Node(K::kAnd, {b, c})}));
  EXPECT_EQ(MustParseCondition("(a = 1 or b = 2) and c = 3"),
            Node(K::kAnd, {Node(K::kOr, {a, b}), c}));
  EXPECT_EQ(MustParseCondition("a = 1 and b = 2 and c = 3"), Node(K::kAnd, {a, b, c}));
  EXPECT_EQ(MustParseCondition("((a = 1))"), a);
}

TEST(QueryParser, ParsesClausesInFixedOrder) {
  auto q = ParseQuery("a = 1 order by a desc, $id ASC, b limit 20 offset 40");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->order_by.size(), 3u);
  EXPECT_EQ(q->order_by[0], (SortKey{{"a", ""}, true}));
  EXPECT_EQ(q->order_by[1], (SortKey{{"$id", ""}, false}));
  EXPECT_EQ(q->order_by[2], (SortKey{{"b", ""}, false}));
  EXPECT_EQ(q->limit, 20);
  EXPECT_EQ(q->offset, 40);

  auto only_limit = ParseQuery("limit 500 offset 0");
  ASSERT_TRUE(only_limit.ok());
  EXPECT_FALSE(only_limit->condition.has_value());
  EXPECT_EQ(only_limit->limit, 500);

  auto empty = ParseQuery(" \xE3\x80\x80 ");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->condition || empty->limit || empty->offset || !empty->order_by.empty());

  auto order_only = ParseQuery("ORDER BY $id asc LIMIT 500");
  ASSERT_TRUE(order_only.ok());
  EXPECT_EQ(order_only->order_by.size(), 1u);

  auto negative = ParseQuery("limit -1");
  ASSERT_TRUE(negative.ok());
  EXPECT_EQ(negative->limit, -1);

  auto huge = ParseQuery("offset 99999999999999999999999");
  ASSERT_TRUE(huge.ok());
  EXPECT_EQ(huge->offset, INT64_MAX);
}

TEST(QueryParser, KeywordsAreOnlyKeywordsInTheirPlace) {
  // A field may be called "limit" or "order".
  EXPECT_EQ(MustParseCondition("limit = 5"), Leaf(P("limit", Op::kEq, {N("5")})));
  EXPECT_EQ(MustParseCondition("order in (\"a\")"), Leaf(P("order", Op::kIn, {S("a")})));
}

TEST(QueryParser, SplitsRelatedRecordsReferences) {
  const Condition c = MustParseCondition("ref.$id > 3");
  EXPECT_EQ(c.predicate.field.related, "ref");
  EXPECT_EQ(c.predicate.field.code, "$id");
}

TEST(QueryParser, ParsesConditionsAndSortKeysAlone) {
  auto c = ParseCondition("a = 1 and b = 2");
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c->has_value());
  EXPECT_EQ((*c)->kind, Condition::Kind::kAnd);
  auto none = ParseCondition("  ");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  EXPECT_FALSE(ParseCondition("a = 1 limit 5").ok());
  auto keys = ParseSortKeys("レコード番号 desc, 数値");
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_TRUE((*keys)[0].descending);
  EXPECT_EQ((*keys)[1].field.code, "数値");
}

TEST(QueryParser, RejectsSyntaxErrors) {
  for (std::string_view bad : {
           "a =",
           "a = 1 and",
           "(a = 1",
           "a = 1)",
           "a in ()",
           "a in (\"x\"",
           "a in \"x\"",
           "a like 5",
           "a is null",
           "a is not",
           "a not = 1",
           "a = b",
           "a = 1 b = 2",
           "a = 1 limit 5 order by a",
           "limit 5 offset 2 limit 3",
           "order a",
           "order by",
           "a = 1 order by b,",
           "limit 1.5",
           "limit \"5\"",
           "a = TODAY(",
           "a = F(\"x\")",
           ".a = 1",
           "a. = 1",
           "a.b.c = 1",
           "= 1",
           "a = 1 and and b = 2",
       }) {
    auto r = ParseQuery(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code(), common::ErrorCode::kInvalidInput) << bad;
    ASSERT_FALSE(r.error().fields().empty());
    EXPECT_EQ(r.error().fields()[0].key, "query");
  }
}

}  // namespace
}  // namespace query

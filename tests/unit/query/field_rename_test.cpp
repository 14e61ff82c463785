#include "query/field_rename.h"

#include <gtest/gtest.h>

#include "query/parser.h"
#include "query/printer.h"

namespace query {
namespace {

Condition MustParse(std::string_view text) {
  auto c = ParseCondition(text);
  EXPECT_TRUE(c.ok() && c->has_value()) << text;
  return c.ok() && *c ? **c : Condition{};
}

TEST(QueryPrinter, PrintsWhatParsesBackToTheSameTree) {
  const std::string_view cases[] = {
      R"(a = "x")",
      R"(a != "quote \" back \\ tab \t nl \n cr \r")",
      "a > 10 and b < -10.5",
      "a <= TODAY() and b > FROM_TODAY(-3, DAYS) and c in (LOGINUSER(), \"u\")",
      R"(a in ("x", "", 3) or b not in ("y"))",
      R"(a like "検索" and b not like "x")",
      "a is empty or b is not empty",
      R"(a = "1" and (b = "2" or c = "3") and d = "4")",
      R"((a = "1" and b = "2") or (c = "3" and (d = "4" or e = "5")))",
      R"(関連.顧客名 = "x" and $id > 5)",
      R"(文字列＿１ = "全角　スペース")",
  };
  for (std::string_view text : cases) {
    Condition parsed = MustParse(text);
    std::string printed = PrintCondition(parsed);
    EXPECT_EQ(MustParse(printed), parsed) << text << " -> " << printed;
  }
  EXPECT_EQ(PrintCondition(MustParse(R"(a  =  "x"   AND (b is  empty OR c in ( 1 ,2 )))")),
            R"(a = "x" and (b is empty or c in (1, 2)))");
}

TEST(QueryPrinter, PrintsSortKeys) {
  auto keys = ParseSortKeys("レコード番号 desc, 数値, b ASC");
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(PrintSortKeys(*keys), "レコード番号 desc, 数値 asc, b asc");
  EXPECT_EQ(PrintSortKeys({}), "");
}

TEST(QueryFieldRename, RenamesEveryReferenceAndOnlyOurPartOfRelatedReferences) {
  FieldChanges changes;
  changes.renamed = {{"a", "新a"}, {"rel", "rel2"}, {"x", "y"}};
  bool changed = false;
  auto out =
      ApplyFieldChanges(MustParse(R"(a = "a" and (rel.x = "1" or b in ("a")))"), changes, changed);
  ASSERT_TRUE(out);
  EXPECT_TRUE(changed);
  // The value "a" is data, not a field; `x` in rel.x is the other app's field.
  EXPECT_EQ(PrintCondition(*out), R"(新a = "a" and (rel2.x = "1" or b in ("a")))");

  changed = false;
  auto same = ApplyFieldChanges(MustParse(R"(b = "a")"), changes, changed);
  EXPECT_FALSE(changed);
  ASSERT_TRUE(same);
  EXPECT_EQ(PrintCondition(*same), R"(b = "a")");
}

TEST(QueryFieldRename, LeavesOutPredicatesOnRemovedFieldsAndCollapsesTheTree) {
  FieldChanges changes;
  changes.removed = {"gone"};
  bool changed = false;
  auto out = ApplyFieldChanges(
      MustParse(R"(a = "1" and (gone = "2" or c = "3") and gone is empty)"), changes, changed);
  ASSERT_TRUE(out);
  EXPECT_TRUE(changed);
  EXPECT_EQ(PrintCondition(*out), R"(a = "1" and c = "3")");

  changed = false;
  EXPECT_FALSE(ApplyFieldChanges(MustParse(R"(gone = "1" or gone = "2")"), changes, changed));
  EXPECT_TRUE(changed);
}

TEST(QueryFieldRename, SortKeysFollowRenamesAndDropRemovedFields) {
  FieldChanges changes;
  changes.renamed = {{"a", "b"}};
  changes.removed = {"gone"};
  auto keys = ParseSortKeys("gone desc, a desc, $id asc");
  ASSERT_TRUE(keys.ok());
  bool changed = false;
  EXPECT_EQ(PrintSortKeys(ApplyFieldChanges(*keys, changes, changed)), "b desc, $id asc");
  EXPECT_TRUE(changed);
}

}  // namespace
}  // namespace query

#include "domain/apps/index_plan.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "domain/fields/field_set.h"

namespace domain {
namespace {

namespace json = boost::json;
using common::FieldType;

FieldDef Field(int64_t id, const char* code, FieldType type, bool unique = false) {
  FieldDef f;
  f.id = id;
  f.code = code;
  f.type = type;
  f.unique = unique;
  return f;
}

FieldSet Form() {
  FieldDef table = Field(9, "明細", FieldType::kSubtable);
  table.fields.push_back(Field(10, "品名", FieldType::kSingleLineText));
  return FieldSet(
      {Field(1, "受付番号", FieldType::kSingleLineText, true),
       Field(2, "氏名", FieldType::kSingleLineText), Field(3, "申請日", FieldType::kDate),
       Field(4, "金額", FieldType::kNumber), Field(5, "審査状況", FieldType::kDropDown),
       Field(6, "区分", FieldType::kRadioButton), Field(7, "確認", FieldType::kCheckBox),
       Field(8, "メモ", FieldType::kMultiLineText), std::move(table)});
}

std::vector<IndexSpec> Plan(const char* views) {
  json::object doc = json::parse(views).as_object();
  return PlanIndexes(Form(), &doc);
}

std::vector<IndexSpec> Specs(std::vector<std::vector<int64_t>> ids) {
  std::vector<IndexSpec> out;
  for (auto& i : ids) out.push_back(IndexSpec{std::move(i)});
  return out;
}

TEST(IndexPlan, WithoutViewsOnlyUniqueFieldsAreIndexed) {
  EXPECT_EQ(PlanIndexes(Form(), nullptr), (Specs({{1}})));
  EXPECT_EQ(Plan(R"j({"views":{}})j"), (Specs({{1}})));
}

TEST(IndexPlan, EqualityFilterAndSortMakeOneCompositeIndex) {
  // (審査状況, 申請日) serves "審査状況 in (…) order by 申請日": no sort; 申請日 alone for
  // date ranges and the sort without the filter; 審査状況 alone is the composite's prefix.
  EXPECT_EQ(
      Plan(R"j({"views":{"待ち":{"filterCond":"審査状況 in (\"受付\")","sort":"申請日 desc"}}})j"),
      (Specs({{1}, {3}, {5, 3}})));
}

TEST(IndexPlan, SeveralEqualitiesAndRangesAndSorts) {
  EXPECT_EQ(
      Plan(
          R"j({"views":{"a":{"filterCond":"区分 = \"A\" and 審査状況 in (\"受付\") and 金額 >= 100",
                                  "sort":"金額 asc, 申請日 desc"}}})j"),
      (Specs({{1}, {3}, {4}, {6, 5, 4}})));
}

TEST(IndexPlan, OrAndNegationsAndLikeAndUnindexableFieldsAreLeftOut) {
  // Under `or` each field gets its own index; !=, not in and like (the search index) none;
  // checkbox, multi-line text, inner table fields and $id none.
  EXPECT_EQ(Plan(R"j({"views":{
      "a":{"filterCond":"(区分 = \"A\" or 審査状況 = \"B\") and 氏名 like \"田\"","sort":"$id desc"},
      "b":{"filterCond":"金額 != 1 and 申請日 not in (\"2025-01-01\") and 確認 in (\"x\")"},
      "c":{"filterCond":"品名 = \"x\" and メモ like \"y\"","sort":"確認 asc"}}})j"),
            (Specs({{1}, {5}, {6}})));
}

TEST(IndexPlan, EqualityWithIdOrderNeedsNoSortColumn) {
  EXPECT_EQ(Plan(R"j({"views":{"a":{"filterCond":"審査状況 = \"受付\"","sort":"$id desc"}}})j"),
            (Specs({{1}, {5}})));
}

TEST(IndexPlan, BrokenFiltersAndSortsAreIgnored) {
  EXPECT_EQ(Plan(R"j({"views":{"a":{"filterCond":"審査状況 = ","sort":"nowhere asc"},"b":7}})j"),
            (Specs({{1}})));
}

}  // namespace
}  // namespace domain

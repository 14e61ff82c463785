#include "domain/apps/view_rules.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "domain/records/record_schema_lookup.h"

namespace domain {
namespace {

namespace json = boost::json;
using common::FieldType;

FieldDef Field(int64_t id, const char* code, FieldType type) {
  FieldDef f;
  f.id = id;
  f.code = code;
  f.type = type;
  return f;
}

FieldSet Form() {
  FieldDef table = Field(9, "明細", FieldType::kSubtable);
  table.fields.push_back(Field(10, "品名", FieldType::kSingleLineText));
  return FieldSet({Field(1, "受付番号", FieldType::kSingleLineText),
                   Field(2, "氏名", FieldType::kSingleLineText),
                   Field(3, "申請日", FieldType::kDate), Field(4, "金額", FieldType::kNumber),
                   Field(5, "作成日時", FieldType::kCreatedTime),
                   Field(11, "ステータス", FieldType::kStatus), std::move(table)});
}

std::vector<std::string> Keys(const std::vector<ViewProblem>& problems) {
  std::vector<std::string> out;
  for (const ViewProblem& p : problems) out.push_back(p.Key());
  return out;
}

std::vector<ViewProblem> Check(const char* views) {
  NoEntities entities;
  query::QueryContext qc;
  qc.entities = &entities;
  return CheckViews(json::parse(views).as_object(), 1, Form(), qc);
}

TEST(ViewRules, AcceptsViewsThatWorkWithTheForm) {
  EXPECT_TRUE(Check(R"J({
    "一覧": {"type": "LIST", "fields": ["受付番号", "品名", "作成日時"],
             "filterCond": "金額 > 10 and 氏名 like \"山\" and ステータス in (\"受付\")",
             "sort": "申請日 desc, 金額 asc"},
    "暦": {"type": "CALENDAR", "date": "作成日時", "title": "氏名", "filterCond": "", "sort": ""},
    "独自": {"type": "CUSTOM", "html": "<div></div>"}})J")
                  .empty());
}

TEST(ViewRules, ReportsEachBadPropertyUnderItsViewKey) {
  auto problems = Check(R"J({
    "一覧": {"type": "LIST", "fields": ["受付番号", "ない", 3],
             "filterCond": "ない = \"1\"", "sort": "金額 sideways"},
    "暦": {"type": "CALENDAR", "date": "氏名", "title": "消えた"},
    "暦2": {"type": "CALENDAR", "date": ""}})J");
  EXPECT_EQ(Keys(problems),
            (std::vector<std::string>{"views[一覧].filterCond", "views[一覧].sort",
                                      "views[一覧].fields[1]", "views[一覧].fields[2]",
                                      "views[暦].date", "views[暦].title", "views[暦2].date"}));
  EXPECT_EQ(problems[0].messages.at(0).text, common::Text::kQueryFieldNotFound);
  EXPECT_EQ(problems[4].messages.at(0).text, common::Text::kViewCalendarDateType);
}

TEST(ViewRules, FollowsRenamesAndDropsRemovedFields) {
  json::object views = json::parse(R"J({
    "一覧": {"type": "LIST", "fields": ["受付番号", "氏名", "金額"],
             "filterCond": "氏名 = \"氏名\" and (金額 > 10 or 受付番号 = \"A\")",
             "sort": "金額 desc, 氏名 asc"},
    "暦": {"type": "CALENDAR", "date": "申請日", "title": "金額", "filterCond": "", "sort": ""},
    "そのまま": {"type": "LIST", "fields": ["受付番号"], "filterCond": "受付番号  =  \"B\"",
                 "sort": ""}})J")
                           .as_object();
  query::FieldChanges changes;
  changes.renamed = {{"氏名", "申請者名"}, {"申請日", "受付日"}};
  changes.removed = {"金額"};
  ASSERT_TRUE(FollowFieldChanges(views, changes));
  const json::object& list = views.at("一覧").as_object();
  EXPECT_EQ(list.at("fields"), json::parse(R"J(["受付番号", "申請者名"])J"));
  EXPECT_EQ(list.at("filterCond"), R"J(申請者名 = "氏名" and 受付番号 = "A")J");
  EXPECT_EQ(list.at("sort"), "申請者名 asc");
  const json::object& calendar = views.at("暦").as_object();
  EXPECT_EQ(calendar.at("date"), "受付日");
  EXPECT_EQ(calendar.at("title"), "");
  // A view the edit does not touch keeps its text exactly as written.
  EXPECT_EQ(views.at("そのまま").as_object().at("filterCond"), R"J(受付番号  =  "B")J");

  query::FieldChanges unrelated;
  unrelated.renamed = {{"other", "x"}};
  EXPECT_FALSE(FollowFieldChanges(views, unrelated));
}

TEST(ViewRules, KeepsARemovedCalendarDateForTheCheckToRefuse) {
  json::object views =
      json::parse(R"J({"暦": {"type": "CALENDAR", "date": "申請日", "title": ""}})J").as_object();
  query::FieldChanges changes;
  changes.removed = {"申請日"};
  EXPECT_FALSE(FollowFieldChanges(views, changes));
  EXPECT_EQ(views.at("暦").as_object().at("date"), "申請日");
}

}  // namespace
}  // namespace domain

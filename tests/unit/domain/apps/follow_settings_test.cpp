#include "domain/apps/follow_settings.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace domain {
namespace {

namespace json = boost::json;

query::FieldChanges Renamed() {
  query::FieldChanges c;
  c.renamed = {{"担当者", "担当"}, {"金額", "申請額"}, {"期限", "締切日"}};
  c.removed = {"備考"};
  return c;
}

void ExpectFollowed(std::string_view kind, const char* before, const char* after) {
  json::object doc = json::parse(before).as_object();
  EXPECT_TRUE(FollowRenamesInSettings(kind, doc, Renamed(), 3)) << kind;
  EXPECT_EQ(json::value(doc), json::parse(after)) << kind << ": " << json::serialize(doc);
}

TEST(FollowSettings, ProcessManagementAssigneesExecutorsAndConditions) {
  ExpectFollowed("status", R"J({"enable": true,
    "states": {"申請中": {"name": "申請中", "index": "0", "assignee": {"type": "ONE", "entities": [
      {"entity": {"type": "FIELD_ENTITY", "code": "担当者"}, "includeSubs": false},
      {"entity": {"type": "USER", "code": "金額"}, "includeSubs": false}]}}},
    "actions": [{"name": "承認", "from": "申請中", "to": "完了",
      "filterCond": "金額 > 100 and 備考 = \"x\"",
      "executableUser": {"entities": [{"entity": {"type": "FIELD_ENTITY", "code": "担当者"}}]}}]})J",
                 R"J({"enable": true,
    "states": {"申請中": {"name": "申請中", "index": "0", "assignee": {"type": "ONE", "entities": [
      {"entity": {"type": "FIELD_ENTITY", "code": "担当"}, "includeSubs": false},
      {"entity": {"type": "USER", "code": "金額"}, "includeSubs": false}]}}},
    "actions": [{"name": "承認", "from": "申請中", "to": "完了",
      "filterCond": "申請額 > 100 and 備考 = \"x\"",
      "executableUser": {"entities": [{"entity": {"type": "FIELD_ENTITY", "code": "担当"}}]}}]})J");
}

TEST(FollowSettings, NotificationsRecipientsConditionsAndReminderDates) {
  ExpectFollowed("notifications/general", R"J({"notifications": [
      {"entity": {"type": "FIELD_ENTITY", "code": "担当者"}, "recordAdded": true}]})J",
                 R"J({"notifications": [
      {"entity": {"type": "FIELD_ENTITY", "code": "担当"}, "recordAdded": true}]})J");
  ExpectFollowed("notifications/perRecord", R"J({"notifications": [{"filterCond": "金額 >= 5",
      "title": "高額", "targets": [{"entity": {"type": "FIELD_ENTITY", "code": "担当者"}}]}]})J",
                 R"J({"notifications": [{"filterCond": "申請額 >= 5",
      "title": "高額", "targets": [{"entity": {"type": "FIELD_ENTITY", "code": "担当"}}]}]})J");
  ExpectFollowed("notifications/reminder", R"J({"timezone": "Asia/Tokyo", "notifications": [
      {"timing": {"code": "期限", "daysLater": "-1", "time": "09:00"}, "filterCond": "",
       "title": "期限", "targets": []}]})J",
                 R"J({"timezone": "Asia/Tokyo", "notifications": [
      {"timing": {"code": "締切日", "daysLater": "-1", "time": "09:00"}, "filterCond": "",
       "title": "期限", "targets": []}]})J");
}

TEST(FollowSettings, ReportsAndActionsOwnFieldsOnly) {
  ExpectFollowed("reports", R"J({"reports": {"月別": {"name": "月別", "chartType": "BAR",
      "groups": [{"code": "期限", "per": "MONTH"}],
      "aggregations": [{"type": "SUM", "code": "金額"}, {"type": "COUNT"}],
      "filterCond": "担当者 in (LOGINUSER())", "sorts": [{"by": "TOTAL", "order": "DESC"}]}}})J",
                 R"J({"reports": {"月別": {"name": "月別", "chartType": "BAR",
      "groups": [{"code": "締切日", "per": "MONTH"}],
      "aggregations": [{"type": "SUM", "code": "申請額"}, {"type": "COUNT"}],
      "filterCond": "担当 in (LOGINUSER())", "sorts": [{"by": "TOTAL", "order": "DESC"}]}}})J");
  ExpectFollowed("actions", R"J({"actions": {"転記": {"name": "転記", "destApp": {"app": "9"},
      "mappings": [{"srcType": "FIELD", "srcField": "金額", "destField": "金額"},
                   {"srcType": "RECORD_URL", "destField": "期限"}],
      "entities": [{"type": "USER", "code": "担当者"}], "filterCond": "金額 > 1"}}})J",
                 R"J({"actions": {"転記": {"name": "転記", "destApp": {"app": "9"},
      "mappings": [{"srcType": "FIELD", "srcField": "申請額", "destField": "金額"},
                   {"srcType": "RECORD_URL", "destField": "期限"}],
      "entities": [{"type": "USER", "code": "担当者"}], "filterCond": "申請額 > 1"}}})J");
  ExpectFollowed("actions", R"J({"actions": {"複製": {"name": "複製", "destApp": {"app": "3"},
      "mappings": [{"srcType": "FIELD", "srcField": "金額", "destField": "金額"}]}}})J",
                 R"J({"actions": {"複製": {"name": "複製", "destApp": {"app": "3"},
      "mappings": [{"srcType": "FIELD", "srcField": "申請額", "destField": "申請額"}]}}})J");
}

TEST(FollowSettings, UntouchedDocumentsReportNoChange) {
  json::object doc = json::parse(R"J({"notifications": [{"filterCond": "備考 = \"x\"",
      "targets": [{"entity": {"type": "FIELD_ENTITY", "code": "備考"}}]}]})J")
                         .as_object();
  json::object copy = doc;
  EXPECT_FALSE(FollowRenamesInSettings("notifications/perRecord", doc, Renamed(), 3));
  EXPECT_EQ(doc, copy) << "a removed field stays named";
}

}  // namespace
}  // namespace domain

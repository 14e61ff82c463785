#include "domain/records/history_view.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace domain {
namespace {

namespace json = boost::json;

FieldSet Form() {
  std::vector<FieldDef> fields(3);
  fields[0].id = 1;
  fields[0].code = "title";
  fields[0].label = "Title";
  fields[1].id = 2;
  fields[1].code = "secret";
  fields[1].label = "Secret";
  fields[2].id = 3;
  fields[2].code = "amount";
  fields[2].label = "Amount";
  fields[2].type = common::FieldType::kNumber;
  return FieldSet(std::move(fields));
}

json::value Field(std::string_view type, std::string_view value) {
  return json::object{{"type", type}, {"value", value}};
}

HistoryEntry Update() {
  HistoryEntry e;
  e.revision = 2;
  e.action = "update";
  e.diff = json::object{
      {"secret", json::object{{"before", Field("SINGLE_LINE_TEXT", "a")},
                              {"after", Field("SINGLE_LINE_TEXT", "b")}}},
      {"title", json::object{{"before", Field("SINGLE_LINE_TEXT", "x")},
                             {"after", Field("SINGLE_LINE_TEXT", "y")}}},
      {"removed_field", json::object{{"before", nullptr}, {"after", Field("NUMBER", "1")}}}};
  return e;
}

TEST(VisibleChanges, UpdateShowsChangedFieldsInFormOrder) {
  FieldRights access;
  json::array changes = VisibleChanges(Update(), Form(), access);
  ASSERT_EQ(changes.size(), 2u);  // a field no longer on the form is left out
  EXPECT_EQ(changes[0].at("code"), "title");
  EXPECT_EQ(changes[0].at("before"), "x");
  EXPECT_EQ(changes[0].at("after"), "y");
  EXPECT_EQ(changes[0].at("label"), "Title");
  EXPECT_EQ(changes[1].at("code"), "secret");
}

TEST(VisibleChanges, HiddenFieldIsRemovedFromUpdates) {
  FieldRights access;
  access.restricted.emplace("secret", 0u);  // NONE
  json::array changes = VisibleChanges(Update(), Form(), access);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].at("code"), "title");
  EXPECT_EQ(json::serialize(changes).find("\"a\""), std::string::npos);
}

TEST(VisibleChanges, ReadOnlyFieldIsShown) {
  FieldRights access;
  access.restricted.emplace("secret", static_cast<uint32_t>(kAclView));
  EXPECT_EQ(VisibleChanges(Update(), Form(), access).size(), 2u);
}

TEST(VisibleChanges, HiddenFieldIsRemovedFromAddsAndDeletes) {
  FieldRights access;
  access.restricted.emplace("secret", 0u);
  json::object record{{"title", Field("SINGLE_LINE_TEXT", "t")},
                      {"secret", Field("SINGLE_LINE_TEXT", "s")},
                      {"amount", Field("NUMBER", "5")}};
  HistoryEntry add;
  add.action = "add";
  add.diff = json::object{{"after", record}};
  json::array changes = VisibleChanges(add, Form(), access);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].at("code"), "title");
  EXPECT_TRUE(changes[0].at("before").is_null());
  EXPECT_EQ(changes[0].at("after"), "t");
  EXPECT_EQ(changes[1].at("code"), "amount");
  EXPECT_EQ(changes[1].at("type"), "NUMBER");

  HistoryEntry del;
  del.action = "delete";
  del.diff = json::object{{"before", record}};
  changes = VisibleChanges(del, Form(), access);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].at("before"), "5");
  EXPECT_TRUE(changes[1].at("after").is_null());
}

TEST(VisibleChanges, ChangeOnlyToHiddenFieldsLeavesAnEmptyEntry) {
  FieldRights access;
  access.restricted.emplace("secret", 0u);
  HistoryEntry e;
  e.action = "update";
  e.diff = json::object{{"secret", json::object{{"before", Field("SINGLE_LINE_TEXT", "a")},
                                                {"after", Field("SINGLE_LINE_TEXT", "b")}}}};
  EXPECT_TRUE(VisibleChanges(e, Form(), access).empty());
}

// Adds are stored without the record; RecordAsAdded undoes the updates since, newest first,
// whatever order the entries come in.
TEST(RecordAsAdded, UndoesEveryUpdateNewestFirst) {
  auto update = [](int64_t revision, json::object diff) {
    HistoryEntry e;
    e.revision = revision;
    e.action = "update";
    e.diff = std::move(diff);
    return e;
  };
  auto change = [](json::value before, json::value after) {
    return json::object{{"before", std::move(before)}, {"after", std::move(after)}};
  };
  HistoryEntry add;
  add.revision = 1;
  add.action = "add";
  EXPECT_TRUE(AddedWithoutRecord(add));
  const std::vector<HistoryEntry> history = {
      update(3, {{"title", change(Field("SINGLE_LINE_TEXT", "b"), Field("SINGLE_LINE_TEXT", "c"))},
                 {"amount", change(nullptr, Field("NUMBER", "9"))}}),
      add,
      update(2,
             {{"title", change(Field("SINGLE_LINE_TEXT", "a"), Field("SINGLE_LINE_TEXT", "b"))},
              {"secret", change(Field("SINGLE_LINE_TEXT", "s"), Field("SINGLE_LINE_TEXT", ""))}}),
  };
  const json::object current{{"title", Field("SINGLE_LINE_TEXT", "c")},
                             {"secret", Field("SINGLE_LINE_TEXT", "")},
                             {"amount", Field("NUMBER", "9")},
                             {"kept", Field("SINGLE_LINE_TEXT", "k")}};
  const json::object expected{{"title", Field("SINGLE_LINE_TEXT", "a")},
                              {"secret", Field("SINGLE_LINE_TEXT", "s")},
                              {"kept", Field("SINGLE_LINE_TEXT", "k")}};
  const json::object got = RecordAsAdded(current, history);
  EXPECT_TRUE(got == expected) << json::serialize(got);  // as sets of fields: order is free
  // No update: the record as it is.
  EXPECT_TRUE(RecordAsAdded(current, {add}) == current);
  // Entries written before adds were stored empty keep their record.
  add.diff = json::object{{"after", json::object{}}};
  EXPECT_FALSE(AddedWithoutRecord(add));
}

}  // namespace
}  // namespace domain

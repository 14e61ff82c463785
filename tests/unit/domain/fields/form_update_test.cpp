// PUT and DELETE preview/app/form/fields.json, the stored form document, GET properties.
#include <gtest/gtest.h>

#include "field_test_support.h"

namespace domain {
namespace {

using testing::FormFixture;
using testing::Json;
using testing::Messages;
using testing::MessagesOf;

constexpr const char* kForm = R"({
  "title": {"type":"SINGLE_LINE_TEXT","label":"Title","maxLength":"10"},
  "kind": {"type":"DROP_DOWN","label":"Kind","options":{"A":{},"B":{}},"defaultValue":"A"},
  "price": {"type":"NUMBER","label":"Price","lookup":{"relatedApp":{"app":"2"},
            "relatedKeyField":"code","fieldMappings":[]}},
  "tbl": {"type":"SUBTABLE","label":"T","fields":{"item":{"type":"SINGLE_LINE_TEXT","label":"I"}}}
})";

common::Result<FieldSet> Update(FormFixture& fx, const char* properties) {
  return UpdateFields(fx.registry, fx.form, Json(properties), fx.next_id);
}

TEST(FormUpdate, MergesSentPropertiesIntoTheStoredDefinition) {
  FormFixture fx(kForm);
  auto form = Update(fx, R"({"title":{"type":"SINGLE_LINE_TEXT","label":"Name","required":true}})");
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  const FieldDef* title = form->Find("title");
  EXPECT_EQ(title->label, "Name");
  EXPECT_TRUE(title->required);
  EXPECT_EQ(title->max_length, 10);  // kept
  EXPECT_EQ(title->id, fx.form.Find("title")->id);
}

TEST(FormUpdate, RenamesThroughCodeKeepingTheId) {
  FormFixture fx(kForm);
  int64_t id = fx.form.Find("title")->id;
  auto form = Update(fx, R"({"title":{"code":"name"}})");
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  EXPECT_EQ(form->Find("title"), nullptr);
  ASSERT_NE(form->Find("name"), nullptr);
  EXPECT_EQ(form->Find("name")->id, id);
  EXPECT_EQ(form->Find("name")->properties.at("code"), "name");
  EXPECT_EQ(form->FindById(id)->code, "name");
}

TEST(FormUpdate, ReplacesOptions) {
  FormFixture fx(kForm);
  auto form = Update(fx, R"({"kind":{"type":"DROP_DOWN","options":{"C":{"label":"C","index":"0"}},
                             "defaultValue":""}})");
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  ASSERT_EQ(form->Find("kind")->options.size(), 1u);
  EXPECT_EQ(form->Find("kind")->options[0].name, "C");
}

TEST(FormUpdate, RemovesALookupWithNull) {
  FormFixture fx(kForm);
  EXPECT_TRUE(fx.form.Find("price")->lookup);
  auto form = Update(fx, R"({"price":{"lookup":null}})");
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  EXPECT_FALSE(form->Find("price")->lookup);
  EXPECT_EQ(form->Find("price")->properties.at("unitPosition"), "BEFORE");
}

TEST(FormUpdate, UpdatesAndAddsTableFields) {
  FormFixture fx(kForm);
  auto form = Update(fx, R"({"tbl":{"fields":{"item":{"label":"Item name"},
                            "qty":{"type":"NUMBER","label":"Qty"}}}})");
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  const FieldDef* table = form->Find("tbl");
  ASSERT_EQ(table->fields.size(), 2u);
  EXPECT_EQ(table->fields[0].label, "Item name");
  EXPECT_EQ(table->fields[1].code, "qty");
  EXPECT_EQ(form->TableOf("qty"), table);
}

TEST(FormUpdate, ReportsErrors) {
  struct Case {
    const char* properties;
    Messages expected;
  };
  const Case cases[] = {
      {R"({"title":{"type":"NUMBER"}})",
       {{"properties[title].type", {"フィールドタイプは変更できません。"}}}},
      {R"({"title":{"code":"kind"}})",
       {{"properties[title].code", {"フィールドコードが重複しています。"}}}},
      {R"({"title":{"code":"9lives"}})",
       {{"properties[title].code", {"フィールドコードの先頭に数字は使用できません。"}}}},
      {R"({"ステータス":{"code":"State"}})",
       {{"properties[ステータス].code", {"このフィールドのフィールドコードは変更できません。"}}}},
      {R"({"title":{"maxLength":"x"}})",
       {{"properties[title].maxLength", {"整数でなければなりません。"}}}},
      {R"({"kind":{"options":{"C":{}}}})",
       {{"properties[kind].defaultValue", {"初期値が選択肢にありません。"}}}},
      {R"({"tbl":{"fields":{"new":{"type":"SUBTABLE","label":"X"}}}})",
       {{"properties[tbl].fields[new].type",
         {"このフィールドタイプはテーブルに追加できません。"}}}},
  };
  for (const Case& c : cases) {
    FormFixture fx(kForm);
    auto form = Update(fx, c.properties);
    ASSERT_FALSE(form.ok()) << c.properties;
    EXPECT_EQ(MessagesOf(form.error()), c.expected) << c.properties;
  }
}

TEST(FormUpdate, UnknownCodeIsFieldNotFound) {
  FormFixture fx(kForm);
  auto form = Update(fx, R"({"nope":{"label":"X"}})");
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(form.error().code(), common::ErrorCode::kFieldNotFound);
  EXPECT_EQ(form.error().args(), std::vector<std::string>{"nope"});
}

TEST(FormUpdate, SystemFieldsChangeLabelAndCodeOnly) {
  FormFixture fx(kForm);
  auto form = Update(fx, R"({"レコード番号":{"code":"No","label":"Number","required":true}})");
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  const FieldDef* number = form->FindByType(common::FieldType::kRecordNumber);
  EXPECT_EQ(number->code, "No");
  EXPECT_EQ(boost::json::value(number->properties),
            Json(R"({"type":"RECORD_NUMBER","code":"No","label":"Number","noLabel":false})"));
}

TEST(FormDelete, RemovesTopLevelAndInnerFields) {
  FormFixture fx(kForm);
  auto form = DeleteFields(fx.registry, fx.form, {"title", "item"});
  ASSERT_TRUE(form.ok()) << form.error().ToString();
  EXPECT_EQ(form->Find("title"), nullptr);
  EXPECT_EQ(form->Find("item"), nullptr);
  EXPECT_TRUE(form->Find("tbl")->fields.empty());
}

TEST(FormDelete, RejectsUnknownAndSystemFields) {
  FormFixture fx(kForm);
  auto unknown = DeleteFields(fx.registry, fx.form, {"title", "nope"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), common::ErrorCode::kFieldNotFound);
  auto system = DeleteFields(fx.registry, fx.form, {"title", "作成者"});
  ASSERT_FALSE(system.ok());
  EXPECT_EQ(MessagesOf(system.error()),
            (Messages{{"fields[1]", {"このフィールドは削除できません。"}}}));
}

TEST(FieldSet, NewFormHasTheSystemFieldsPerLanguage) {
  FieldTypeRegistry registry;
  int64_t next = 1;
  FieldSet en = FieldSet::NewForm(registry, common::Lang::kEn, next);
  EXPECT_EQ(next, 9);
  ASSERT_EQ(en.fields().size(), 8u);
  EXPECT_EQ(en.FindByType(common::FieldType::kCreator)->code, "Created_by");
  EXPECT_EQ(en.FindByType(common::FieldType::kCategory)->code, "Categories");
  boost::json::object props = en.PropertiesJson(FormFeatures{true, false});
  EXPECT_EQ(boost::json::value(props.at("Status")),
            Json(R"({"type":"STATUS","code":"Status","label":"Status","enabled":true})"));
  EXPECT_EQ(props.at("Categories").as_object().at("enabled"), false);
  EXPECT_EQ(boost::json::value(props.at("Created_datetime")),
            Json(R"({"type":"CREATED_TIME","code":"Created_datetime","label":"Created datetime",
                     "noLabel":false})"));
}

TEST(FieldSet, StoredDocumentRoundTrips) {
  FormFixture fx(kForm);
  boost::json::object stored = fx.form.ToStored();
  common::Result<FieldSet> back = FieldSet::FromStored(Json(boost::json::serialize(stored)));
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(back->PropertiesJson({}), fx.form.PropertiesJson({}));
  EXPECT_EQ(back->Find("item")->id, fx.form.Find("item")->id);
  EXPECT_EQ(back->Find("kind")->options.size(), 2u);
  EXPECT_TRUE(back->Find("price")->lookup);
}

TEST(FieldSet, DamagedDocumentIsAnInternalError) {
  for (const char* doc :
       {"{}", R"({"fields":[{"id":"x"}]})",
        R"({"fields":[{"id":1,"properties":{"type":"WIDGET"}}]})",
        R"({"fields":[{"id":1,"properties":{"type":"SUBTABLE"},"fields":{}}]})"}) {
    common::Result<FieldSet> form = FieldSet::FromStored(Json(doc));
    ASSERT_FALSE(form.ok()) << doc;
    EXPECT_EQ(form.error().code(), common::ErrorCode::kInternal) << doc;
  }
}

}  // namespace
}  // namespace domain

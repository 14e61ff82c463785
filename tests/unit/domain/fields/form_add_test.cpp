// POST preview/app/form/fields.json: defaults per type (§4.3) and definition errors.
#include <gtest/gtest.h>

#include "field_test_support.h"

namespace domain {
namespace {

using testing::FormFixture;
using testing::Json;
using testing::Messages;
using testing::MessagesOf;

struct DefaultCase {
  const char* sent;      // definition of field "f"
  const char* expected;  // GET fields.json definition
};

TEST(FormAdd, FillsEveryDefaultPerType) {
  const DefaultCase cases[] = {
      {R"({"type":"SINGLE_LINE_TEXT","code":"f","label":"F"})",
       R"({"type":"SINGLE_LINE_TEXT","code":"f","label":"F","noLabel":false,"required":false,
          "unique":false,"defaultValue":"","minLength":"","maxLength":"","expression":"",
          "hideExpression":false})"},
      {R"({"type":"NUMBER","label":"F"})",
       R"({"type":"NUMBER","code":"f","label":"F","noLabel":false,"required":false,"unique":false,
          "defaultValue":"","minValue":"","maxValue":"","digit":false,"displayScale":"","unit":"",
          "unitPosition":"BEFORE"})"},
      {R"({"type":"CALC","label":"F","expression":"a+b"})",
       R"({"type":"CALC","code":"f","label":"F","noLabel":false,"required":false,
          "expression":"a+b","format":"NUMBER","displayScale":"","hideExpression":false,
          "unit":"","unitPosition":"BEFORE"})"},
      {R"({"type":"MULTI_LINE_TEXT","label":"F","unique":true,"maxLength":"5"})",
       R"({"type":"MULTI_LINE_TEXT","code":"f","label":"F","noLabel":false,"required":false,
          "defaultValue":""})"},
      {R"({"type":"RICH_TEXT","label":"F"})",
       R"({"type":"RICH_TEXT","code":"f","label":"F","noLabel":false,"required":false,
          "defaultValue":""})"},
      {R"({"type":"LINK","label":"F"})",
       R"({"type":"LINK","code":"f","label":"F","noLabel":false,"required":false,"unique":false,
          "defaultValue":"","minLength":"","maxLength":"","protocol":"WEB"})"},
      {R"({"type":"CHECK_BOX","label":"F","options":{"B":{"label":"B","index":"1"},
          "A":{"label":"A","index":"0"}}})",
       R"({"type":"CHECK_BOX","code":"f","label":"F","noLabel":false,"required":false,
          "options":{"A":{"label":"A","index":"0"},"B":{"label":"B","index":"1"}},
          "defaultValue":[],"align":"HORIZONTAL"})"},
      {R"({"type":"RADIO_BUTTON","label":"F","options":{"B":{"label":"B","index":1},
          "A":{"label":"A","index":0}}})",
       R"({"type":"RADIO_BUTTON","code":"f","label":"F","noLabel":false,"required":true,
          "options":{"A":{"label":"A","index":"0"},"B":{"label":"B","index":"1"}},
          "defaultValue":"A","align":"HORIZONTAL"})"},
      {R"({"type":"DROP_DOWN","label":"F","options":{"A":{},"B":{}}})",
       R"({"type":"DROP_DOWN","code":"f","label":"F","noLabel":false,"required":false,
          "options":{"A":{"label":"A","index":"0"},"B":{"label":"B","index":"1"}},
          "defaultValue":""})"},
      {R"({"type":"MULTI_SELECT","label":"F","options":{"A":{"label":"A","index":"0"}},
          "defaultValue":["A"]})",
       R"({"type":"MULTI_SELECT","code":"f","label":"F","noLabel":false,"required":false,
          "options":{"A":{"label":"A","index":"0"}},"defaultValue":["A"]})"},
      {R"({"type":"FILE","label":"F","unique":true})",
       R"({"type":"FILE","code":"f","label":"F","noLabel":false,"required":false,
          "thumbnailSize":"50"})"},
      {R"({"type":"DATE","label":"F","defaultValue":"2024-7-5"})",
       R"({"type":"DATE","code":"f","label":"F","noLabel":false,"required":false,"unique":false,
          "defaultValue":"2024-07-05","defaultNowValue":false})"},
      {R"({"type":"TIME","label":"F"})",
       R"({"type":"TIME","code":"f","label":"F","noLabel":false,"required":false,
          "defaultValue":"","defaultNowValue":false})"},
      {R"({"type":"DATETIME","label":"F","defaultNowValue":true})",
       R"({"type":"DATETIME","code":"f","label":"F","noLabel":false,"required":false,
          "unique":false,"defaultValue":"","defaultNowValue":true})"},
      {R"j({"type":"USER_SELECT","label":"F",
          "defaultValue":[{"code":"LOGINUSER()","type":"FUNCTION"}]})j",
       R"j({"type":"USER_SELECT","code":"f","label":"F","noLabel":false,"required":false,
          "entities":[],"defaultValue":[{"code":"LOGINUSER()","type":"FUNCTION"}]})j"},
      {R"({"type":"ORGANIZATION_SELECT","label":"F"})",
       R"({"type":"ORGANIZATION_SELECT","code":"f","label":"F","noLabel":false,"required":false,
          "entities":[],"defaultValue":[]})"},
      {R"({"type":"GROUP_SELECT","label":"F","entities":[{"code":"admins","type":"GROUP"}]})",
       R"({"type":"GROUP_SELECT","code":"f","label":"F","noLabel":false,"required":false,
          "entities":[{"code":"admins","type":"GROUP"}],"defaultValue":[]})"},
      {R"({"type":"GROUP","label":"F"})",
       R"({"type":"GROUP","code":"f","label":"F","noLabel":false,"openGroup":false})"},
      {R"({"type":"REFERENCE_TABLE","label":"F","referenceTable":{"relatedApp":{"app":3},
          "condition":{"field":"a","relatedField":"b"}}})",
       R"({"type":"REFERENCE_TABLE","code":"f","label":"F","noLabel":false,
          "referenceTable":{"relatedApp":{"app":"3","code":""},
          "condition":{"field":"a","relatedField":"b"},"filterCond":"","displayFields":[],
          "sort":"","size":"5"}})"},
      {R"({"type":"NUMBER","label":"F","minValue":"1","lookup":{"relatedApp":{"app":"4"},
          "relatedKeyField":"key","fieldMappings":[{"field":"x","relatedField":"y"}]}})",
       R"({"type":"NUMBER","code":"f","label":"F","noLabel":false,"required":false,
          "lookup":{"relatedApp":{"app":"4","code":""},"relatedKeyField":"key",
          "fieldMappings":[{"field":"x","relatedField":"y"}],"lookupPickerFields":[],
          "filterCond":"","sort":""}})"},
  };
  for (const DefaultCase& c : cases) {
    FormFixture fx;
    boost::json::object properties{{"f", Json(c.sent)}};
    common::Result<FieldSet> form = AddFields(fx.registry, fx.form, properties, fx.next_id);
    ASSERT_TRUE(form.ok()) << c.sent << "\n" << form.error().ToString();
    EXPECT_EQ(boost::json::value(DefinitionJson(*form->Find("f"))), Json(c.expected)) << c.sent;
  }
}

TEST(FormAdd, WritesNumericPropertiesAsStringsAndAcceptsStringFlags) {
  FormFixture fx(R"({
    "t": {"type":"SINGLE_LINE_TEXT","label":"T","maxLength":10,"minLength":"2","noLabel":"true",
          "required":"true"},
    "n": {"type":"NUMBER","label":"N","minValue":1.50,"maxValue":"1e3","displayScale":2}})");
  const FieldDef* t = fx.form.Find("t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->properties.at("maxLength"), "10");
  EXPECT_EQ(t->properties.at("minLength"), "2");
  EXPECT_EQ(t->properties.at("noLabel"), true);
  EXPECT_TRUE(t->required);
  EXPECT_EQ(t->max_length, 10);
  const FieldDef* n = fx.form.Find("n");
  EXPECT_EQ(n->properties.at("minValue"), "1.5");
  EXPECT_EQ(n->properties.at("maxValue"), "1000");
  EXPECT_EQ(n->properties.at("displayScale"), "2");
  EXPECT_EQ(n->min_value, "1.5");
}

TEST(FormAdd, AssignsIdsAndKeepsTablesInnerFields) {
  FormFixture fx(R"({"tbl": {"type":"SUBTABLE","label":"Table","fields":{
      "item": {"type":"SINGLE_LINE_TEXT","label":"Item","unique":true},
      "qty": {"type":"NUMBER","label":"Qty"}}}})");
  const FieldDef* table = fx.form.Find("tbl");
  ASSERT_NE(table, nullptr);
  ASSERT_EQ(table->fields.size(), 2u);
  EXPECT_EQ(fx.form.TableOf("qty"), table);
  EXPECT_EQ(fx.form.FindTopLevel("qty"), nullptr);
  EXPECT_EQ(fx.form.FindById(table->fields[1].id)->code, "qty");
  EXPECT_FALSE(table->fields[0].unique);  // tables cannot hold unique fields
  EXPECT_EQ(table->fields[0].properties.at("unique"), false);
  boost::json::object json = DefinitionJson(*table);
  EXPECT_EQ(json.at("fields").as_object().at("qty").as_object().at("type"), "NUMBER");
  EXPECT_FALSE(json.contains("required"));
  EXPECT_EQ(fx.next_id, 12);  // 8 system fields + table + 2 inner
}

struct ErrorCase {
  const char* properties;
  Messages expected;
};

TEST(FormAdd, ReportsDefinitionErrorsPerProperty) {
  const ErrorCase cases[] = {
      {R"({"c":{"type":"CALC","label":"C"}})", {{"properties[c].expression", {"必須です。"}}}},
      {R"({"c":{"type":"CALC","label":"C","expression":"1","format":"PERCENT"}})",
       {{"properties[c].format", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N","unitPosition":"MIDDLE"}})",
       {{"properties[n].unitPosition", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"l":{"type":"LINK","label":"L","protocol":"FTP"}})",
       {{"properties[l].protocol", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"f":{"type":"FILE","label":"F","thumbnailSize":"100"}})",
       {{"properties[f].thumbnailSize", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"c":{"type":"CHECK_BOX","label":"C","options":{"A":{}},"align":"DIAGONAL"}})",
       {{"properties[c].align", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"d":{"type":"DROP_DOWN","label":"D"}})",
       {{"properties[d].options", {"選択肢を1つ以上指定してください。"}}}},
      {R"({"d":{"type":"DROP_DOWN","label":"D","options":{"A":{}},"defaultValue":"Z"}})",
       {{"properties[d].defaultValue", {"初期値が選択肢にありません。"}}}},
      {R"({"c":{"type":"CHECK_BOX","label":"C","options":{"A":{}},"defaultValue":["A","Z"]}})",
       {{"properties[c].defaultValue", {"初期値が選択肢にありません。"}}}},
      {R"({"d":{"type":"DROP_DOWN","label":"D","options":{"A":{"label":"B","index":"0"}}}})",
       {{"properties[d].options[A].label",
         {"選択肢のラベルは選択肢のキーと同じでなければなりません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","minLength":"5","maxLength":"3"}})",
       {{"properties[t].minLength", {"最小値が最大値より大きくなっています。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","maxLength":"abc"}})",
       {{"properties[t].maxLength", {"整数でなければなりません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","maxLength":"0"}})",
       {{"properties[t].maxLength", {"最小でも1以上です。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N","minValue":"10","maxValue":"1"}})",
       {{"properties[n].minValue", {"最小値が最大値より大きくなっています。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N","defaultValue":"ten"}})",
       {{"properties[n].defaultValue", {"数字でなければなりません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","required":"yes"}})",
       {{"properties[t].required", {"真偽値でなければなりません。"}}}},
      {R"({"d":{"type":"DATE","label":"D","defaultValue":"2024-13-01"}})",
       {{"properties[d].defaultValue", {"日付の形式が正しくありません。"}}}},
      {R"({"x":{"type":"WIDGET","label":"X"}})",
       {{"properties[x].type", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"x":{"label":"X"}})", {{"properties[x].type", {"必須です。"}}}},
      {R"({"x":{"type":"RECORD_NUMBER","label":"X"}})",
       {{"properties[x].type", {"このフィールドタイプは追加できません。"}}}},
      {R"({"x":{"type":"SINGLE_LINE_TEXT"}})", {{"properties[x].label", {"必須です。"}}}},
      {R"({"x":{"type":"SINGLE_LINE_TEXT","code":"y","label":"X"}})",
       {{"properties[x].code", {"フィールドコードがプロパティのキーと一致しません。"}}}},
      {R"({"1x":{"type":"SINGLE_LINE_TEXT","label":"X"}})",
       {{"properties[1x].code", {"フィールドコードの先頭に数字は使用できません。"}}}},
      {R"({"a b":{"type":"SINGLE_LINE_TEXT","label":"X"}})",
       {{"properties[a b].code",
         {"フィールドコードには「_」以外の記号やスペースは使用できません。"}}}},
      {R"({"作成者":{"type":"SINGLE_LINE_TEXT","label":"X"}})",
       {{"properties[作成者].code", {"フィールドコードが重複しています。"}}}},
      {R"({"作業者":{"type":"SINGLE_LINE_TEXT","label":"X"}})",
       {{"properties[作業者].code", {"このフィールドコードは使用できません。"}}}},
      {R"({"x":null})", {{"properties[x]", {"必須です。"}}}},
      {R"({"t":{"type":"SUBTABLE","label":"T"}})",
       {{"properties[t].fields", {"テーブルにはフィールドを1つ以上指定してください。"}}}},
      {R"({"t":{"type":"SUBTABLE","label":"T","fields":{"g":{"type":"GROUP","label":"G"}}}})",
       {{"properties[t].fields[g].type", {"このフィールドタイプはテーブルに追加できません。"}}}},
      {R"({"t":{"type":"SUBTABLE","label":"T","fields":{"t":{"type":"NUMBER","label":"N"}}}})",
       {{"properties[t].fields[t].code", {"フィールドコードが重複しています。"}}}},
      {R"({"t":{"type":"SUBTABLE","label":"T","fields":{"n":{"type":"NUMBER","label":"N",
           "unitPosition":"X"}}}})",
       {{"properties[t].fields[n].unitPosition", {"Enum値のいずれかでなければなりません。"}}}},
      {R"({"k":{"type":"SINGLE_LINE_TEXT","label":"K","lookup":{"relatedApp":{"app":"2"},
           "relatedKeyField":"$id","fieldMappings":[]}}})",
       {{"properties[k].lookup.relatedKeyField",
         {"ルックアップのキーには、値の重複を禁止したフィールドかレコード番号を指定してください"
          "。"}}}},
      {R"({"k":{"type":"SINGLE_LINE_TEXT","label":"K","lookup":{"relatedApp":{},
           "relatedKeyField":"key","fieldMappings":[{"field":"a","relatedField":"b"},
           {"field":"a","relatedField":"c"}]}}})",
       {{"properties[k].lookup.relatedApp.app", {"必須です。"}},
        {"properties[k].lookup.fieldMappings",
         {"ほかのフィールドのコピー先に指定されているフィールドです。"}}}},
  };
  for (const ErrorCase& c : cases) {
    FormFixture fx;
    int64_t before = fx.next_id;
    common::Result<FieldSet> form = AddFields(fx.registry, fx.form, Json(c.properties), fx.next_id);
    ASSERT_FALSE(form.ok()) << c.properties;
    EXPECT_EQ(form.error().code(), common::ErrorCode::kInvalidInput) << c.properties;
    EXPECT_EQ(MessagesOf(form.error()), c.expected) << c.properties;
    EXPECT_EQ(fx.next_id, before) << "ids advance only on success";
  }
}

TEST(FormAdd, RejectsTwoNewFieldsWithOneCode) {
  FormFixture fx;
  common::Result<FieldSet> form = AddFields(
      fx.registry, fx.form,
      Json(R"({"t":{"type":"SUBTABLE","label":"T","fields":{"x":{"type":"NUMBER","label":"X"}}},
               "x":{"type":"NUMBER","label":"X"}})"),
      fx.next_id);
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(MessagesOf(form.error()),
            (Messages{{"properties[x].code", {"フィールドコードが重複しています。"}}}));
}

TEST(FormAdd, RejectsNonObjectProperties) {
  FormFixture fx;
  common::Result<FieldSet> form = AddFields(fx.registry, fx.form, Json("[]"), fx.next_id);
  ASSERT_FALSE(form.ok());
  EXPECT_EQ(MessagesOf(form.error()),
            (Messages{{"properties", {"オブジェクトでなければなりません。"}}}));
}

}  // namespace
}  // namespace domain

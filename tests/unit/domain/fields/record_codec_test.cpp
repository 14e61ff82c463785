// Storage mapping (record_layout.h): columns per type, values both ways, multi-value index
// entries, full-text fields, and the system part of read records.
#include "domain/fields/record_codec.h"

#include <gtest/gtest.h>

#include "common/json_text.h"

#include "domain/fields/record_header.h"
#include "domain/fields/record_writer.h"
#include "field_test_support.h"

namespace domain {
namespace {

using common::SqlNull;
using common::SqlValue;
using testing::FormFixture;
using testing::Json;
using testing::Obj;

constexpr const char* kForm = R"({
  "text": {"type":"SINGLE_LINE_TEXT","label":"x"},
  "num": {"type":"NUMBER","label":"x"},
  "memo": {"type":"MULTI_LINE_TEXT","label":"x"},
  "rich": {"type":"RICH_TEXT","label":"x"},
  "link": {"type":"LINK","label":"x"},
  "check": {"type":"CHECK_BOX","label":"x","options":{"A":{},"B":{}}},
  "radio": {"type":"RADIO_BUTTON","label":"x","options":{"A":{}}},
  "drop": {"type":"DROP_DOWN","label":"x","options":{"A":{}}},
  "multi": {"type":"MULTI_SELECT","label":"x","options":{"A":{}}},
  "date": {"type":"DATE","label":"x"},
  "time": {"type":"TIME","label":"x"},
  "dt": {"type":"DATETIME","label":"x"},
  "user": {"type":"USER_SELECT","label":"x"},
  "org": {"type":"ORGANIZATION_SELECT","label":"x"},
  "grp": {"type":"GROUP_SELECT","label":"x"},
  "file": {"type":"FILE","label":"x"},
  "grouping": {"type":"GROUP","label":"x"},
  "related": {"type":"REFERENCE_TABLE","label":"x","referenceTable":{"relatedApp":{"app":"1"},
              "condition":{"field":"a","relatedField":"b"}}},
  "tbl": {"type":"SUBTABLE","label":"x","fields":{"in":{"type":"SINGLE_LINE_TEXT","label":"x"},
          "tags":{"type":"CHECK_BOX","label":"x","options":{"A":{}}}}}
})";

std::string Col(const FormFixture& fx, const char* code, const char* suffix = "") {
  return "f" + std::to_string(fx.form.Find(code)->id) + suffix;
}

TEST(RecordCodec, DescribesColumnsPerFieldType) {
  FormFixture fx(kForm);
  RecordCodec codec(fx.registry, fx.form);
  struct Expected {
    std::string name;
    ColumnType type;
    bool not_null;
    SqlValue default_value;
  };
  std::vector<Expected> expected = {
      {Col(fx, "text"), ColumnType::kText, true, std::string()},
      {Col(fx, "num"), ColumnType::kText, true, std::string()},
      {Col(fx, "num", "_n"), ColumnType::kReal, false, SqlNull{}},
      {Col(fx, "memo"), ColumnType::kText, true, std::string()},
      {Col(fx, "rich"), ColumnType::kText, true, std::string()},
      {Col(fx, "link"), ColumnType::kText, true, std::string()},
      {Col(fx, "check"), ColumnType::kText, true, std::string("[]")},
      {Col(fx, "radio"), ColumnType::kText, false, SqlNull{}},
      {Col(fx, "drop"), ColumnType::kText, false, SqlNull{}},
      {Col(fx, "multi"), ColumnType::kText, true, std::string("[]")},
      {Col(fx, "date"), ColumnType::kText, false, SqlNull{}},
      {Col(fx, "time"), ColumnType::kText, false, SqlNull{}},
      {Col(fx, "dt"), ColumnType::kInteger, false, SqlNull{}},
      {Col(fx, "user"), ColumnType::kText, true, std::string("[]")},
      {Col(fx, "org"), ColumnType::kText, true, std::string("[]")},
      {Col(fx, "grp"), ColumnType::kText, true, std::string("[]")},
      {Col(fx, "file"), ColumnType::kText, true, std::string("[]")},
  };
  const std::vector<ColumnSpec>& columns = codec.RecordColumns();
  ASSERT_EQ(columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(columns[i].name, expected[i].name);
    EXPECT_EQ(columns[i].type, expected[i].type) << expected[i].name;
    EXPECT_EQ(columns[i].not_null, expected[i].not_null) << expected[i].name;
    EXPECT_EQ(columns[i].default_value, expected[i].default_value) << expected[i].name;
  }
  const FieldDef* table = fx.form.Find("tbl");
  std::vector<ColumnSpec> row = codec.RowColumns(*table);
  ASSERT_EQ(row.size(), 2u);
  EXPECT_EQ(row[0].name, Col(fx, "in"));
  ASSERT_EQ(codec.Tables().size(), 1u);
  EXPECT_TRUE(codec.UniqueFields().empty());
  std::vector<std::string> fts;
  for (const FieldDef* f : codec.FullTextFields()) fts.push_back(f->code);
  EXPECT_EQ(fts, (std::vector<std::string>{"text", "memo", "rich", "link", "in"}));
}

TEST(RecordCodec, MapsValuesToColumnsAndBack) {
  FormFixture fx(kForm);
  RecordWriter writer(fx.registry, fx.form);
  WriteContext context = fx.Context();
  auto written = writer.Add(Obj(R"({
    "text":{"value":"t"}, "num":{"value":"12.5"}, "check":{"value":["B","A"]},
    "radio":{"value":"A"}, "date":{"value":"2024-7-5"}, "time":{"value":"9:05"},
    "dt":{"value":"1970-01-01T00:02:00Z"}, "user":{"value":[{"code":"suzuki"},{"code":"sato"}]},
    "org":{"value":[{"code":"dev"}]}, "file":{"value":[{"fileKey":"up-a"}]},
    "tbl":{"value":[{"value":{"in":{"value":"row"},"tags":{"value":["A"]}}}]}})"),
                            context);
  ASSERT_TRUE(written.ok()) << written.error().ToString();
  RecordCodec codec(fx.registry, fx.form);
  std::vector<SqlValue> values = codec.RecordValues(written->record, fx.directory);
  std::vector<SqlValue> expected = {
      std::string("t"),
      std::string("12.5"),
      12.5,
      std::string(),
      std::string(),
      std::string(),
      std::string(R"(["B","A"])"),
      std::string("A"),
      SqlNull{},
      std::string("[]"),
      std::string("2024-07-05"),
      std::string("09:05"),
      int64_t{120},
      std::string("[2,1]"),
      std::string("[10]"),
      std::string("[]"),
      std::string(R"([{"contentType":"text/plain","fileKey":"dl-a","name":"a.txt","size":"123"}])"),
  };
  EXPECT_EQ(values, expected);

  std::vector<MultiValueEntry> mv = codec.RecordMultiValues(written->record, fx.directory);
  ASSERT_EQ(mv.size(), 5u);
  EXPECT_EQ(mv[0].field_id, fx.form.Find("check")->id);
  EXPECT_EQ(mv[0].value, SqlValue(std::string("B")));
  EXPECT_EQ(mv[2].value, SqlValue(int64_t{2}));
  EXPECT_EQ(mv[4].value, SqlValue(int64_t{10}));

  const FieldDef* table = fx.form.Find("tbl");
  const boost::json::object& row =
      written->record.at("tbl").at("value").as_array()[0].at("value").as_object();
  std::vector<SqlValue> row_values = codec.RowValues(*table, row, fx.directory);
  EXPECT_EQ(row_values, (std::vector<SqlValue>{std::string("row"), std::string(R"(["A"])")}));
  EXPECT_EQ(codec.RowMultiValues(*table, row, fx.directory).size(), 1u);

  // Back: the stored columns give the same read-form record.
  boost::json::object read;
  codec.ReadRecord(values, fx.directory, read);
  codec.AppendRow(*table, 368, row_values, fx.directory, read);
  boost::json::object expected_record = written->record;
  expected_record["tbl"].as_object()["value"].as_array()[0].as_object()["id"] = "368";
  EXPECT_EQ(read, expected_record);
  EXPECT_FALSE(read.contains("grouping"));
  EXPECT_FALSE(read.contains("related"));
}

TEST(RecordCodec, ReadsEmptyAndDamagedColumnsAsEmptyValues) {
  FormFixture fx(kForm);
  RecordCodec codec(fx.registry, fx.form);
  std::vector<SqlValue> columns(codec.RecordColumns().size(), SqlValue(SqlNull{}));
  columns[6] = std::string("{not json");
  boost::json::object read;
  codec.ReadRecord(columns, fx.directory, read);
  EXPECT_EQ(boost::json::value(read), Json(R"({
    "text":{"type":"SINGLE_LINE_TEXT","value":""}, "num":{"type":"NUMBER","value":""},
    "memo":{"type":"MULTI_LINE_TEXT","value":""}, "rich":{"type":"RICH_TEXT","value":""},
    "link":{"type":"LINK","value":""}, "check":{"type":"CHECK_BOX","value":[]},
    "radio":{"type":"RADIO_BUTTON","value":null}, "drop":{"type":"DROP_DOWN","value":null},
    "multi":{"type":"MULTI_SELECT","value":[]}, "date":{"type":"DATE","value":null},
    "time":{"type":"TIME","value":null}, "dt":{"type":"DATETIME","value":""},
    "user":{"type":"USER_SELECT","value":[]}, "org":{"type":"ORGANIZATION_SELECT","value":[]},
    "grp":{"type":"GROUP_SELECT","value":[]}, "file":{"type":"FILE","value":[]},
    "tbl":{"type":"SUBTABLE","value":[]}})"));
  boost::json::object short_read;
  codec.ReadRecord(std::vector<SqlValue>{std::string("only")}, fx.directory, short_read);
  EXPECT_EQ(short_read.at("text").at("value"), "only");
  EXPECT_EQ(short_read.at("file").at("value"), Json("[]"));
}

TEST(RecordCodec, DropsEntitiesThatLeftTheDirectory) {
  FormFixture fx(kForm);
  RecordCodec codec(fx.registry, fx.form);
  const FieldDef* user = fx.form.Find("user");
  std::vector<SqlValue> columns = {std::string("[1,99]")};
  EXPECT_EQ(fx.registry.Get(user->type).FromSql(*user, columns, fx.directory),
            Json(R"([{"code":"sato","name":"Sato Noboru"}])"));
}

TEST(RecordCodec, WritesTheTextOfWhatFromSqlReads) {
  FormFixture fx(kForm);
  const std::vector<std::vector<SqlValue>> cases = {
      {},
      {SqlNull{}},
      {std::string()},
      {std::string("A")},
      {std::string("a\"b\\ 日本\n\x01")},
      {std::string("-12.50")},
      {std::string("2024-07-05")},
      {std::string("[\"A\"]")},
      {std::string("{not json")},
      {int64_t{1714555845}},
      {int64_t{0}},
      {1.5},
  };
  int compared = 0;
  for (const FieldDef& def : fx.form.fields()) {
    const FieldTypeBehavior& behavior = fx.registry.Get(def.type);
    for (const std::vector<SqlValue>& columns : cases) {
      std::string expected;
      common::AppendJson(expected, behavior.FromSql(def, columns, fx.directory));
      std::string out = "x";
      behavior.AppendJsonFromSql(def, columns, fx.directory, out);
      EXPECT_EQ(out, "x" + expected) << def.code << " case " << (&columns - cases.data());
      ++compared;
    }
  }
  EXPECT_GT(compared, 12 * 15);
}

TEST(RecordHeader, AppendsSystemFieldsInReadForm) {
  FormFixture fx;
  RecordHeader header;
  header.id = 12;
  header.revision = 3;
  header.creator = {1, "sato", "Sato Noboru"};
  header.created_at = 1714555845;
  header.modifier = {2, "suzuki", "Suzuki Ichiro"};
  header.updated_at = 1714555905;
  header.status = "In progress";
  header.assignees = {{2, "suzuki", "Suzuki Ichiro"}};
  boost::json::object record;
  AppendRecordHeader(fx.form, header, FormFeatures{true, false}, "APP", record);
  EXPECT_EQ(boost::json::value(record), Json(R"({
    "$id":{"type":"__ID__","value":"12"},
    "$revision":{"type":"__REVISION__","value":"3"},
    "レコード番号":{"type":"RECORD_NUMBER","value":"APP-12"},
    "作成者":{"type":"CREATOR","value":{"code":"sato","name":"Sato Noboru"}},
    "作成日時":{"type":"CREATED_TIME","value":"2024-05-01T09:30:00Z"},
    "更新者":{"type":"MODIFIER","value":{"code":"suzuki","name":"Suzuki Ichiro"}},
    "更新日時":{"type":"UPDATED_TIME","value":"2024-05-01T09:31:00Z"},
    "ステータス":{"type":"STATUS","value":"In progress"},
    "作業者":{"type":"STATUS_ASSIGNEE","value":[{"code":"suzuki","name":"Suzuki Ichiro"}]}})"));
  boost::json::object plain;
  AppendRecordHeader(fx.form, header, FormFeatures{}, "", plain);
  EXPECT_EQ(plain.at("レコード番号").at("value"), "12");
  EXPECT_FALSE(plain.contains("ステータス"));
  EXPECT_FALSE(plain.contains("カテゴリー"));
}

}  // namespace
}  // namespace domain

// A record's JSON text written from its row (RecordText) against the object the read path
// used to build and serialise: RecordCodec::ReadRecord and AppendRow, AppendRecordHeader, the
// caller's hidden fields removed and `fields` picked. Every field type, empty and damaged
// columns, escaping, subtables, system fields, field rights and `fields`.
#include "domain/records/record_text.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "../fields/field_test_support.h"
#include "domain/fields/record_header.h"

namespace domain {
namespace {

using common::SqlNull;
using common::SqlValue;
using testing::FormFixture;
using testing::Obj;

constexpr const char* kForm = R"({
  "text": {"type":"SINGLE_LINE_TEXT","label":"x"},
  "num": {"type":"NUMBER","label":"x"},
  "calc": {"type":"CALC","label":"x","expression":"num*2"},
  "memo": {"type":"MULTI_LINE_TEXT","label":"x"},
  "rich": {"type":"RICH_TEXT","label":"x"},
  "link": {"type":"LINK","label":"x"},
  "check": {"type":"CHECK_BOX","label":"x","options":{"A":{},"B\"q":{}}},
  "radio": {"type":"RADIO_BUTTON","label":"x","options":{"A":{}}},
  "drop": {"type":"DROP_DOWN","label":"x","options":{"A":{}}},
  "multi": {"type":"MULTI_SELECT","label":"x","options":{"A":{},"日本":{}}},
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
          "tags":{"type":"CHECK_BOX","label":"x","options":{"A":{}}},
          "who":{"type":"USER_SELECT","label":"x"},"at":{"type":"DATETIME","label":"x"}}},
  "tbl2": {"type":"SUBTABLE","label":"x","fields":{"n":{"type":"NUMBER","label":"x"}}}
})";

constexpr const char* kNasty = "a\"b\\c\n\t\r\b\f\x01\x1f\x7f </script> 日本語 😀";

// The object the read path built, serialised: as RecordService::ToJson did before RecordText.
std::string Reference(const FormFixture& fx, const RecordCodec& codec, const RecordRow& row,
                      const FormFeatures& features, std::string_view app_code,
                      const FieldRights* rights,
                      const std::optional<std::vector<std::string>>& fields) {
  boost::json::object all;
  codec.ReadRecord(row.columns(), fx.directory, all);
  for (const RecordRow::TableRow& t : row.rows) {
    codec.AppendRow(*t.table, t.id, t.columns(), fx.directory, all);
  }
  AppendRecordHeader(fx.form, HeaderOf(row, fx.directory), features, app_code, all);
  if (rights != nullptr) {
    for (auto it = all.begin(); it != all.end();) {
      it = rights->CanView(it->key()) ? it + 1 : all.stable_erase(it);
    }
  }
  if (!fields) return boost::json::serialize(all);
  boost::json::object picked;
  for (const std::string& code : *fields) {
    if (picked.contains(code)) continue;
    if (auto* v = all.if_contains(code)) picked[code] = *v;
  }
  return boost::json::serialize(picked);
}

class RecordTextTest : public ::testing::Test {
 protected:
  RecordTextTest() : codec(fx.registry, fx.form) {}

  std::vector<SqlValue> Columns(const char* record) {
    return codec.RecordValues(Obj(record), fx.directory);
  }
  RecordRow::TableRow Row(const char* table, int64_t id, const char* value) {
    const FieldDef* def = fx.form.Find(table);
    std::vector<SqlValue> values = {int64_t{7}, id};  // as storage reads them: record id, row id
    for (SqlValue& v : codec.RowValues(*def, Obj(value), fx.directory)) {
      values.push_back(std::move(v));
    }
    return RecordRow::TableRow{def, id, std::move(values), 2};
  }
  RecordRow Header(std::vector<SqlValue> columns) {
    RecordRow r;
    r.id = 7;
    r.revision = 12;
    r.creator = 1;
    r.created_at = 1714555845;
    r.modifier = 99;  // left the directory
    r.updated_at = 0;
    r.status = kNasty;
    r.assignees = {2, 99, 1};
    r.values = {int64_t{7}, std::string("header")};  // storage's own columns come first
    r.first_column = r.values.size();
    for (SqlValue& v : columns) r.values.push_back(std::move(v));
    return r;
  }

  std::vector<RecordRow> Rows() {
    std::vector<RecordRow> rows;
    std::string nasty = boost::json::serialize(boost::json::string(kNasty));
    std::string full = R"({
      "text":{"value":)" +
                       nasty + R"(}, "num":{"value":"-12.50"}, "calc":{"value":"3"},
      "memo":{"value":)" +
                       nasty + R"(}, "rich":{"value":"<b>x</b>"}, "link":{"value":""},
      "check":{"value":["B\"q","A"]}, "radio":{"value":"A"}, "drop":{"value":""},
      "multi":{"value":["日本"]}, "date":{"value":"2024-07-05"}, "time":{"value":"09:05"},
      "dt":{"value":"2024-05-01T09:31:00Z"},
      "user":{"value":[{"code":"suzuki"},{"code":"sato"}]}, "org":{"value":[{"code":"dev"}]},
      "grp":{"value":[{"code":"admins"}]},
      "file":{"value":[{"contentType":"text/plain","fileKey":"k\"1","name":)" +
                       nasty + R"(,"size":"123"}]}})";
    RecordRow a = Header(Columns(full.c_str()));
    a.rows.push_back(Row("tbl", 31, R"({"in":{"value":"row \"1\""},"tags":{"value":["A"]},
                                         "who":{"value":[{"code":"sato"}]},"at":{"value":""}})"));
    a.rows.push_back(Row("tbl", 30, R"({"in":{"value":""},"tags":{"value":[]}})"));
    a.rows.push_back(Row("tbl2", 5, R"({"n":{"value":"1e3"}})"));
    rows.push_back(std::move(a));

    // Nothing written: every column NULL; an empty table.
    rows.push_back(Header(std::vector<SqlValue>(codec.RecordColumns().size(), SqlNull{})));
    // Damaged JSON, an entity that left the directory, a short row.
    std::vector<SqlValue> damaged(codec.RecordColumns().size(), SqlNull{});
    for (size_t i = 0; i < damaged.size(); ++i) {
      if (codec.RecordColumns()[i].name == "f" + std::to_string(fx.form.Find("check")->id)) {
        damaged[i] = std::string("{not json");
      }
      if (codec.RecordColumns()[i].name == "f" + std::to_string(fx.form.Find("user")->id)) {
        damaged[i] = std::string("[1,99]");
      }
    }
    rows.push_back(Header(damaged));
    rows.push_back(Header({std::string("only")}));
    RecordRow tables_only = Header({});
    tables_only.rows.push_back(Row("tbl2", 6, R"({})"));
    rows.push_back(std::move(tables_only));
    return rows;
  }

  FormFixture fx{kForm};
  RecordCodec codec;
};

TEST_F(RecordTextTest, WritesWhatTheObjectSerialisesTo) {
  std::vector<std::optional<std::vector<std::string>>> picks = {
      std::nullopt,
      std::vector<std::string>{},
      std::vector<std::string>{"$id", "tbl", "text", "nope", "text", "作成者", "dt", "$revision",
                               "ステータス", "作業者", "カテゴリー", "レコード番号", "tbl2"},
      std::vector<std::string>{"file", "user", "更新日時", "calc"},
  };
  FieldRights none;
  FieldRights some;
  some.restricted = {{"text", 0u}, {"$id", 0u}, {"作成者", 0u}, {"tbl", kAclView}, {"check", 0u}};
  FieldRights all_hidden;
  for (const FieldDef& f : fx.form.fields()) all_hidden.restricted.emplace(f.code, 0u);
  all_hidden.restricted.emplace("$id", 0u);
  all_hidden.restricted.emplace("$revision", 0u);
  const FieldRights* rights[] = {nullptr, &none, &some, &all_hidden};
  const FormFeatures features[] = {{}, {true, false}, {false, true}, {true, true}};
  const char* codes[] = {"", "APP\"1"};

  int compared = 0;
  for (const RecordRow& row : Rows()) {
    for (const auto& pick : picks) {
      for (const FormFeatures& f : features) {
        for (const char* app_code : codes) {
          RecordText text(fx.form, codec, f, app_code, fx.directory, pick);
          for (const FieldRights* r : rights) {
            std::string out;
            bool shows_id = text.Write(row, r, out);
            std::string expected = Reference(fx, codec, row, f, app_code, r, pick);
            ASSERT_EQ(out, expected)
                << "record " << row.values.size() << " fields " << (pick ? pick->size() : 99);
            EXPECT_EQ(shows_id, expected.find(R"("$id":)") != std::string::npos);
            ++compared;
          }
        }
      }
    }
  }
  EXPECT_EQ(compared, 5 * 4 * 4 * 2 * 4);
}

TEST_F(RecordTextTest, WritesRowsEscapesAndSystemFields) {
  RecordText text(fx.form, codec, FormFeatures{true, true}, "APP", fx.directory, std::nullopt);
  std::string out;
  EXPECT_TRUE(text.Write(Rows()[0], nullptr, out));
  for (
      const char* part : {
          R"("text":{"type":"SINGLE_LINE_TEXT","value":"a\"b\\c\n\t\r\b\f\u0001\u001f </script> 日本語 😀"})",
          R"("tbl":{"type":"SUBTABLE","value":[{"id":"31","value":{"in":{"type":"SINGLE_LINE_TEXT","value":"row \"1\""},)",
          R"({"id":"30","value":{"in":{"type":"SINGLE_LINE_TEXT","value":""},)",
          R"("tbl2":{"type":"SUBTABLE","value":[{"id":"5","value":{"n":{"type":"NUMBER","value":"1e3"}}}]})",
          R"("check":{"type":"CHECK_BOX","value":["B\"q","A"]})",
          R"("user":{"type":"USER_SELECT","value":[{"code":"suzuki","name":"Suzuki Ichiro"},{"code":"sato","name":"Sato Noboru"}]})",
          R"("レコード番号":{"type":"RECORD_NUMBER","value":"APP-7"})",
          R"("更新者":{"type":"MODIFIER","value":{"code":"","name":""}})",
          R"("作業者":{"type":"STATUS_ASSIGNEE","value":[{"code":"suzuki","name":"Suzuki Ichiro"},{"code":"","name":""},{"code":"sato","name":"Sato Noboru"}]})",
          R"("カテゴリー":{"type":"CATEGORY","value":[]})",
      }) {
    EXPECT_NE(out.find(part), std::string::npos) << part << "\n" << out;
  }
  EXPECT_EQ(out.find("grouping"), std::string::npos);
  EXPECT_EQ(out.find("related"), std::string::npos);
}

TEST_F(RecordTextTest, AppendsToWhatIsAlreadyWritten) {
  RecordText text(fx.form, codec, FormFeatures{}, "", fx.directory,
                  std::vector<std::string>{"$id"});
  std::string out = "[";
  text.Write(Rows()[1], nullptr, out);
  out += ',';
  text.Write(Rows()[1], nullptr, out);
  EXPECT_EQ(out, R"([{"$id":{"type":"__ID__","value":"7"}},{"$id":{"type":"__ID__","value":"7"}})");
}

}  // namespace
}  // namespace domain

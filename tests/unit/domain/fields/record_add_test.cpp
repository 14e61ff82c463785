// POST record(s).json: defaults, coercion, validation messages and their exact keys (§3.2,
// §4.4, §4.5), read-form output.
#include <gtest/gtest.h>

#include <boost/json/monotonic_resource.hpp>

#include "domain/fields/record_writer.h"
#include "field_test_support.h"

namespace domain {
namespace {

using testing::FormFixture;
using testing::Json;
using testing::Messages;
using testing::MessagesOf;
using testing::Obj;

common::Result<CoercedRecord> Add(FormFixture& fx, std::string_view sent,
                                  std::string_view base = "record") {
  RecordWriter writer(fx.registry, fx.form);
  WriteContext context = fx.Context();
  return writer.Add(Obj(sent), context, base);
}

boost::json::value ValueOf(const CoercedRecord& r, std::string_view code) {
  return r.record.at(code).as_object().at("value");
}

TEST(RecordAdd, AppliesDefaultsToUnsentFields) {
  FormFixture fx(R"j({
    "memo": {"type":"MULTI_LINE_TEXT","label":"M","defaultValue":"hello"},
    "num": {"type":"NUMBER","label":"N","defaultValue":"1.23456"},
    "check": {"type":"CHECK_BOX","label":"C","options":{"A":{},"B":{}},"defaultValue":["A"]},
    "radio": {"type":"RADIO_BUTTON","label":"R","options":{"X":{},"Y":{}}},
    "drop": {"type":"DROP_DOWN","label":"D","options":{"P":{}}},
    "date": {"type":"DATE","label":"D"},
    "today": {"type":"DATE","label":"T","defaultNowValue":true},
    "fixed": {"type":"DATE","label":"F","defaultValue":"2020-02-02"},
    "time": {"type":"TIME","label":"T","defaultNowValue":true},
    "dt": {"type":"DATETIME","label":"DT"},
    "dt_now": {"type":"DATETIME","label":"DT","defaultNowValue":true},
    "user": {"type":"USER_SELECT","label":"U","defaultValue":[{"code":"LOGINUSER()","type":"FUNCTION"},
             {"code":"suzuki","type":"USER"},{"code":"dev","type":"ORGANIZATION"},
             {"code":"gone","type":"USER"}]},
    "org": {"type":"ORGANIZATION_SELECT","label":"O",
            "defaultValue":[{"code":"PRIMARY_ORGANIZATION()","type":"FUNCTION"}]},
    "grp": {"type":"GROUP_SELECT","label":"G"},
    "file": {"type":"FILE","label":"F"},
    "tbl": {"type":"SUBTABLE","label":"T","fields":{"x":{"type":"NUMBER","label":"X"}}},
    "grouping": {"type":"GROUP","label":"G"}
  })j");
  auto r = Add(fx, "{}");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(boost::json::value(r->record), Json(R"({
    "memo": {"type":"MULTI_LINE_TEXT","value":"hello"},
    "num": {"type":"NUMBER","value":"1.2346"},
    "check": {"type":"CHECK_BOX","value":["A"]},
    "radio": {"type":"RADIO_BUTTON","value":"X"},
    "drop": {"type":"DROP_DOWN","value":null},
    "date": {"type":"DATE","value":null},
    "today": {"type":"DATE","value":"2024-05-01"},
    "fixed": {"type":"DATE","value":"2020-02-02"},
    "time": {"type":"TIME","value":"09:30"},
    "dt": {"type":"DATETIME","value":""},
    "dt_now": {"type":"DATETIME","value":"2024-05-01T09:30:00Z"},
    "user": {"type":"USER_SELECT","value":[{"code":"sato","name":"Sato Noboru"},
                                           {"code":"suzuki","name":"Suzuki Ichiro"}]},
    "org": {"type":"ORGANIZATION_SELECT","value":[{"code":"dev","name":"Development"}]},
    "grp": {"type":"GROUP_SELECT","value":[]},
    "file": {"type":"FILE","value":[]},
    "tbl": {"type":"SUBTABLE","value":[]}
  })"));
  EXPECT_EQ(r->changed.size(), 16u);
}

TEST(RecordAdd, ExplicitEmptySuppressesTheDefault) {
  FormFixture fx(R"({
    "memo": {"type":"MULTI_LINE_TEXT","label":"M","defaultValue":"hello"},
    "check": {"type":"CHECK_BOX","label":"C","options":{"A":{}},"defaultValue":["A"]},
    "today": {"type":"DATE","label":"T","defaultNowValue":true}})");
  auto r = Add(fx, R"({"memo":{"value":""},"check":{"value":[]},"today":{"value":null}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(ValueOf(*r, "memo"), "");
  EXPECT_EQ(ValueOf(*r, "check"), Json("[]"));
  EXPECT_TRUE(ValueOf(*r, "today").is_null());
}

TEST(RecordAdd, RequiredWithDefaultPassesWhenOmittedButNotWhenEmpty) {
  FormFixture fx(R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","required":true,
                         "defaultValue":"x"}})");
  EXPECT_TRUE(Add(fx, "{}").ok());
  auto r = Add(fx, R"({"t":{"value":""}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(MessagesOf(r.error()), (Messages{{"record.t.value", {"必須です。"}}}));
}

struct CoerceCase {
  const char* field;  // definition of "f"
  const char* sent;   // value sent for "f"
  const char* out;    // canonical value (JSON)
};

TEST(RecordAdd, CoercesValuesToCanonicalForm) {
  const CoerceCase cases[] = {
      {R"({"type":"NUMBER"})", R"("1.5e1")", R"("15")"},
      {R"({"type":"NUMBER"})", R"(" 42 ")", R"("42")"},
      {R"({"type":"NUMBER"})", R"("100")", R"("100")"},
      {R"({"type":"NUMBER"})", "12.34567", R"("12.3457")"},
      {R"({"type":"NUMBER"})", R"("0.00005")", R"("0")"},
      {R"({"type":"NUMBER"})", "-7", R"("-7")"},
      {R"({"type":"NUMBER"})", R"("  ")", R"("")"},
      {R"({"type":"NUMBER"})", "null", R"("")"},
      {R"({"type":"SINGLE_LINE_TEXT"})", "12", R"("12")"},
      {R"({"type":"SINGLE_LINE_TEXT"})", "null", R"("")"},
      {R"({"type":"DROP_DOWN","options":{"A":{}}})", R"("")", "null"},
      {R"({"type":"RADIO_BUTTON","options":{"A":{}}})", R"("")", "null"},
      {R"({"type":"DATE"})", R"("2024-7-5")", R"("2024-07-05")"},
      {R"({"type":"DATE"})", R"("2024-07")", R"("2024-07-01")"},
      {R"({"type":"DATE"})", R"("2024")", R"("2024-01-01")"},
      {R"({"type":"DATE"})", R"("")", "null"},
      {R"({"type":"TIME"})", R"("15:31:59")", R"("15:31")"},
      {R"({"type":"DATETIME"})", R"("2026-04-25T19:00:45+09:00")", R"("2026-04-25T10:00:00Z")"},
      {R"({"type":"DATETIME"})", R"("2026-04-25T19:00+0900")", R"("2026-04-25T10:00:00Z")"},
      {R"({"type":"DATETIME"})", R"("2024-03-22")", R"("2024-03-22T00:00:00Z")"},
      {R"({"type":"DATETIME"})", "null", R"("")"},
      {R"({"type":"CHECK_BOX","options":{"A":{},"B":{}}})", R"(["B","A"])", R"(["B","A"])"},
      {R"({"type":"USER_SELECT"})", R"([{"code":"suzuki"},{"code":"sato","name":"ignored"}])",
       R"([{"code":"suzuki","name":"Suzuki Ichiro"},{"code":"sato","name":"Sato Noboru"}])"},
      {R"({"type":"GROUP_SELECT"})", R"([{"code":"admins"}])",
       R"([{"code":"admins","name":"Administrators"}])"},
      {R"({"type":"FILE"})", R"([{"fileKey":"up-a"}])",
       R"([{"contentType":"text/plain","fileKey":"dl-a","name":"a.txt","size":"123"}])"},
      {R"({"type":"LINK"})", R"("https://example.com/a?b")", R"("https://example.com/a?b")"},
      {R"({"type":"LINK","protocol":"CALL"})", R"("+81 (3) 1234-5678")", R"("+81 (3) 1234-5678")"},
      {R"({"type":"LINK","protocol":"MAIL"})", R"("a@example.com")", R"("a@example.com")"},
  };
  for (const CoerceCase& c : cases) {
    boost::json::object def = Obj(c.field);
    def["label"] = "F";
    FormFixture fx(boost::json::serialize(boost::json::object{{"f", def}}));
    auto r = Add(fx, "{\"f\":{\"value\":" + std::string(c.sent) + "}}");
    ASSERT_TRUE(r.ok()) << c.field << " " << c.sent << ": " << r.error().ToString();
    EXPECT_EQ(ValueOf(*r, "f"), Json(c.out)) << c.field << " " << c.sent;
  }
}

struct ErrorCase {
  const char* fields;  // form definitions
  const char* sent;    // record body
  Messages expected;
};

TEST(RecordAdd, ReportsEveryViolationWithItsKey) {
  const ErrorCase cases[] = {
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","required":true}})",
       "{}",
       {{"record.t.value", {"必須です。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","maxLength":"10"}})",
       R"({"t":{"value":"12345678901"}})",
       {{"record.t.value", {"11文字より短くなければなりません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","maxLength":"3"}})",
       R"({"t":{"value":"あいう"}})",
       {}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","minLength":"2"}})",
       R"({"t":{"value":"a"}})",
       {{"record.t.value", {"1文字より長くなければなりません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","minLength":"2"}})",
       R"({"t":{"value":""}})",
       {{"record.t.value", {"1文字より長くなければなりません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","minLength":"2"}})",
       "{}",
       {{"record.t.value", {"1文字より長くなければなりません。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N"}})",
       R"({"n":{"value":"abc"}})",
       {{"record[n].value", {"数字でなければなりません。"}}, {"record.n.value", {"必須です。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N"}})",
       R"({"n":{"value":"1,000"}})",
       {{"record[n].value", {"数字でなければなりません。"}}, {"record.n.value", {"必須です。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N","maxValue":"100"}})",
       R"({"n":{"value":"100.5"}})",
       {{"record.n.value", {"100以下である必要があります。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N","minValue":"-1.5"}})",
       R"({"n":{"value":"-2"}})",
       {{"record.n.value", {"-1.5以上である必要があります。"}}}},
      {R"({"n":{"type":"NUMBER","label":"N","minValue":"1"}})", R"({"n":{"value":""}})", {}},
      {R"({"n":{"type":"NUMBER","label":"N"}})",
       R"({"n":{"value":"1234567890123"}})",
       {{"record.n.value", {"有効桁数を超えています。"}}}},
      {R"({"c":{"type":"CHECK_BOX","label":"C","options":{"A":{},"B":{}}}})",
       R"({"c":{"value":["A","Z","B","Y"]}})",
       {{"record.c.values[1].value", {"\"Z\"は選択肢にありません。"}},
        {"record.c.values[3].value", {"\"Y\"は選択肢にありません。"}}}},
      {R"({"m":{"type":"MULTI_SELECT","label":"M","options":{"A":{}},"required":true}})",
       R"({"m":{"value":[]}})",
       {{"record.m.values", {"必須です。"}}}},
      {R"({"c":{"type":"CHECK_BOX","label":"C","options":{"A":{}}}})",
       R"({"c":{"value":"A"}})",
       {{"record.c.values", {"値の形式が正しくありません。"}}}},
      {R"({"d":{"type":"DROP_DOWN","label":"D","options":{"A":{}}}})",
       R"({"d":{"value":"Z"}})",
       {{"record.d.value", {"\"Z\"は選択肢にありません。"}}}},
      {R"({"d":{"type":"DROP_DOWN","label":"D","options":{"A":{}},"required":true}})",
       R"({"d":{"value":""}})",
       {{"record.d.value", {"必須です。"}}}},
      {R"({"r":{"type":"RADIO_BUTTON","label":"R","options":{"A":{}}}})",
       R"({"r":{"value":""}})",
       {}},
      {R"({"r":{"type":"RADIO_BUTTON","label":"R","options":{"A":{}}}})",
       R"({"r":{"value":"B"}})",
       {{"record.r.value", {"\"B\"は選択肢にありません。"}}}},
      {R"({"u":{"type":"USER_SELECT","label":"U"}})",
       R"({"u":{"value":[{"code":"sato"},{"code":"nobody"}]}})",
       {{"record.u.values.value",
         {"指定したユーザー、組織、またはグループ（code: nobody）が見つかりません。"}}}},
      {R"({"o":{"type":"ORGANIZATION_SELECT","label":"O"}})",
       R"({"o":{"value":[{"code":"sato"}]}})",
       {{"record.o.values.value",
         {"指定したユーザー、組織、またはグループ（code: sato）が見つかりません。"}}}},
      {R"({"u":{"type":"USER_SELECT","label":"U","required":true}})",
       R"({"u":{"value":[]}})",
       {{"record.u.values.value", {"必須です。"}}}},
      {R"({"f":{"type":"FILE","label":"F"}})",
       R"({"f":{"value":[{"fileKey":"bogus"}]}})",
       {{"record.f.values", {"指定したファイル（id: bogus）が見つかりません。"}}}},
      {R"({"f":{"type":"FILE","label":"F","required":true}})",
       "{}",
       {{"record.f.values", {"必須です。"}}}},
      {R"({"d":{"type":"DATE","label":"D"}})",
       R"({"d":{"value":"2023-02-29"}})",
       {{"record.d.value", {"日付の形式が正しくありません。"}}}},
      {R"({"d":{"type":"TIME","label":"D"}})",
       R"({"d":{"value":"25:00"}})",
       {{"record.d.value", {"時刻の形式が正しくありません。"}}}},
      {R"({"d":{"type":"DATETIME","label":"D"}})",
       R"({"d":{"value":"tomorrow"}})",
       {{"record.d.value", {"日時の形式が正しくありません。"}}}},
      {R"({"l":{"type":"LINK","label":"L","minLength":"5"}})",
       R"({"l":{"value":"abc"}})",
       {{"record.l.value",
         {"4文字より長くなければなりません。", "URLの形式が正しくありません。"}}}},
      {R"({"l":{"type":"LINK","label":"L"}})",
       R"({"l":{"value":"ftp://x"}})",
       {{"record.l.value", {"URLの形式が正しくありません。"}}}},
      {R"({"l":{"type":"LINK","label":"L","protocol":"CALL"}})",
       R"({"l":{"value":"call me"}})",
       {{"record.l.value", {"電話番号の形式が正しくありません。"}}}},
      {R"({"l":{"type":"LINK","label":"L","protocol":"MAIL"}})",
       R"({"l":{"value":"a@b@c"}})",
       {{"record.l.value", {"メールアドレスの形式が正しくありません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T"}})",
       R"({"t":{"value":{"x":1}}})",
       {{"record.t.value", {"値の形式が正しくありません。"}}}},
      {R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T"}})",
       R"({"t":"abc"})",
       {{"record.t.value", {"値の形式が正しくありません。"}}}},
      {R"({"tbl":{"type":"SUBTABLE","label":"T","fields":{
           "name":{"type":"SINGLE_LINE_TEXT","label":"N","required":true},
           "c":{"type":"CHECK_BOX","label":"C","options":{"A":{}}},
           "n":{"type":"NUMBER","label":"N","maxValue":"10"}}}})",
       R"({"tbl":{"value":[{"value":{"name":{"value":"ok"},"n":{"value":"abc"}}},
                           {"value":{"c":{"value":["Z"]},"n":{"value":"11"}}}]}})",
       {{"record.tbl.value[1].value.name.value", {"必須です。"}},
        {"record.tbl.value[1].value.c.values[0].value", {"\"Z\"は選択肢にありません。"}},
        {"record.tbl.value[1].value.n.value", {"10以下である必要があります。"}}}},
      {R"({"tbl":{"type":"SUBTABLE","label":"T","fields":{"x":{"type":"NUMBER","label":"X"}}}})",
       R"({"tbl":{"value":{"x":1}}})",
       {{"record.tbl.value", {"値の形式が正しくありません。"}}}},
      {R"({"a":{"type":"SINGLE_LINE_TEXT","label":"A","required":true},
          "b":{"type":"NUMBER","label":"B","maxValue":"1"},
          "c":{"type":"DROP_DOWN","label":"C","options":{"X":{}}}})",
       R"({"b":{"value":"2"},"c":{"value":"Y"}})",
       {{"record.a.value", {"必須です。"}},
        {"record.b.value", {"1以下である必要があります。"}},
        {"record.c.value", {"\"Y\"は選択肢にありません。"}}}},
      {R"({"作成者x":{"type":"SINGLE_LINE_TEXT","label":"A"}})",
       R"({"作成者":{"value":{"code":"nobody"}},"作成日時":{"value":"yesterday"}})",
       {{"record.作成者.value",
         {"指定したユーザー、組織、またはグループ（code: nobody）が見つかりません。"}},
        {"record.作成日時.value", {"日時の形式が正しくありません。"}}}},
  };
  for (const ErrorCase& c : cases) {
    FormFixture fx(c.fields);
    auto r = Add(fx, c.sent);
    if (c.expected.empty()) {
      EXPECT_TRUE(r.ok()) << c.fields << " " << c.sent << ": " << r.error().ToString();
      continue;
    }
    ASSERT_FALSE(r.ok()) << c.fields << " " << c.sent;
    EXPECT_EQ(r.error().code(), common::ErrorCode::kInvalidInput);
    EXPECT_EQ(MessagesOf(r.error()), c.expected) << c.fields << " " << c.sent;
  }
}

TEST(RecordAdd, BulkKeysUseTheGivenBase) {
  FormFixture fx(R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","required":true},
                     "n":{"type":"NUMBER","label":"N"}})");
  auto r = Add(fx, R"({"n":{"value":"x"}})", "records[3]");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(MessagesOf(r.error()),
            (Messages{{"records[3].t.value", {"必須です。"}},
                      {"records[3][n].value", {"数字でなければなりません。"}},
                      {"records[3].n.value", {"必須です。"}}}));
}

TEST(RecordAdd, NonNumericNumberInATableIsStoredEmpty) {
  FormFixture fx(R"({"tbl":{"type":"SUBTABLE","label":"T","fields":{
      "n":{"type":"NUMBER","label":"N"},"d":{"type":"DROP_DOWN","label":"D",
      "options":{"A":{}},"defaultValue":"A"}}}})");
  auto r = Add(fx, R"({"tbl":{"value":[{"id":"77","value":{"n":{"value":"abc"}}},
                                       {"id":"","value":{"n":{"value":"3"},"d":{"value":""}}}]}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(ValueOf(*r, "tbl"), Json(R"([
      {"id":"0","value":{"n":{"type":"NUMBER","value":""},"d":{"type":"DROP_DOWN","value":"A"}}},
      {"id":"0","value":{"n":{"type":"NUMBER","value":"3"},"d":{"type":"DROP_DOWN","value":null}}}
  ])"));
}

TEST(RecordAdd, IgnoresUnknownAndReadOnlyFields) {
  FormFixture fx(R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T"}})");
  auto r = Add(fx, R"({"nope":{"value":"x"},"$id":{"value":"5"},"$revision":{"value":"9"},
                       "レコード番号":{"value":"7"},"ステータス":{"value":"Done"},
                       "更新者":{"value":{"code":"suzuki"}},"更新日時":{"value":""},
                       "t":{"type":"NUMBER","value":"x"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->record.size(), 1u);
  EXPECT_EQ(ValueOf(*r, "t"), "x");
  ASSERT_TRUE(r->info.modifier);
  EXPECT_EQ(r->info.modifier->id, 2);
  EXPECT_FALSE(r->info.updated_at);
  EXPECT_FALSE(r->info.creator);
}

TEST(RecordAdd, ReportsRecordInfoGivenOnAdd) {
  FormFixture fx;
  auto r = Add(fx, R"({"作成者":{"value":{"code":"suzuki"}},
                       "作成日時":{"value":"2020-01-01T09:00:30+09:00"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_TRUE(r->info.creator);
  EXPECT_EQ(r->info.creator->code, "suzuki");
  EXPECT_EQ(r->info.created_at, 1577836800);  // 2020-01-01T00:00:00Z
  auto blank = Add(fx, R"({"作成者":{"value":{"code":""}},"作成日時":{"value":""}})");
  ASSERT_TRUE(blank.ok()) << blank.error().ToString();
  EXPECT_FALSE(blank->info.creator);
  EXPECT_FALSE(blank->info.created_at);
}

TEST(RecordAdd, RefusesCalculatedFieldsUntilImplemented) {
  for (const char* fields :
       {R"({"c":{"type":"CALC","label":"C","expression":"1+1"}})",
        R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T","expression":"\"a\" & \"b\""}})",
        R"({"tbl":{"type":"SUBTABLE","label":"T","fields":{
             "c":{"type":"CALC","label":"C","expression":"1"}}}})"}) {
    FormFixture fx(fields);
    auto r = Add(fx, "{}");
    ASSERT_FALSE(r.ok()) << fields;
    EXPECT_EQ(r.error().code(), common::ErrorCode::kNotYetSupported);
    EXPECT_EQ(r.error().args(), std::vector<std::string>{"CALC"});
  }
}

constexpr const char* kLookupForm = R"({
  "key": {"type":"SINGLE_LINE_TEXT","label":"K","lookup":{"relatedApp":{"app":"2"},
          "relatedKeyField":"code","fieldMappings":[{"field":"copy","relatedField":"name"}]}},
  "copy": {"type":"SINGLE_LINE_TEXT","label":"C","defaultValue":"d"}})";

TEST(RecordAdd, RefusesLookupsWithAKeyUntilImplemented) {
  FormFixture fx(kLookupForm);
  auto r = Add(fx, R"({"key":{"value":"K-1"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), common::ErrorCode::kNotYetSupported);
  EXPECT_EQ(r.error().args(), std::vector<std::string>{"lookup"});
}

TEST(RecordAdd, LookupWithoutKeyLeavesTargetsEmpty) {
  FormFixture fx(kLookupForm);
  auto r = Add(fx, R"({"key":{"value":""},"copy":{"value":"typed"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(ValueOf(*r, "copy"), "");
}

TEST(RecordAdd, ListsUniqueValuesToCheck) {
  FormFixture fx(R"({"u":{"type":"SINGLE_LINE_TEXT","label":"U","unique":true},
                     "n":{"type":"NUMBER","label":"N","unique":true},
                     "d":{"type":"DATETIME","label":"D","unique":true},
                     "e":{"type":"SINGLE_LINE_TEXT","label":"E","unique":true}})");
  auto r = Add(fx, R"({"u":{"value":"abc"},"n":{"value":"1.50"},
                       "d":{"value":"1970-01-01T00:01:00Z"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  ASSERT_EQ(r->unique_checks.size(), 3u);  // "" never collides
  EXPECT_EQ(r->unique_checks[0].field->code, "u");
  EXPECT_EQ(r->unique_checks[0].value, common::SqlValue(std::string("abc")));
  EXPECT_EQ(r->unique_checks[1].value, common::SqlValue(std::string("1.5")));
  EXPECT_EQ(r->unique_checks[2].value, common::SqlValue(int64_t{60}));
}

// A record sent in a request arena (api::Params) is coerced into that arena, so that freeing the
// arena frees both; a record in the default resource stays there. The values are the same.
TEST(RecordAdd, TheCoercedRecordUsesTheSentRecordsMemoryResource) {
  FormFixture fx(R"({"t":{"type":"SINGLE_LINE_TEXT","label":"T"},
                     "n":{"type":"NUMBER","label":"N"},
                     "c":{"type":"CHECK_BOX","label":"C","options":{"A":{},"B":{}}},
                     "d":{"type":"DATE","label":"D","defaultValue":"2020-02-02"}})");
  constexpr std::string_view kSent =
      R"({"t":{"value":"ｱｲｳ"},"n":{"value":"1.50"},"c":{"value":["B","A"]}})";
  RecordWriter writer(fx.registry, fx.form);
  WriteContext context = fx.Context();
  auto plain = writer.Add(Obj(kSent), context, "record");
  ASSERT_TRUE(plain.ok()) << plain.error().ToString();
  EXPECT_FALSE(plain->record.storage().is_not_shared_and_deallocate_is_trivial());

  boost::json::monotonic_resource arena;
  boost::json::storage_ptr sp(&arena);
  boost::json::value sent = boost::json::parse(kSent, sp);
  auto in_arena = writer.Add(sent.as_object(), context, "record");
  ASSERT_TRUE(in_arena.ok()) << in_arena.error().ToString();
  EXPECT_EQ(in_arena->record.storage().get(), &arena);
  for (const auto& [code, field] : in_arena->record) {
    EXPECT_EQ(field.storage().get(), &arena) << code;
  }
  EXPECT_EQ(in_arena->record, plain->record);
}

}  // namespace
}  // namespace domain

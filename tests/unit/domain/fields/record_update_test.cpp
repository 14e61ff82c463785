// PUT record(s).json: only sent fields change, `required` on the merged record, no
// defaults, table row merge (§4.6), attachments kept by download key, lookup targets.
#include <gtest/gtest.h>

#include "domain/fields/record_writer.h"
#include "field_test_support.h"

namespace domain {
namespace {

using testing::FormFixture;
using testing::Json;
using testing::Messages;
using testing::MessagesOf;
using testing::Obj;

constexpr const char* kForm = R"({
  "title": {"type":"SINGLE_LINE_TEXT","label":"T","required":true},
  "memo": {"type":"MULTI_LINE_TEXT","label":"M","defaultValue":"hello"},
  "num": {"type":"NUMBER","label":"N","unique":true},
  "file": {"type":"FILE","label":"F"},
  "tbl": {"type":"SUBTABLE","label":"T","fields":{
    "name": {"type":"SINGLE_LINE_TEXT","label":"N","required":true},
    "n": {"type":"NUMBER","label":"N"},
    "d": {"type":"DROP_DOWN","label":"D","options":{"A":{},"B":{}},"defaultValue":"A"}}}
})";

constexpr const char* kCurrent = R"({
  "$id": {"type":"__ID__","value":"7"},
  "title": {"type":"SINGLE_LINE_TEXT","value":"old"},
  "memo": {"type":"MULTI_LINE_TEXT","value":""},
  "num": {"type":"NUMBER","value":"1"},
  "file": {"type":"FILE","value":[
    {"contentType":"text/plain","fileKey":"dl-kept","name":"kept.txt","size":"9"},
    {"contentType":"text/plain","fileKey":"dl-dropped","name":"dropped.txt","size":"9"}]},
  "tbl": {"type":"SUBTABLE","value":[
    {"id":"1","value":{"name":{"type":"SINGLE_LINE_TEXT","value":"a"},
                       "n":{"type":"NUMBER","value":"1"},"d":{"type":"DROP_DOWN","value":"B"}}},
    {"id":"2","value":{"name":{"type":"SINGLE_LINE_TEXT","value":"b"},
                       "n":{"type":"NUMBER","value":"2"},"d":{"type":"DROP_DOWN","value":"B"}}}]}
})";

common::Result<CoercedRecord> Update(FormFixture& fx, std::string_view current,
                                     std::string_view sent) {
  RecordWriter writer(fx.registry, fx.form);
  WriteContext context = fx.Context();
  return writer.Update(Obj(current), Obj(sent), context);
}

boost::json::value ValueOf(const CoercedRecord& r, std::string_view code) {
  return r.record.at(code).as_object().at("value");
}

std::vector<std::string> Codes(const std::vector<const FieldDef*>& fields) {
  std::vector<std::string> out;
  for (const FieldDef* f : fields) out.push_back(f->code);
  return out;
}

TEST(RecordUpdate, ChangesOnlySentFieldsAndAppliesNoDefaults) {
  FormFixture fx(kForm);
  auto r = Update(fx, kCurrent, R"({"num":{"value":"2.0"},"title":{"value":"old"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(ValueOf(*r, "num"), "2");
  EXPECT_EQ(ValueOf(*r, "memo"), "");  // no default on update
  EXPECT_EQ(ValueOf(*r, "tbl"), Obj(kCurrent).at("tbl").as_object().at("value"));
  EXPECT_EQ(r->record.at("$id"), Obj(kCurrent).at("$id"));
  EXPECT_EQ(Codes(r->changed), std::vector<std::string>{"num"});  // title sent unchanged
  ASSERT_EQ(r->unique_checks.size(), 1u);
  EXPECT_EQ(r->unique_checks[0].value, common::SqlValue(std::string("2")));
}

TEST(RecordUpdate, ChecksRequiredOnTheMergedRecord) {
  FormFixture fx(kForm);
  boost::json::object current = Obj(kCurrent);
  current["title"].as_object()["value"] = "";  // made required after this record was saved
  auto r = Update(fx, boost::json::serialize(current), R"({"num":{"value":"3"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(MessagesOf(r.error()), (Messages{{"record.title.value", {"必須です。"}}}));
  EXPECT_TRUE(Update(fx, boost::json::serialize(current), R"({"title":{"value":"x"}})").ok());
  auto emptied = Update(fx, kCurrent, R"({"title":{"value":""}})");
  ASSERT_FALSE(emptied.ok());
  EXPECT_EQ(MessagesOf(emptied.error()), (Messages{{"record.title.value", {"必須です。"}}}));
}

TEST(RecordUpdate, IgnoresRecordInfoFields) {
  FormFixture fx(kForm);
  auto r = Update(fx, kCurrent, R"({"作成者":{"value":{"code":"nobody"}},
                                     "更新日時":{"value":"bad"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_FALSE(r->info.creator);
  EXPECT_TRUE(r->changed.empty());
}

TEST(RecordUpdate, MergesTableRowsById) {
  FormFixture fx(kForm);
  auto r = Update(fx, kCurrent, R"({"tbl":{"value":[
      {"id":"2","value":{"n":{"value":"5"}}},
      {"value":{"name":{"value":"c"}}},
      {"id":"999","value":{"name":{"value":"d"},"d":{"value":"B"}}},
      {"id":2,"value":{"name":{"value":"dup"}}}]}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(ValueOf(*r, "tbl"), Json(R"([
    {"id":"2","value":{"name":{"type":"SINGLE_LINE_TEXT","value":"b"},
                       "n":{"type":"NUMBER","value":"5"},"d":{"type":"DROP_DOWN","value":"B"}}},
    {"id":"0","value":{"name":{"type":"SINGLE_LINE_TEXT","value":"c"},
                       "n":{"type":"NUMBER","value":""},"d":{"type":"DROP_DOWN","value":"A"}}},
    {"id":"0","value":{"name":{"type":"SINGLE_LINE_TEXT","value":"d"},
                       "n":{"type":"NUMBER","value":""},"d":{"type":"DROP_DOWN","value":"B"}}},
    {"id":"0","value":{"name":{"type":"SINGLE_LINE_TEXT","value":"dup"},
                       "n":{"type":"NUMBER","value":""},"d":{"type":"DROP_DOWN","value":"A"}}}
  ])"));
  EXPECT_EQ(Codes(r->changed), std::vector<std::string>{"tbl"});
}

TEST(RecordUpdate, EmptyTableDeletesAllRowsAndRowsAreValidatedMerged) {
  FormFixture fx(kForm);
  auto cleared = Update(fx, kCurrent, R"({"tbl":{"value":[]}})");
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(ValueOf(*cleared, "tbl"), Json("[]"));
  auto r = Update(fx, kCurrent, R"({"tbl":{"value":[{"id":"1","value":{"name":{"value":""}}},
                                                     {"id":"2"}]}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(MessagesOf(r.error()),
            (Messages{{"record.tbl.value[0].value.name.value", {"必須です。"}}}));
}

TEST(RecordUpdate, KeepsListedAttachmentsAndAttachesNewOnes) {
  FormFixture fx(kForm);
  RecordWriter writer(fx.registry, fx.form);
  WriteContext context = fx.Context();
  auto r = writer.Update(Obj(kCurrent),
                         Obj(R"({"file":{"value":[{"fileKey":"dl-kept"},{"fileKey":"up-new"}]}})"),
                         context);
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(ValueOf(*r, "file"), Json(R"([
    {"contentType":"text/plain","fileKey":"dl-kept","name":"kept.txt","size":"9"},
    {"contentType":"text/plain","fileKey":"dl-new","name":"new.txt","size":"123"}])"));
  EXPECT_EQ(fx.files.resolved, std::vector<std::string>{"up-new"});
}

constexpr const char* kLookupForm = R"({
  "key": {"type":"SINGLE_LINE_TEXT","label":"K","lookup":{"relatedApp":{"app":"2"},
          "relatedKeyField":"code","fieldMappings":[{"field":"copy","relatedField":"name"}]}},
  "copy": {"type":"SINGLE_LINE_TEXT","label":"C"},
  "tbl": {"type":"SUBTABLE","label":"T","fields":{
    "k": {"type":"NUMBER","label":"K","lookup":{"relatedApp":{"app":"3"},"relatedKeyField":"no",
          "fieldMappings":[{"field":"c","relatedField":"x"}]}},
    "c": {"type":"SINGLE_LINE_TEXT","label":"C"}}}})";

constexpr const char* kLookupCurrent = R"({
  "key": {"type":"SINGLE_LINE_TEXT","value":"K-1"},
  "copy": {"type":"SINGLE_LINE_TEXT","value":"copied"},
  "tbl": {"type":"SUBTABLE","value":[{"id":"4","value":{
    "k":{"type":"NUMBER","value":"1"},"c":{"type":"SINGLE_LINE_TEXT","value":"row copy"}}}]}})";

TEST(RecordUpdate, LookupTargetsIgnoreDirectWritesAndClearWithTheKey) {
  FormFixture fx(kLookupForm);
  auto kept = Update(fx, kLookupCurrent, R"({"copy":{"value":"typed"}})");
  ASSERT_TRUE(kept.ok()) << kept.error().ToString();
  EXPECT_EQ(ValueOf(*kept, "copy"), "copied");
  auto cleared = Update(fx, kLookupCurrent, R"({"key":{"value":""},"copy":{"value":"typed"},
      "tbl":{"value":[{"id":"4","value":{"k":{"value":""}}},{"value":{"c":{"value":"t"}}}]}})");
  ASSERT_TRUE(cleared.ok()) << cleared.error().ToString();
  EXPECT_EQ(ValueOf(*cleared, "copy"), "");
  EXPECT_EQ(ValueOf(*cleared, "tbl"), Json(R"([
    {"id":"4","value":{"k":{"type":"NUMBER","value":""},"c":{"type":"SINGLE_LINE_TEXT","value":""}}},
    {"id":"0","value":{"k":{"type":"NUMBER","value":""},"c":{"type":"SINGLE_LINE_TEXT","value":""}}}
  ])"));
  auto refused = Update(fx, kLookupCurrent, R"({"tbl":{"value":[{"id":"4","value":{
      "k":{"value":"2"}}}]}})");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), common::ErrorCode::kNotYetSupported);
}

TEST(RecordUpdate, FieldMissingFromTheStoredRecordIsAddedWhenSent) {
  FormFixture fx(kForm);
  auto r = Update(fx, R"({"title":{"type":"SINGLE_LINE_TEXT","value":"t"}})",
                  R"({"memo":{"value":"new"}})");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->record.at("memo"), Json(R"({"type":"MULTI_LINE_TEXT","value":"new"})"));
}

}  // namespace
}  // namespace domain

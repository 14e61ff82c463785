#include "domain/apps/lookup_dependents.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "common/error_code.h"

namespace domain {
namespace {

namespace json = boost::json;
using common::FieldType;
using Codes = std::vector<std::string>;

// A field as a stored form holds it: `extra` (JSON) joins type, code and label.
FieldDef Field(int64_t id, const char* code, FieldType type, const char* extra = "{}") {
  FieldDef f;
  f.id = id;
  f.type = type;
  f.properties = json::parse(extra).as_object();
  f.properties["type"] = common::FieldTypeName(type);
  f.properties["code"] = code;
  f.properties["label"] = code;
  ParseDefinitionProperties(f);
  return f;
}

// App 7 (code RECEIPTS), the datasource: a receipt register with a table.
const DatasourceRef kSource{7, "RECEIPTS"};

FieldSet Source() {
  FieldDef table = Field(20, "明細", FieldType::kSubtable);
  table.fields.push_back(Field(21, "品名", FieldType::kSingleLineText));
  return FieldSet({Field(1, "レコード番号", FieldType::kRecordNumber),
                   Field(3, "受付番号", FieldType::kSingleLineText),
                   Field(4, "氏名", FieldType::kSingleLineText),
                   Field(6, "金額", FieldType::kNumber),
                   Field(7, "備考", FieldType::kMultiLineText), std::move(table)});
}

std::string Lookup(const char* related_app, const char* key, const char* copied) {
  return std::string(R"J({"lookup": {"relatedApp": )J") + related_app +
         R"J(, "relatedKeyField": ")J" + key + R"J(", "fieldMappings": [{"field": "写し",
         "relatedField": ")J" +
         copied + R"J("}]}})J";
}

// Another app's form with a top-level lookup on `related_app`.
FieldSet TopLevelLookup(const char* related_app = R"J({"app": "7", "code": ""})J",
                        const char* key = "受付番号", const char* copied = "氏名") {
  return FieldSet(
      {Field(1, "受付", FieldType::kSingleLineText, Lookup(related_app, key, copied).c_str()),
       Field(2, "写し", FieldType::kSingleLineText)});
}

// Another app's form whose lookup sits in a table row.
FieldSet TableLookup() {
  FieldDef table = Field(10, "行", FieldType::kSubtable);
  table.fields.push_back(Field(11, "行受付", FieldType::kNumber,
                               Lookup(R"J({"app": "7"})J", "レコード番号", "金額").c_str()));
  table.fields.push_back(Field(12, "写し", FieldType::kNumber));
  return FieldSet({std::move(table)});
}

common::Status Check(const Codes& taken, std::vector<OtherForm> others,
                     const DatasourceRef& source = kSource) {
  return CheckNotUsedByLookups(taken, source, others);
}

TEST(LookupDependents, AKeyFieldOrCopySourceOfAnotherAppsLookupIsRefusedNamingOnlyItsId) {
  for (const char* code : {"受付番号", "氏名"}) {
    common::Status s = Check({code}, {{12, TopLevelLookup()}});
    ASSERT_FALSE(s.ok()) << code;
    EXPECT_EQ(s.error().code(), common::ErrorCode::kFieldUsedByLookup);
    EXPECT_EQ(s.error().args(), (Codes{code, "12"}));
    EXPECT_EQ(s.error().Message(common::Lang::kEn),
              std::string("The field \"") + code +
                  "\" cannot be deleted or have its field code changed: the lookup of another "
                  "app (ID: 12) uses it.");
    EXPECT_FALSE(s.error().has_fields());
  }
}

TEST(LookupDependents, FieldsNoLookupUsesAreFree) {
  EXPECT_TRUE(Check({"備考", "金額", "明細", "品名"}, {{12, TopLevelLookup()}}).ok());
  EXPECT_TRUE(Check({}, {{12, TopLevelLookup()}}).ok());
  EXPECT_TRUE(Check({"受付番号"}, {}).ok());
}

TEST(LookupDependents, ALookupInsideATableProtectsToo) {
  common::Status s = Check({"金額"}, {{12, TopLevelLookup()}, {13, TableLookup()}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().args(), (Codes{"金額", "13"}));
  EXPECT_FALSE(Check({"レコード番号"}, {{13, TableLookup()}}).ok());
}

TEST(LookupDependents, RelatedAppResolvesByCodeFirstThenById) {
  // The code wins when both are given: app "7" with another app's code names that app.
  EXPECT_TRUE(
      Check({"受付番号"}, {{12, TopLevelLookup(R"J({"app": "7", "code": "OTHER"})J")}}).ok());
  EXPECT_FALSE(
      Check({"受付番号"}, {{12, TopLevelLookup(R"J({"app": "99", "code": "RECEIPTS"})J")}}).ok());
  EXPECT_FALSE(Check({"受付番号"}, {{12, TopLevelLookup(R"J({"code": "RECEIPTS"})J")}}).ok());
  EXPECT_FALSE(Check({"受付番号"}, {{12, TopLevelLookup(R"J({"app": 7})J")}}).ok());
  EXPECT_TRUE(Check({"受付番号"}, {{12, TopLevelLookup(R"J({"app": "8"})J")}}).ok());
  // A datasource without an app code is named by id only.
  EXPECT_FALSE(Check({"受付番号"}, {{12, TopLevelLookup()}}, DatasourceRef{7, ""}).ok());
  EXPECT_TRUE(
      Check({"受付番号"}, {{12, TopLevelLookup(R"J({"code": "RECEIPTS"})J")}}, DatasourceRef{7, ""})
          .ok());
}

TEST(LookupDependents, TheDatasourcesOwnLookupsAndOthersRelatedRecordsDoNotCount) {
  EXPECT_TRUE(Check({"受付番号"}, {{7, TopLevelLookup()}}).ok());
  FieldSet related({Field(1, "関連", FieldType::kReferenceTable, R"J({"referenceTable": {
      "relatedApp": {"app": "7"}, "condition": {"field": "受付", "relatedField": "受付番号"},
      "displayFields": ["氏名"]}})J"),
                    Field(2, "受付", FieldType::kSingleLineText)});
  EXPECT_TRUE(Check({"受付番号", "氏名"}, {{12, std::move(related)}}).ok());
}

TEST(LookupDependents, TheFirstTakenCodeInUseIsReported) {
  common::Status s = Check({"備考", "氏名", "受付番号"}, {{12, TopLevelLookup()}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().args(), (Codes{"氏名", "12"}));
}

TEST(LookupDependents, AnEditTakesRemovedAndRenamedFieldsByTheirPreviewAndLiveCodes) {
  FieldSet before = Source();
  query::FieldChanges changes;
  changes.removed = {"氏名", "品名"};
  changes.renamed = {{"受付番号", "受付No"}};
  EXPECT_EQ(CodesTakenByEdit(before, nullptr, changes), (Codes{"受付番号", "氏名", "品名"}));
  // In the live form field 4 is still called 申請者 (renamed in the preview, not yet deployed).
  FieldSet live({Field(3, "受付番号", FieldType::kSingleLineText),
                 Field(4, "申請者", FieldType::kSingleLineText)});
  EXPECT_EQ(CodesTakenByEdit(before, &live, changes),
            (Codes{"受付番号", "氏名", "申請者", "品名"}));
  EXPECT_EQ(CodesTakenByEdit(before, &live, {}), Codes{});
}

TEST(LookupDependents, ADeployTakesTopLevelCodesTheNewLiveFormLacks) {
  FieldDef table = Field(20, "明細", FieldType::kSubtable);
  table.fields.push_back(Field(21, "品名", FieldType::kSingleLineText));
  table.fields.push_back(Field(4, "氏名", FieldType::kSingleLineText));  // moved into the table
  FieldSet after({Field(1, "レコード番号", FieldType::kRecordNumber),
                  Field(3, "受付No", FieldType::kSingleLineText),
                  Field(6, "金額", FieldType::kNumber), Field(8, "備考", FieldType::kDate),
                  std::move(table)});
  EXPECT_EQ(CodesTakenByDeploy(Source(), after), (Codes{"受付番号", "氏名"}));
  EXPECT_EQ(CodesTakenByDeploy(Source(), Source()), Codes{});
}

}  // namespace
}  // namespace domain

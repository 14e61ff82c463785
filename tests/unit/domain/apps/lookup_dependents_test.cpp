#include "domain/apps/lookup_dependents.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "common/error_code.h"
#include "stored_field.h"

namespace domain {
namespace {

namespace json = boost::json;
using common::FieldType;
using Codes = std::vector<std::string>;

FieldDef Field(int64_t id, const char* code, FieldType type, const char* extra = "{}") {
  return testing::StoredField(id, code, type, extra);
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

// A stored lookup of app `app` on `related_app`, keyed on `key` and copying `copied`.
StoredLookup Lookup(int64_t app, const char* related_app = R"J({"app": "7", "code": ""})J",
                    const char* key = "受付番号", const char* copied = "氏名") {
  std::string text = std::string(R"J({"relatedApp": )J") + related_app +
                     R"J(, "relatedKeyField": ")J" + key +
                     R"J(", "fieldMappings": [{"field": "写し", "relatedField": ")J" + copied +
                     R"J("}], "lookupPickerFields": ["備考"], "filterCond": "金額 > 0",
                     "sort": "金額 desc"})J";
  return StoredLookup{app, json::parse(text).as_object()};
}

common::Status Check(const Codes& taken, const std::vector<StoredLookup>& lookups,
                     const DatasourceRef& source = kSource) {
  return CheckNotUsedByLookups(taken, source, lookups);
}

TEST(LookupDependents, AKeyFieldOrCopySourceOfAnotherAppsLookupIsRefusedNamingOnlyItsId) {
  for (const char* code : {"受付番号", "氏名"}) {
    common::Status s = Check({code}, {Lookup(12)});
    ASSERT_FALSE(s.ok()) << code;
    EXPECT_EQ(s.error().code(), common::ErrorCode::kFieldUsedByLookup);
    EXPECT_EQ(s.error().args(), (Codes{code, "12"}));
    EXPECT_EQ(s.error().Message(common::Lang::kEn),
              std::string("The field \"") + code +
                  "\" cannot be deleted or have its field code changed: the lookup of another "
                  "app (ID: 12) uses it.");
    EXPECT_FALSE(s.error().has_fields());
  }
  // The record number as the key.
  EXPECT_FALSE(
      Check({"レコード番号"}, {Lookup(13, R"J({"app": "7"})J", "レコード番号", "金額")}).ok());
}

TEST(LookupDependents, FieldsNoLookupUsesAsKeyOrCopySourceAreFree) {
  // 備考 and 金額 appear only in the picker columns, filter and sort (UI-only, §4.7).
  EXPECT_TRUE(Check({"備考", "金額", "明細", "品名"}, {Lookup(12)}).ok());
  EXPECT_TRUE(Check({}, {Lookup(12)}).ok());
  EXPECT_TRUE(Check({"受付番号"}, {}).ok());
}

TEST(LookupDependents, RelatedAppResolvesByCodeFirstThenById) {
  // The code wins when both are given: app "7" with another app's code names that app.
  EXPECT_TRUE(Check({"受付番号"}, {Lookup(12, R"J({"app": "7", "code": "OTHER"})J")}).ok());
  EXPECT_FALSE(Check({"受付番号"}, {Lookup(12, R"J({"app": "99", "code": "RECEIPTS"})J")}).ok());
  EXPECT_FALSE(Check({"受付番号"}, {Lookup(12, R"J({"code": "RECEIPTS"})J")}).ok());
  EXPECT_FALSE(Check({"受付番号"}, {Lookup(12, R"J({"app": 7})J")}).ok());
  EXPECT_TRUE(Check({"受付番号"}, {Lookup(12, R"J({"app": "8"})J")}).ok());
  // A datasource without an app code is named by id only.
  EXPECT_FALSE(Check({"受付番号"}, {Lookup(12)}, DatasourceRef{7, ""}).ok());
  EXPECT_TRUE(
      Check({"受付番号"}, {Lookup(12, R"J({"code": "RECEIPTS"})J")}, DatasourceRef{7, ""}).ok());
}

TEST(LookupDependents, TheDatasourcesOwnLookupsDoNotCount) {
  EXPECT_TRUE(Check({"受付番号"}, {Lookup(7)}).ok());
}

TEST(LookupDependents, TheFirstTakenCodeInUseIsReportedWithTheFirstAppUsingIt) {
  common::Status s = Check({"備考", "氏名", "受付番号"},
                           {Lookup(12, R"J({"app": "7"})J", "受付番号", "金額"), Lookup(14)});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().args(), (Codes{"氏名", "14"}));
  s = Check({"受付番号"}, {Lookup(12, R"J({"app": "8"})J"), Lookup(14), Lookup(15)});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().args(), (Codes{"受付番号", "14"}));
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

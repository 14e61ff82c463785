#include "domain/apps/datasource_rules.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "common/error_code.h"
#include "domain/records/record_schema_lookup.h"
#include "stored_field.h"

namespace domain {
namespace {

namespace json = boost::json;
using common::FieldType;

FieldDef Field(int64_t id, const char* code, FieldType type, const char* extra = "{}") {
  return testing::StoredField(id, code, type, extra);
}

FieldDef Unique(FieldDef f) {
  f.unique = true;
  return f;
}

// App 7, the datasource: a receipt register.
FieldSet Source() {
  FieldDef table = Field(20, "明細", FieldType::kSubtable);
  table.fields.push_back(Field(21, "品名", FieldType::kSingleLineText));
  return FieldSet(
      {Field(1, "レコード番号", FieldType::kRecordNumber), Field(2, "作成者", FieldType::kCreator),
       Unique(Field(3, "受付番号", FieldType::kSingleLineText)),
       Field(4, "氏名", FieldType::kSingleLineText), Unique(Field(5, "番号", FieldType::kNumber)),
       Field(6, "金額", FieldType::kNumber), Field(7, "申請日", FieldType::kDate),
       Field(8, "分類", FieldType::kDropDown,
             R"J({"options": {"A": {"label": "A", "index": "0"}}})J"),
       Field(9, "合計", FieldType::kCalc), std::move(table)});
}

const DatasourceFinder kFind =
    [](std::string_view app, std::string_view code) -> common::Result<std::optional<Datasource>> {
  if (code == "RECEIPTS" || (code.empty() && app == "7")) {
    return std::optional<Datasource>(Datasource{7, Source()});
  }
  return std::optional<Datasource>();
};

constexpr const char* kGoodLookup = R"J({"lookup": {
  "relatedApp": {"app": "7", "code": ""}, "relatedKeyField": "受付番号",
  "fieldMappings": [{"field": "申請者", "relatedField": "氏名"},
                    {"field": "申請額", "relatedField": "金額"},
                    {"field": "担当", "relatedField": "作成者"}],
  "lookupPickerFields": ["受付番号", "氏名"],
  "filterCond": "金額 > 100 and 申請日 = TODAY()", "sort": "レコード番号 desc"}})J";

constexpr const char* kGoodRelated = R"J({"referenceTable": {
  "relatedApp": {"app": "", "code": "RECEIPTS"},
  "condition": {"field": "受付", "relatedField": "受付番号"},
  "filterCond": "分類 in (\"A\")", "displayFields": ["氏名", "金額"],
  "sort": "申請日 asc", "size": "5"}})J";

// The app being edited: `lookup` and `related` define its lookup and related records; a table holds
// a second lookup that copies within its row.
FieldSet Form(const char* lookup = kGoodLookup, const char* related = kGoodRelated) {
  FieldDef table = Field(30, "行", FieldType::kSubtable);
  table.fields.push_back(Field(31, "行番号", FieldType::kNumber, R"J({"lookup": {
    "relatedApp": {"app": "7"}, "relatedKeyField": "番号",
    "fieldMappings": [{"field": "行金額", "relatedField": "金額"}]}})J"));
  table.fields.push_back(Field(32, "行金額", FieldType::kNumber));
  return FieldSet({Field(1, "受付", FieldType::kSingleLineText, lookup),
                   Field(2, "申請者", FieldType::kSingleLineText),
                   Field(3, "申請額", FieldType::kNumber), Field(4, "担当", FieldType::kUserSelect),
                   Field(5, "関連", FieldType::kReferenceTable, related),
                   Field(6, "日付", FieldType::kDate), std::move(table)});
}

using Keys = std::map<std::string, std::vector<std::string>>;  // key -> texts (ja)

Keys Problems(const FieldSet* before, const FieldSet& after,
              const query::FieldChanges& changes = {}) {
  NoEntities entities;
  query::QueryContext qc;
  qc.entities = &entities;
  common::Status s = CheckDatasourceFields(before, after, changes, kFind, qc);
  Keys out;
  if (s.ok()) return out;
  EXPECT_EQ(s.error().code(), common::ErrorCode::kInvalidInput);
  for (const common::FieldError& f : s.error().fields()) {
    for (const common::Message& m : f.messages) {
      out[f.key].push_back(common::Render(m, common::Lang::kEn));
    }
  }
  return out;
}

std::vector<std::string> KeysOf(const Keys& k) {
  std::vector<std::string> out;
  for (const auto& kv : k) out.push_back(kv.first);
  return out;
}

TEST(DatasourceRules, AcceptsDefinitionsThatFitTheirDatasource) {
  EXPECT_EQ(Problems(nullptr, Form()), Keys{});
}

TEST(DatasourceRules, RefusesAnAppTheCallerCannotSee) {
  Keys k =
      Problems(nullptr, Form(R"J({"lookup": {"relatedApp": {"app": "99"},
      "relatedKeyField": "受付番号", "fieldMappings": []}})J",
                             R"J({"referenceTable": {"relatedApp": {"app": "7", "code": "NOPE"},
      "condition": {"field": "受付", "relatedField": "受付番号"}}})J"));
  EXPECT_EQ(KeysOf(k),
            (std::vector<std::string>{"properties[受付].lookup.relatedApp.app",
                                      "properties[関連].referenceTable.relatedApp.code"}));
  EXPECT_EQ(k["properties[受付].lookup.relatedApp.app"],
            std::vector<std::string>{"The datasource app (99) does not exist, or you do not have "
                                     "permission to view it."});
}

TEST(DatasourceRules, KeyMustBeALookupKeyOfTheLookupsKind) {
  auto key_of = [](const char* key) {
    std::string lookup = std::string(R"J({"lookup": {"relatedApp": {"app": "7"},
        "relatedKeyField": ")J") +
                         key + R"J(", "fieldMappings": []}})J";
    return Problems(nullptr, Form(lookup.c_str()));
  };
  EXPECT_EQ(key_of("レコード番号"), Keys{});
  const std::string at = "properties[受付].lookup.relatedKeyField";
  EXPECT_EQ(key_of("ない")[at],
            std::vector<std::string>{"The specified field (code: ない) is not found."});
  EXPECT_EQ(key_of("品名")[at], std::vector<std::string>{"A field inside a table of the datasource "
                                                         "app cannot be used here."});
  for (const char* bad :
       {"申請日", "合計", "番号"}) {  // a date, a calc, a number for a text lookup
    EXPECT_EQ(KeysOf(key_of(bad)), std::vector<std::string>{at}) << bad;
  }
}

TEST(DatasourceRules, CopyRulesFollowKintonesTypes) {
  Keys k = Problems(nullptr, Form(R"J({"lookup": {"relatedApp": {"app": "7"},
      "relatedKeyField": "受付番号", "fieldMappings": [
        {"field": "申請者", "relatedField": "金額"},
        {"field": "申請額", "relatedField": "合計"},
        {"field": "ない", "relatedField": "氏名"},
        {"field": "行金額", "relatedField": "金額"},
        {"field": "日付", "relatedField": "どこ"},
        {"field": "受付", "relatedField": "氏名"},
        {"field": "申請者", "relatedField": "品名"}]}})J"));
  EXPECT_EQ(k, (Keys{
                   {"properties[受付].lookup.fieldMappings[0].field",
                    {"The value of the field 金額 (NUMBER) cannot be copied into this field "
                     "(SINGLE_LINE_TEXT)."}},
                   {"properties[受付].lookup.fieldMappings[2].field",
                    {"The specified field (code: ない) is not found."}},
                   {"properties[受付].lookup.fieldMappings[3].field",
                    {"A copy target must be in the same table as the lookup (outside tables for "
                     "a lookup outside tables)."}},
                   {"properties[受付].lookup.fieldMappings[4].relatedField",
                    {"The specified field (code: どこ) is not found."}},
                   {"properties[受付].lookup.fieldMappings[5].field",
                    {"A copy target must be in the same table as the lookup (outside tables for "
                     "a lookup outside tables)."}},
                   {"properties[受付].lookup.fieldMappings[6].relatedField",
                    {"A field inside a table of the datasource app cannot be used here."}},
               }));
}

TEST(DatasourceRules, TableLookupsCopyWithinTheirRow) {
  FieldDef table = Field(30, "行", FieldType::kSubtable);
  table.fields.push_back(Field(31, "行番号", FieldType::kNumber, R"J({"lookup": {
    "relatedApp": {"app": "7"}, "relatedKeyField": "番号",
    "fieldMappings": [{"field": "申請額", "relatedField": "金額"}]}})J"));
  FieldSet form({Field(3, "申請額", FieldType::kNumber), std::move(table)});
  EXPECT_EQ(
      KeysOf(Problems(nullptr, form)),
      std::vector<std::string>{"properties[行].fields[行番号].lookup.fieldMappings[0].field"});
}

TEST(DatasourceRules, PickerDisplayFilterAndSortNameTheDatasource) {
  Keys k = Problems(nullptr, Form(R"J({"lookup": {"relatedApp": {"app": "7"},
      "relatedKeyField": "受付番号", "fieldMappings": [],
      "lookupPickerFields": ["氏名", "申請者"], "filterCond": "申請者 = \"x\"",
      "sort": "金額 sideways"}})J",
                                  R"J({"referenceTable": {"relatedApp": {"app": "7"},
      "condition": {"field": "受付", "relatedField": "受付番号"},
      "displayFields": ["担当"], "filterCond": "申請日 like \"x\"", "sort": "ない asc"}})J"));
  EXPECT_EQ(KeysOf(k), (std::vector<std::string>{
                           "properties[受付].lookup.filterCond",
                           "properties[受付].lookup.lookupPickerFields[1]",
                           "properties[受付].lookup.sort",
                           "properties[関連].referenceTable.displayFields[0]",
                           "properties[関連].referenceTable.filterCond",
                           "properties[関連].referenceTable.sort",
                       }));
}

TEST(DatasourceRules, RelatedConditionsCompareLikeWithLike) {
  auto condition = [](const char* ours, const char* theirs) {
    std::string related = std::string(R"J({"referenceTable": {"relatedApp": {"app": "7"},
        "condition": {"field": ")J") +
                          ours + R"J(", "relatedField": ")J" + theirs + R"J("}}})J";
    return KeysOf(Problems(nullptr, Form(kGoodLookup, related.c_str())));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(condition("申請額", "金額"), V{});
  EXPECT_EQ(condition("申請額", "合計"), V{});
  EXPECT_EQ(condition("受付", "レコード番号"), V{});
  EXPECT_EQ(condition("申請額", "氏名"),
            V{"properties[関連].referenceTable.condition.relatedField"});
  EXPECT_EQ(condition("申請者", "申請日"),
            V{"properties[関連].referenceTable.condition.relatedField"});
  EXPECT_EQ(condition("日付", "申請日"), V{"properties[関連].referenceTable.condition.field"});
  EXPECT_EQ(condition("行金額", "金額"), V{"properties[関連].referenceTable.condition.field"});
  EXPECT_EQ(condition("ない", "金額"), V{"properties[関連].referenceTable.condition.field"});
}

TEST(DatasourceRules, OnlyChangedDefinitionsAreCheckedOnAFormEdit) {
  const char* broken = R"J({"lookup": {"relatedApp": {"app": "99"}, "relatedKeyField": "k",
      "fieldMappings": [{"field": "申請者", "relatedField": "氏名"}]}})J";
  FieldSet before = Form(broken);
  EXPECT_EQ(Problems(&before, Form(broken)), Keys{}) << "unchanged: the deploy checks it";
  EXPECT_EQ(KeysOf(Problems(&before, Form(broken), {{}, {"申請者"}})),
            std::vector<std::string>{"properties[受付].lookup.relatedApp.app"})
      << "a removed copy target brings the definition back under check";
  EXPECT_EQ(Problems(&before, Form(kGoodLookup)), Keys{}) << "changed and now good";
}

TEST(DatasourceRules, DeployRefusesALookupKeyThatAllowsDuplicates) {
  auto unique = [](const char* key) {
    std::string lookup = std::string(R"J({"lookup": {"relatedApp": {"app": "7"},
        "relatedKeyField": ")J") +
                         key + R"J(", "fieldMappings": []}})J";
    return CheckLookupKeysUnique(Form(lookup.c_str()), kFind);
  };
  EXPECT_TRUE(unique("受付番号").ok());
  EXPECT_TRUE(unique("レコード番号").ok());
  common::Status s = unique("氏名");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code(), common::ErrorCode::kLookupKeyNotUnique);
}

TEST(DatasourceRules, RenamesFollowIntoCopyTargetsAndConditions) {
  query::FieldChanges changes;
  changes.renamed = {{"申請者", "申請者名"}, {"受付", "受付コード"}};
  changes.removed = {"担当"};
  FieldSet followed = FollowChangesInDatasourceFields(Form(), changes);
  const FieldDef* lookup = followed.Find("受付");
  ASSERT_NE(lookup, nullptr);
  EXPECT_EQ(json::value(lookup->properties.at("lookup").at("fieldMappings")),
            json::parse(R"J([{"field": "申請者名", "relatedField": "氏名"},
                             {"field": "申請額", "relatedField": "金額"}])J"));
  ASSERT_EQ(lookup->lookup_mappings.size(), 2U);
  EXPECT_EQ(lookup->lookup_mappings[0].field, "申請者名");
  EXPECT_EQ(followed.Find("関連")->properties.at("referenceTable").at("condition").at("field"),
            json::value("受付コード"));
  EXPECT_EQ(followed.Find("受付")->properties.at("lookup").at("relatedKeyField"),
            json::value("受付番号"))
      << "the datasource side names the other app";
}

TEST(DatasourceRules, EmptySortsTakeTheDatasourcesRecordNumber) {
  common::Result<FieldSet> filled =
      FillDatasourceSorts(Form(R"J({"lookup": {"relatedApp": {"app": "", "code": "RECEIPTS"},
          "relatedKeyField": "受付番号", "fieldMappings": [], "sort": ""}})J",
                               R"J({"referenceTable": {"relatedApp": {"app": "99"},
          "condition": {"field": "受付", "relatedField": "受付番号"}, "sort": ""}})J"),
                          kFind);
  ASSERT_TRUE(filled.ok());
  EXPECT_EQ(filled->Find("受付")->properties.at("lookup").at("sort"),
            json::value("レコード番号 desc"))
      << "found by its app code";
  EXPECT_EQ(filled->Find("関連")->properties.at("referenceTable").at("sort"), json::value(""))
      << "no datasource, nothing to fill";
}

}  // namespace
}  // namespace domain

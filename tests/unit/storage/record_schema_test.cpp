// The deploy DDL's indexes on a real SQLite database: the planned plain indexes (views' filters
// and sorts, unique fields) are created, and dropped again when the plan no longer has them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"
#include "storage/repositories/sql_app_repository.h"
#include "storage/sqlite/sqlite_database.h"
#include "temp_sqlite.h"

namespace storage {
namespace {

using common::FieldType;
using common::Status;
using domain::FieldDef;
using domain::FieldSet;
using domain::IndexSpec;

FieldDef Field(int64_t id, const char* code, FieldType type, bool unique = false) {
  FieldDef f;
  f.id = id;
  f.code = code;
  f.type = type;
  f.unique = unique;
  return f;
}

class RecordSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_ = std::make_unique<TempSqlite>("schema");
    ASSERT_TRUE(temp_->db);
    db_ = temp_->db.get();
    app_.id = 1;
  }
  void TearDown() override { temp_.reset(); }

  Status Apply(const FieldSet* before, const FieldSet& after, std::vector<IndexSpec> plan) {
    return db_->Write([&](Connection& c) {
      SqlAppRepository apps(c, registry_);
      return apps.ApplySchema(app_, before, after, plan);
    });
  }

  // The record table's indexes that are not SQLite's own.
  std::set<std::string> Indexes() {
    std::set<std::string> names;
    Status s = db_->Read([&](Connection& c) -> Status {
      TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT name FROM sqlite_master WHERE type = 'index' "
                                             "AND tbl_name = 'r1' AND sql IS NOT NULL"));
      for (const Row& r : rows) names.insert(r.Text(0));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok());
    return names;
  }

  std::unique_ptr<TempSqlite> temp_;
  sqlite::SqliteDatabase* db_ = nullptr;
  domain::FieldTypeRegistry registry_;
  domain::App app_;
};

const std::set<std::string> kSystem = {"r1_created_at", "r1_updated_at", "r1_creator",
                                       "r1_modifier", "r1_status"};

std::set<std::string> With(std::set<std::string> names) {
  names.insert(kSystem.begin(), kSystem.end());
  return names;
}

TEST_F(RecordSchemaTest, PlannedIndexesFollowTheViews) {
  FieldSet first({Field(1, "受付番号", FieldType::kSingleLineText, true),
                  Field(2, "氏名", FieldType::kSingleLineText),
                  Field(3, "申請日", FieldType::kDate), Field(4, "金額", FieldType::kNumber),
                  Field(5, "審査状況", FieldType::kDropDown)});
  Status s = Apply(nullptr, first, {IndexSpec{{1}}, IndexSpec{{3}}, IndexSpec{{5, 3}}});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  // Only what is planned: no index on 氏名 or 金額 (not filtered or sorted by any view).
  EXPECT_EQ(Indexes(), With({"r1_f1_uniq", "r1_ix_f1", "r1_ix_f3", "r1_ix_f5_f3"}));

  // The view is gone and 申請日 with it: its indexes go before its column (SQLite would refuse
  // to drop an indexed column); a new view on 金額 gets its index.
  FieldSet second({Field(1, "受付番号", FieldType::kSingleLineText, true),
                   Field(2, "氏名", FieldType::kSingleLineText),
                   Field(4, "金額", FieldType::kNumber),
                   Field(5, "審査状況", FieldType::kDropDown)});
  s = Apply(&first, second, {IndexSpec{{1}}, IndexSpec{{5, 4}}});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_EQ(Indexes(), With({"r1_f1_uniq", "r1_ix_f1", "r1_ix_f5_f4"}));
}

TEST_F(RecordSchemaTest, PerFieldIndexesOfEarlierVersionsAreDroppedAtTheNextDeploy) {
  FieldSet form(
      {Field(2, "氏名", FieldType::kSingleLineText), Field(3, "申請日", FieldType::kDate)});
  ASSERT_TRUE(Apply(nullptr, form, {}).ok());
  ASSERT_TRUE(db_->Write([](Connection& c) {
                   return c.ExecuteScript(
                       "CREATE INDEX r1_f2_idx ON r1(f2); "
                       "CREATE INDEX r1_f3_idx ON r1(f3)");
                 })
                  .ok());
  Status s = Apply(&form, form, {IndexSpec{{3}}});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  EXPECT_EQ(Indexes(), With({"r1_ix_f3"}));
}

}  // namespace
}  // namespace storage

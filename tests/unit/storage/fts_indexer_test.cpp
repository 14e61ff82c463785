// Background full-text indexing on a real SQLite database laid out by deploy: writes only queue
// ids, IndexQueued drains them in batches and leaves the index equal to what the triggers used
// to maintain, deploys keep the queue triggers and doc columns in step with the form, apps of
// earlier versions are converted, and tsumiki_contains agrees with the tokenizer's phrase match.
#include "storage/sqlite/fts_indexer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"
#include "fts_test_db.h"
#include "storage/repositories/sql_app_repository.h"
#include "storage/sqlite/fts_schema.h"
#include "storage/sqlite/sqlite_database.h"

namespace storage::sqlite {
namespace {

using common::FieldType;
using common::Status;
using domain::FieldDef;
using domain::FieldSet;

FieldDef Field(int64_t id, const char* code, FieldType type) {
  FieldDef f;
  f.id = id;
  f.code = code;
  f.type = type;
  return f;
}

// 氏名 f3 and 備考 f4 (top-level text), 金額 f5 (number), 明細 f6 (a table with 品名 f7).
FieldSet Form() {
  FieldDef table = Field(6, "明細", FieldType::kSubtable);
  table.fields.push_back(Field(7, "品名", FieldType::kSingleLineText));
  return FieldSet({Field(3, "氏名", FieldType::kSingleLineText),
                   Field(4, "備考", FieldType::kMultiLineText),
                   Field(5, "金額", FieldType::kNumber), table});
}

class FtsIndexerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tsumiki-fts-indexer-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = SqliteDatabase::Open({(dir_ / "t.db").string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    app_.id = 1;
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Deploy(const FieldSet* before, const FieldSet& after) {
    Status s = db_->Write([&](Connection& c) {
      SqlAppRepository apps(c, registry_);
      return apps.ApplySchema(app_, before, after, {});
    });
    ASSERT_TRUE(s.ok()) << s.error().ToString();
  }

  void Exec(const std::string& sql, std::vector<SqlValue> params = {}) {
    Status s = db_->Write([&](Connection& c) { return c.Execute(sql, params); });
    ASSERT_TRUE(s.ok()) << sql << ": " << s.error().ToString();
  }

  void Add(int64_t id, std::string_view name, std::string_view note = "") {
    Exec(
        "INSERT INTO r1 (id, revision, creator, created_at, modifier, updated_at, f3, f4) "
        "VALUES (?, 1, 1, 0, 1, 0, ?, ?)",
        {id, std::string(name), std::string(note)});
  }

  std::vector<int64_t> Ids(const std::string& sql, std::vector<SqlValue> params = {}) {
    std::vector<int64_t> ids;
    Status s = db_->Read([&](Connection& c) -> Status {
      TK_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
      for (const Row& r : rows) ids.push_back(r.Int(0));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << sql << ": " << s.error().ToString();
    return ids;
  }

  // What the index alone says (no queue involved).
  std::vector<int64_t> Indexed(int64_t field, std::string_view term) {
    const std::string fts = "r1_f" + std::to_string(field) + "_fts";
    return Ids("SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ? ORDER BY rowid",
               {*FtsPhrase(term)});
  }
  std::vector<int64_t> Queued() { return Ids("SELECT id FROM r1_fts_pending ORDER BY id"); }

  int64_t Drain(int64_t limit) {
    int64_t n = -1;
    Status s = db_->Write([&](Connection& c) -> Status {
      TK_ASSIGN_OR_RETURN(n, IndexQueued(c, 1, limit));
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return n;
  }

  std::filesystem::path dir_;
  std::unique_ptr<SqliteDatabase> db_;
  domain::FieldTypeRegistry registry_;
  domain::App app_;
};

TEST_F(FtsIndexerTest, WritesQueueIdsAndTheIndexerIndexesThem) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  Add(1, "山田太郎", "至急");
  Add(2, "佐藤花子");
  EXPECT_EQ(Queued(), (std::vector<int64_t>{1, 2}));
  EXPECT_TRUE(Indexed(3, "山田").empty());  // nothing indexed on the write

  EXPECT_EQ(Drain(1000), 2);
  EXPECT_TRUE(Queued().empty());
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(4, "至急"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(3, "花"), std::vector<int64_t>{2});

  // A change of a number alone queues nothing; a text change queues, and indexing replaces the
  // old terms.
  Exec("UPDATE r1 SET f5 = '3', f5_n = 3 WHERE id = 1");
  EXPECT_TRUE(Queued().empty());
  Exec("UPDATE r1 SET f3 = '山本一郎' WHERE id = 1");
  EXPECT_EQ(Queued(), std::vector<int64_t>{1});
  EXPECT_EQ(Drain(1000), 1);
  EXPECT_TRUE(Indexed(3, "山田").empty());
  EXPECT_EQ(Indexed(3, "山本"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(4, "至急"), std::vector<int64_t>{1});  // unchanged field kept

  Exec("DELETE FROM r1 WHERE id = 1");
  EXPECT_EQ(Queued(), std::vector<int64_t>{1});
  EXPECT_EQ(Drain(1000), 1);
  EXPECT_TRUE(Indexed(3, "山本").empty());
  EXPECT_TRUE(Indexed(4, "至急").empty());
  EXPECT_TRUE(Ids("SELECT id FROM r1_fts_doc WHERE id = 1").empty());

  // The index's own consistency check (FTS5 'integrity-check' compares it with its content,
  // here the doc table).
  Exec("INSERT INTO r1_f3_fts(r1_f3_fts) VALUES ('integrity-check')");
  Exec("INSERT INTO r1_f4_fts(r1_f4_fts) VALUES ('integrity-check')");
}

TEST_F(FtsIndexerTest, DrainsInBatchesOfTheGivenSize) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  for (int64_t id = 1; id <= 250; ++id) Add(id, "名前" + std::to_string(id));
  EXPECT_EQ(Drain(100), 100);
  EXPECT_EQ(Queued().size(), 150u);
  EXPECT_EQ(Queued().front(), 101);  // lowest ids first
  EXPECT_EQ(Drain(100), 100);
  EXPECT_EQ(Drain(100), 50);
  EXPECT_EQ(Drain(100), 0);
  EXPECT_EQ(Indexed(3, "名前").size(), 250u);
  EXPECT_EQ(Indexed(3, "前250"), std::vector<int64_t>{250});
  Exec("INSERT INTO r1_f3_fts(r1_f3_fts) VALUES ('integrity-check')");
}

TEST_F(FtsIndexerTest, SubtableTextIsStillIndexedAsItIsWritten) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  Add(1, "山田");
  Exec("INSERT INTO r1_t6 (id, record_id, pos, f7) VALUES (10, 1, 0, '鉛筆')");
  EXPECT_EQ(Indexed(7, "鉛筆"), std::vector<int64_t>{10});
}

TEST_F(FtsIndexerTest, DeployKeepsTriggersAndDocColumnsInStepWithTheForm) {
  FieldSet first = Form();
  Deploy(nullptr, first);
  Add(1, "山田", "メモ");
  EXPECT_EQ(Drain(1000), 1);
  // 備考 f4 goes, 住所 f8 comes.
  FieldSet second({Field(3, "氏名", FieldType::kSingleLineText),
                   Field(5, "金額", FieldType::kNumber),
                   Field(8, "住所", FieldType::kSingleLineText)});
  Deploy(&first, second);
  EXPECT_TRUE(Ids("SELECT 1 FROM sqlite_master WHERE name = 'r1_f4_fts'").empty());
  EXPECT_EQ(Ids("SELECT count(*) FROM pragma_table_info('r1_fts_doc') WHERE name IN "
                "('f3', 'f4', 'f8')"),
            std::vector<int64_t>{2});
  Exec("UPDATE r1 SET f8 = '東京都' WHERE id = 1");
  EXPECT_EQ(Queued(), std::vector<int64_t>{1});
  EXPECT_EQ(Drain(1000), 1);
  EXPECT_EQ(Indexed(8, "東京"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});
  // No text field left: no queue triggers, writes still work.
  FieldSet third({Field(5, "金額", FieldType::kNumber)});
  Deploy(&second, third);
  Exec(
      "INSERT INTO r1 (id, revision, creator, created_at, modifier, updated_at) VALUES "
      "(2, 1, 1, 0, 1, 0)");
  EXPECT_TRUE(Queued().empty());
  EXPECT_TRUE(
      Ids("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'r1'").empty());
}

TEST_F(FtsIndexerTest, AppsOfEarlierVersionsAreConverted) {
  // The layout before background indexing: per-field triggers on r1, FTS content r1.
  Exec("DROP TABLE IF EXISTS r1");
  Status s = db_->Write([](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.ExecuteScript(
        "CREATE TABLE r1 (id INTEGER PRIMARY KEY, f3 TEXT NOT NULL DEFAULT '', f4 TEXT NOT NULL "
        "DEFAULT '', f5 TEXT)"));
    for (int64_t field : {3, 4}) {
      for (const std::string& sql : FtsDdl(1, field, "r1"))
        TK_RETURN_IF_ERROR(c.ExecuteScript(sql));
    }
    return c.ExecuteScript(
        "INSERT INTO r1 (id, f3, f4) VALUES (1, '山田', 'メモ'), (2, '佐藤', ''); "
        "UPDATE r1 SET f3 = '山下' WHERE id = 1");
  });
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  ASSERT_TRUE(db_->Write([](Connection& c) { return UpgradeToFtsQueue(c); }).ok());
  ASSERT_TRUE(db_->Write([](Connection& c) { return UpgradeToFtsQueue(c); }).ok());  // idempotent
  EXPECT_TRUE(Queued().empty());  // nothing re-indexed
  EXPECT_EQ(Indexed(3, "山下"), std::vector<int64_t>{1});
  EXPECT_EQ(Ids("SELECT count(*) FROM r1_fts_doc WHERE f3 = '山下' AND f4 = 'メモ'"),
            std::vector<int64_t>{1});
  EXPECT_TRUE(Ids("SELECT 1 FROM sqlite_master WHERE name = 'r1_f3_fts_ai'").empty());
  Exec("UPDATE r1 SET f3 = '木村' WHERE id = 1");
  EXPECT_EQ(Queued(), std::vector<int64_t>{1});
  EXPECT_EQ(Drain(10), 1);
  EXPECT_TRUE(Indexed(3, "山下").empty());
  EXPECT_EQ(Indexed(3, "木村"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(4, "メモ"), std::vector<int64_t>{1});
  Exec("DELETE FROM r1 WHERE id = 2");
  EXPECT_EQ(Drain(10), 1);
  EXPECT_TRUE(Indexed(3, "佐藤").empty());
}

// Schema v11 (fewer tokens): every top-level text field gets an empty index and every record is
// queued, so `like` reads the text until the indexer has rebuilt it; subtable fields are rebuilt
// at once; the new tables merge 8 segments per level.
TEST_F(FtsIndexerTest, RequeueAllTextRebuildsEveryIndexForTheNewTokens) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  Add(1, "山田太郎", "至急");
  Add(2, "佐藤花子");
  Add(3, "");
  Exec("INSERT INTO r1_t6 (id, record_id, pos, f7) VALUES (10, 1, 0, '鉛筆'), (11, 2, 0, '筆')");
  EXPECT_EQ(Drain(1000), 3);
  // An index that no longer fits its text (as after a tokenizer change): a stale row.
  Exec("INSERT INTO r1_f3_fts(rowid, f3) VALUES (2, '古い名前')");
  Exec("INSERT INTO r1_f3_fts(r1_f3_fts, rank) VALUES ('automerge', 4)");

  ASSERT_TRUE(db_->Write([](Connection& c) { return RequeueAllText(c); }).ok());
  EXPECT_EQ(Queued(), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(Ids("SELECT count(*) FROM r1_fts_doc"), std::vector<int64_t>{0});
  EXPECT_TRUE(Indexed(3, "古い").empty());
  EXPECT_TRUE(Indexed(3, "山田").empty());  // not yet: `like` reads queued records
  EXPECT_EQ(Indexed(7, "筆"), (std::vector<int64_t>{10, 11}));  // subtable: rebuilt at once
  EXPECT_EQ(Indexed(7, "鉛"), std::vector<int64_t>{10});

  EXPECT_EQ(Drain(1000), 3);
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(3, "田"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(3, "子"), std::vector<int64_t>{2});
  EXPECT_EQ(Indexed(4, "急"), std::vector<int64_t>{1});
  EXPECT_TRUE(Indexed(3, "古い").empty());
  for (const char* fts : {"r1_f3_fts", "r1_f4_fts", "r1_f7_fts"}) {
    Exec(std::string("INSERT INTO ") + fts + "(" + fts + ") VALUES ('integrity-check')");
    EXPECT_EQ(Ids(std::string("SELECT v FROM ") + fts + "_config WHERE k = 'automerge'"),
              std::vector<int64_t>{kFtsAutomerge})
        << fts;
  }
  // Later writes are indexed as usual, subtable deletes find their tokens.
  Exec("UPDATE r1 SET f3 = '木村' WHERE id = 1");
  Exec("DELETE FROM r1_t6 WHERE id = 11");
  EXPECT_EQ(Drain(1000), 1);
  EXPECT_EQ(Indexed(3, "木"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(7, "筆"), std::vector<int64_t>{10});
  Exec("INSERT INTO r1_f7_fts(r1_f7_fts) VALUES ('integrity-check')");
}

TEST_F(FtsIndexerTest, TheThreadDrainsAndStopsCleanly) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  FtsIndexer indexer(*db_, {.idle_interval = std::chrono::milliseconds(10)});
  indexer.Start();
  for (int64_t id = 1; id <= 300; ++id) Add(id, "検索" + std::to_string(id));
  for (int i = 0; i < 500 && !Queued().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(Queued().empty());
  indexer.Stop();
  indexer.Stop();  // twice is fine
  EXPECT_EQ(Indexed(3, "検索").size(), 300u);
  // Stopped: new writes stay queued (durably) for the next start.
  Add(301, "検索301");
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Queued(), std::vector<int64_t>{301});
  FtsIndexer again(*db_, {});
  auto drained = again.DrainAll();
  ASSERT_TRUE(drained.ok());
  EXPECT_EQ(*drained, 1);
}

// tsumiki_contains must say "match" exactly when the index does: it stands in for the index for
// queued records.
TEST(SearchContains, AgreesWithThePhraseMatchOfTheTokenizer) {
  FtsTestDb db;
  db.CreateRecordTable();
  const std::vector<std::string_view> texts = {
      "山田 太郎", "山田　太郎", "ﾔﾏﾀﾞﾀﾛｳ", "ヤマダタロウ",   "やまだたろう", "ＡＢＣ１２３",
      "abc-123",   "霞ヶ関",     "Straße",  "  前後の空白  ", "改行\nあり",   "㍻元年",
      "",          "a",          "x\"y",
  };
  const std::vector<std::string_view> terms = {
      "山田", "田 太", "田太",   "ﾀﾞ",      "やまだ", "ヤマダ", "abc",       "ABC",
      "１２", "-1",    "霞ケ関", "STRASSE", "前後",   "の空白", "改行 あり", "平成",
      "a",    "y",     "\"",     "x\"y",    "z",      "太郎",   "\u200b",
  };
  for (size_t i = 0; i < texts.size(); ++i) db.Insert(static_cast<int64_t>(i + 1), texts[i]);
  for (std::string_view term : terms) {
    std::optional<std::string> phrase = FtsPhrase(term);
    std::vector<std::string> by_index;
    if (phrase) {
      by_index = db.Column("SELECT rowid FROM r1_f3_fts WHERE r1_f3_fts MATCH ? ORDER BY rowid",
                           {*phrase});
    }
    std::vector<std::string> by_function =
        db.Column("SELECT id FROM r1 WHERE tsumiki_contains(f3, ?) ORDER BY id", {term});
    EXPECT_EQ(by_index, by_function) << term;
  }
}

}  // namespace
}  // namespace storage::sqlite

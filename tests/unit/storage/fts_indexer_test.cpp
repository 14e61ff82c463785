// Background full-text indexing on a real SQLite database laid out by deploy: writes only queue
// ids, IndexQueued drains them in batches into the search file and leaves the index equal to
// what the triggers used to maintain, records written again while being indexed stay queued,
// deploys keep the queue triggers and the search file's tables in step with the form, a missing
// or outdated search file is rebuilt, apps of earlier versions are converted, and
// tsumiki_contains agrees with the tokenizer's phrase match.
#include "storage/sqlite/fts_indexer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>

#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"
#include "fts_test_db.h"
#include "storage/migrations.h"
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
    Reopen();
    ASSERT_TRUE(storage::Migrate(*db_).ok());
    app_.id = 1;
  }
  void Reopen() {
    db_.reset();
    auto db = SqliteDatabase::Open({(dir_ / "t.db").string()});
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
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

  // What the index alone says (no queue involved): top-level fields in the search file, 品名 f7
  // (in a table) in the database.
  std::vector<int64_t> Indexed(int64_t field, std::string_view term) {
    const std::string fts = "r1_f" + std::to_string(field) + "_fts";
    const std::string from = field == 7 ? fts : "search." + fts;
    return Ids("SELECT rowid FROM " + from + " WHERE " + fts + " MATCH ? ORDER BY rowid",
               {*FtsPhrase(term)});
  }
  // FTS5's own consistency check of a top-level field's index against its content (the doc
  // table), on the search file's connection.
  void CheckIntegrity(int64_t field) {
    const std::string fts = "r1_f" + std::to_string(field) + "_fts";
    Status s = db_->SearchWrite([&](Connection& c) {
      return c.ExecuteScript("INSERT INTO " + fts + "(" + fts + ") VALUES ('integrity-check')");
    });
    EXPECT_TRUE(s.ok()) << fts << ": " << s.error().ToString();
  }
  bool InSearchFile(const std::string& table) {
    return !Ids("SELECT 1 FROM search.sqlite_master WHERE name = ?", {table}).empty();
  }
  std::vector<int64_t> Queued() { return Ids("SELECT id FROM r1_fts_pending ORDER BY id"); }
  // The form deployed, 山田太郎 (1) and 佐藤花子 (2) added and indexed.
  void DeployAndIndexTwoRecords() {
    Deploy(nullptr, Form());
    Add(1, "山田太郎");
    Add(2, "佐藤花子");
    EXPECT_EQ(Drain(1000), 2);
  }
  // Opens the database again and prepares an indexer, which must find the search file to be
  // rebuilt and queue exactly `queued`; then drains the queue.
  void ReopenAndRebuild(const std::vector<int64_t>& queued) {
    Reopen();
    FtsIndexer indexer(*db_, {});
    ASSERT_TRUE(indexer.Prepare().ok());
    EXPECT_EQ(Queued(), queued);
    ASSERT_TRUE(indexer.DrainAll().ok());
  }

  int64_t Drain(int64_t limit) {
    auto n = IndexQueued(*db_, 1, limit);
    EXPECT_TRUE(n.ok()) << n.error().ToString();
    return n.ok() ? *n : -1;
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
  EXPECT_TRUE(Ids("SELECT id FROM search.r1_fts_doc WHERE id = 1").empty());
  CheckIntegrity(3);
  CheckIntegrity(4);
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
  CheckIntegrity(3);
}

// The indexer reads a snapshot, indexes it in the search file, then takes the entries off the
// queue through the writer: a record written again in between must stay queued (its new `gen`),
// or the index would keep its old text for good.
TEST_F(FtsIndexerTest, RecordsWrittenAgainWhileBeingIndexedStayQueued) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  constexpr int64_t kRecords = 400;
  for (int64_t id = 1; id <= kRecords; ++id) Add(id, "名前" + std::to_string(id) + "版0");
  FtsIndexer indexer(*db_, {.idle_interval = std::chrono::milliseconds(1),
                            .first_batch = 50,
                            .max_batch = 100,
                            .min_batch = 10});
  indexer.Start();
  std::mt19937 random(7);
  for (int round = 1; round <= 600; ++round) {
    const int64_t id = 1 + static_cast<int64_t>(random() % kRecords);
    Exec("UPDATE r1 SET f3 = ? WHERE id = ?",
         {"名前" + std::to_string(id) + "版" + std::to_string(round), id});
  }
  for (int i = 0; i < 1000 && !Queued().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  indexer.Stop();
  ASSERT_TRUE(Queued().empty());
  // Indexed text = current text, for every record (and the index = the indexed text).
  EXPECT_EQ(Ids("SELECT count(*) FROM r1 r JOIN search.r1_fts_doc d ON d.id = r.id WHERE "
                "d.f3 IS NOT r.f3"),
            std::vector<int64_t>{0});
  EXPECT_EQ(Ids("SELECT count(*) FROM search.r1_fts_doc"), std::vector<int64_t>{kRecords});
  CheckIntegrity(3);
  EXPECT_EQ(Indexed(3, "版").size(), static_cast<size_t>(kRecords));
  EXPECT_TRUE(Indexed(3, "版0").size() < static_cast<size_t>(kRecords));  // old text gone
}

// The search file is derived: missing, or kept from another moment than the database (a
// restore), it is emptied and every record queued again before anything reads it.
TEST_F(FtsIndexerTest, AMissingOrOutdatedSearchFileIsRebuilt) {
  DeployAndIndexTwoRecords();
  {
    FtsIndexer indexer(*db_, {});
    ASSERT_TRUE(indexer.Prepare().ok());  // in step: nothing to do
  }
  EXPECT_TRUE(Queued().empty());
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});

  // An older copy of the search file comes back (the database went on without it).
  Reopen();
  const auto search = dir_ / "t-search.db";
  db_.reset();
  std::filesystem::copy_file(search, dir_ / "old-search.db");
  Reopen();
  Exec("UPDATE r1 SET f3 = '木村' WHERE id = 1");
  EXPECT_EQ(Drain(1000), 1);
  db_.reset();
  std::filesystem::copy_file(dir_ / "old-search.db", search,
                             std::filesystem::copy_options::overwrite_existing);
  std::filesystem::remove(dir_ / "t-search.db-wal");
  Reopen();
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});  // stale, as restored
  {
    FtsIndexer indexer(*db_, {});
    ASSERT_TRUE(indexer.Prepare().ok());
    EXPECT_EQ(Queued(), (std::vector<int64_t>{1, 2}));
    EXPECT_TRUE(Indexed(3, "山田").empty());
    auto drained = indexer.DrainAll();
    ASSERT_TRUE(drained.ok());
    EXPECT_EQ(*drained, 2);
  }
  EXPECT_EQ(Indexed(3, "木村"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(3, "花子"), std::vector<int64_t>{2});

  // Gone altogether.
  db_.reset();
  for (const char* name : {"t-search.db", "t-search.db-wal", "t-search.db-shm"}) {
    std::filesystem::remove(dir_ / name);
  }
  ReopenAndRebuild({1, 2});
  EXPECT_EQ(Indexed(3, "木村"), std::vector<int64_t>{1});
  CheckIntegrity(3);
}

// A stop (kill -9, power loss) between a batch's commit in the search file and its commit in the
// database: the database is as it was before the batch's second step. Simulated by bringing back
// a copy of the database taken before the batch.
TEST_F(FtsIndexerTest, ABatchInterruptedBetweenItsTwoCommitsIsFinishedNotRebuilt) {
  DeployAndIndexTwoRecords();
  Add(3, "鈴木一郎");
  const auto database = dir_ / "t.db";
  auto keep_database = [&](const char* as) {
    db_.reset();
    for (const char* suffix : {"", "-wal"}) {
      std::filesystem::path from = database.string() + suffix;
      if (std::filesystem::exists(from)) {
        std::filesystem::copy_file(from, dir_ / (std::string(as) + suffix),
                                   std::filesystem::copy_options::overwrite_existing);
      }
    }
    Reopen();
  };
  auto bring_back = [&](const char* from) {
    db_.reset();
    std::filesystem::remove(database.string() + "-wal");
    std::filesystem::remove(database.string() + "-shm");
    for (const char* suffix : {"", "-wal"}) {
      if (std::filesystem::exists(dir_ / (std::string(from) + suffix))) {
        std::filesystem::copy_file(dir_ / (std::string(from) + suffix), database.string() + suffix,
                                   std::filesystem::copy_options::overwrite_existing);
      }
    }
    Reopen();
  };
  keep_database("before-batch.db");
  EXPECT_EQ(Drain(1000), 1);  // both steps
  bring_back("before-batch.db");
  EXPECT_EQ(Queued(), std::vector<int64_t>{3});
  {
    FtsIndexer indexer(*db_, {});
    ASSERT_TRUE(indexer.Prepare().ok());
  }
  EXPECT_TRUE(Queued().empty());  // finished: nothing requeued, nothing left queued
  EXPECT_EQ(Indexed(3, "鈴木"), std::vector<int64_t>{3});
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});
  CheckIntegrity(3);
  {
    FtsIndexer indexer(*db_, {});
    ASSERT_TRUE(indexer.Prepare().ok());  // in step now
  }
  EXPECT_TRUE(Queued().empty());

  // A database from an earlier moment with the same token: 3 was written again after it, and the
  // batch indexed that later text. The search file is not this database plus the batch: rebuilt.
  Exec("UPDATE r1 SET f3 = '鈴木次郎' WHERE id = 3");
  EXPECT_EQ(Drain(1000), 1);
  Exec("UPDATE r1 SET f3 = '鈴木三郎' WHERE id = 3");
  keep_database("earlier.db");
  Exec("UPDATE r1 SET f3 = '田中' WHERE id = 3");
  EXPECT_EQ(Drain(1000), 1);
  bring_back("earlier.db");
  ReopenAndRebuild({1, 2, 3});
  EXPECT_EQ(Indexed(3, "三郎"), std::vector<int64_t>{3});
  EXPECT_TRUE(Indexed(3, "田中").empty());
  CheckIntegrity(3);
}

// Overwrites pages of the (closed) search file with garbage: those of `table`, or every page
// but the first (the header and schema) when it is empty.
void Damage(const std::filesystem::path& file, const std::string& table) {
  std::vector<int64_t> pages;
  {
    auto conn = SqliteConnection::Open(file.string(), false);
    ASSERT_TRUE(conn.ok());
    auto rows =
        (*conn)->Query(table.empty() ? std::string("SELECT pageno FROM dbstat WHERE pageno > 1")
                                     : "SELECT pageno FROM dbstat WHERE name = '" + table + "'");
    ASSERT_TRUE(rows.ok()) << rows.error().ToString();
    for (const Row& r : *rows) pages.push_back(r.Int(0));
    ASSERT_TRUE((*conn)->ExecuteScript("PRAGMA wal_checkpoint(TRUNCATE)").ok());
  }
  ASSERT_FALSE(pages.empty());
  std::FILE* f = std::fopen(file.c_str(), "r+b");
  ASSERT_NE(f, nullptr);
  std::mt19937 random(7);
  std::string garbage(4096, '\0');
  for (int64_t page : pages) {
    for (char& c : garbage) c = static_cast<char>(random());
    std::fseek(f, static_cast<long>((page - 1) * 4096), SEEK_SET);  // NOLINT(runtime/int)
    std::fwrite(garbage.data(), 1, garbage.size(), f);
  }
  std::fclose(f);
}

TEST_F(FtsIndexerTest, ADamagedSearchFileIsReplacedAndRebuilt) {
  DeployAndIndexTwoRecords();
  const auto search = dir_ / "t-search.db";

  // Not a database at all (another file under its name): replaced when the database opens.
  db_.reset();
  for (const char* name : {"t-search.db-wal", "t-search.db-shm"}) {
    std::filesystem::remove(dir_ / name);
  }
  {
    std::FILE* f = std::fopen(search.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    std::fputs(std::string(8192, 'x').c_str(), f);
    std::fclose(f);
  }
  ReopenAndRebuild({1, 2});
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});

  // A database, but every page after the schema garbage: its token cannot be read at start.
  db_.reset();
  Damage(search, "");
  ReopenAndRebuild({1, 2});
  EXPECT_EQ(Indexed(3, "花子"), std::vector<int64_t>{2});
  CheckIntegrity(3);

  // Only the index of 氏名 damaged: nothing notices at start; the indexer does at its next batch,
  // while serving, and starts the file over once.
  db_.reset();
  Damage(search, "r1_f3_fts_data");
  Reopen();
  FtsIndexer indexer(*db_, {.idle_interval = std::chrono::milliseconds(10)});
  ASSERT_TRUE(indexer.Prepare().ok());
  EXPECT_TRUE(Queued().empty());
  indexer.Start();
  Add(3, "山田花子");
  for (int i = 0; i < 500 && !(Queued().empty() && Indexed(3, "山田").size() == 2); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  indexer.Stop();
  EXPECT_TRUE(Queued().empty());
  EXPECT_EQ(Indexed(3, "山田"), (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(Indexed(3, "花子"), (std::vector<int64_t>{2, 3}));
  CheckIntegrity(3);
  CheckIntegrity(4);
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
  // The new field's index exists as the deploy commits; the removed one's goes at the indexer's
  // next pass.
  EXPECT_TRUE(InSearchFile("r1_f8_fts"));
  EXPECT_TRUE(Indexed(8, "東京").empty());
  EXPECT_TRUE(InSearchFile("r1_f4_fts"));
  {
    FtsIndexer indexer(*db_, {});
    ASSERT_TRUE(indexer.DrainAll().ok());
  }
  EXPECT_FALSE(InSearchFile("r1_f4_fts"));
  EXPECT_EQ(Ids("SELECT count(*) FROM pragma_table_info('r1_fts_doc', 'search') WHERE name IN "
                "('f3', 'f4', 'f8')"),
            std::vector<int64_t>{2});
  EXPECT_EQ(Ids("SELECT field FROM search_fields WHERE app = 1 ORDER BY field"),
            (std::vector<int64_t>{3, 8}));
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

// Apps from before background indexing (per-field triggers on r1, FTS content r1) get a queue
// (UpgradeToFtsQueue), then schema v14 moves their index to the search file, which the first
// start rebuilds.
TEST_F(FtsIndexerTest, AppsOfEarlierVersionsAreConvertedAndMoved) {
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
  EXPECT_EQ(Ids("SELECT count(*) FROM main.r1_fts_doc WHERE f3 = '山下' AND f4 = 'メモ'"),
            std::vector<int64_t>{1});
  EXPECT_TRUE(Ids("SELECT 1 FROM sqlite_master WHERE name = 'r1_f3_fts_ai'").empty());

  ASSERT_TRUE(db_->Write([](Connection& c) { return MoveSearchToOwnFile(c); }).ok());
  EXPECT_TRUE(Ids("SELECT 1 FROM main.sqlite_master WHERE name IN ('r1_f3_fts', 'r1_f4_fts', "
                  "'r1_fts_doc')")
                  .empty());
  EXPECT_EQ(Ids("SELECT field FROM search_fields WHERE app = 1 ORDER BY field"),
            (std::vector<int64_t>{3, 4}));
  FtsIndexer indexer(*db_, {});
  ASSERT_TRUE(indexer.Prepare().ok());
  EXPECT_EQ(Queued(), (std::vector<int64_t>{1, 2}));  // the first start re-indexes
  ASSERT_TRUE(indexer.DrainAll().ok());
  EXPECT_EQ(Indexed(3, "山下"), std::vector<int64_t>{1});
  EXPECT_EQ(Indexed(4, "メモ"), std::vector<int64_t>{1});
  Exec("UPDATE r1 SET f3 = '木村' WHERE id = 1");
  EXPECT_EQ(Queued(), std::vector<int64_t>{1});
  EXPECT_EQ(Drain(10), 1);
  EXPECT_TRUE(Indexed(3, "山下").empty());
  EXPECT_EQ(Indexed(3, "木村"), std::vector<int64_t>{1});
  Exec("DELETE FROM r1 WHERE id = 2");
  EXPECT_EQ(Drain(10), 1);
  EXPECT_TRUE(Indexed(3, "佐藤").empty());
  CheckIntegrity(3);
}

// Schema v11 (fewer tokens) on today's layout: text fields inside tables (their index is in the
// database, kept by triggers) are rebuilt at once and merge 8 segments per level; top-level
// fields are left to v14, which re-indexes them all.
TEST_F(FtsIndexerTest, RequeueAllTextRebuildsTheIndexesOfFieldsInTables) {
  FieldSet form = Form();
  Deploy(nullptr, form);
  Add(1, "山田太郎", "至急");
  Add(2, "佐藤花子");
  Exec("INSERT INTO r1_t6 (id, record_id, pos, f7) VALUES (10, 1, 0, '鉛筆'), (11, 2, 0, '筆')");
  EXPECT_EQ(Drain(1000), 2);
  // An index that no longer fits its text (as after a tokenizer change): a stale row.
  Exec("INSERT INTO r1_f7_fts(rowid, f7) VALUES (11, '古い名前')");
  Exec("INSERT INTO r1_f7_fts(r1_f7_fts, rank) VALUES ('automerge', 4)");

  ASSERT_TRUE(db_->Write([](Connection& c) { return RequeueAllText(c); }).ok());
  EXPECT_TRUE(Queued().empty());
  EXPECT_TRUE(Indexed(7, "古い").empty());
  EXPECT_EQ(Indexed(7, "筆"), (std::vector<int64_t>{10, 11}));
  EXPECT_EQ(Indexed(7, "鉛"), std::vector<int64_t>{10});
  EXPECT_EQ(Ids("SELECT v FROM r1_f7_fts_config WHERE k = 'automerge'"),
            std::vector<int64_t>{kFtsAutomerge});
  Exec("DELETE FROM r1_t6 WHERE id = 11");  // a delete finds its tokens
  EXPECT_EQ(Indexed(7, "筆"), std::vector<int64_t>{10});
  Exec("INSERT INTO r1_f7_fts(r1_f7_fts) VALUES ('integrity-check')");
  EXPECT_EQ(Indexed(3, "山田"), std::vector<int64_t>{1});  // top-level untouched
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

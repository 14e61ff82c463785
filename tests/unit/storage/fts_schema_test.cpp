#include "storage/sqlite/fts_schema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "fts_test_db.h"

namespace storage::sqlite {
namespace {

using Ids = std::vector<int64_t>;

TEST(FtsSchema, EmitsTableAndTriggersFromIds) {
  std::vector<std::string> ddl = FtsDdl(12, 34, "r12");
  ASSERT_EQ(ddl.size(), 5u);
  EXPECT_EQ(ddl[0],
            "CREATE VIRTUAL TABLE r12_f34_fts USING fts5(f34, content='r12', content_rowid='id', "
            "tokenize='tsumiki', detail=full, columnsize=0)");
  EXPECT_EQ(ddl[1], "INSERT INTO r12_f34_fts(r12_f34_fts, rank) VALUES ('automerge', 8)");
  ddl.erase(ddl.begin());
  EXPECT_EQ(ddl[1],
            "CREATE TRIGGER r12_f34_fts_ai AFTER INSERT ON r12 BEGIN INSERT INTO "
            "r12_f34_fts(rowid, f34) VALUES (new.id, new.f34); END");
  EXPECT_EQ(ddl[2],
            "CREATE TRIGGER r12_f34_fts_ad AFTER DELETE ON r12 BEGIN INSERT INTO "
            "r12_f34_fts(r12_f34_fts, rowid, f34) VALUES ('delete', old.id, old.f34); END");
  EXPECT_EQ(ddl[3],
            "CREATE TRIGGER r12_f34_fts_au AFTER UPDATE OF id, f34 ON r12 WHEN old.id IS NOT "
            "new.id OR old.f34 IS NOT new.f34 BEGIN INSERT INTO r12_f34_fts(r12_f34_fts, rowid, "
            "f34) VALUES ('delete', old.id, old.f34); INSERT INTO r12_f34_fts(rowid, f34) VALUES "
            "(new.id, new.f34); END");
  EXPECT_EQ(FtsMatchSql(12, 34), "SELECT rowid FROM r12_f34_fts WHERE r12_f34_fts MATCH ?");
  EXPECT_EQ(FtsRebuildSql(12, 34), "INSERT INTO r12_f34_fts(r12_f34_fts) VALUES ('rebuild')");
}

TEST(FtsSchema, PhraseQuotesTheTermAndRejectsBlankTerms) {
  EXPECT_EQ(FtsPhrase("山田"), "\"山田\"");
  EXPECT_EQ(FtsPhrase("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(FtsPhrase(" x "), "\" x \"*");  // one character after normalisation: a prefix query
  EXPECT_EQ(FtsPhrase("ｶﾞ"), "\"ｶﾞ\"*");
  EXPECT_EQ(FtsPhrase("ab"), "\"ab\"");
  EXPECT_EQ(FtsPhrase(""), std::nullopt);
  EXPECT_EQ(FtsPhrase(" 　\t"), std::nullopt);
  EXPECT_EQ(FtsPhrase("\u200B"), std::nullopt);
  EXPECT_EQ(FtsPhrase(std::string_view("a\0b", 3)), "\"ab\"");
}

TEST(FtsSchema, NewRecordIsSearchableAtOnce) {
  FtsTestDb db;
  db.CreateRecordTable();
  db.Insert(1, "申請者 山田");
  EXPECT_EQ(db.Find("山田"), (Ids{1}));
}

TEST(FtsSchema, UpdateReindexesTheField) {
  FtsTestDb db;
  db.CreateRecordTable();
  db.Insert(1, "山田 太郎");
  db.Insert(2, "山田 花子");
  db.Update(1, "鈴木 太郎");
  EXPECT_EQ(db.Find("山田"), (Ids{2}));
  EXPECT_EQ(db.Find("鈴木"), (Ids{1}));
  EXPECT_EQ(db.Find("太郎"), (Ids{1}));
  db.Exec("UPDATE r1 SET f4 = 'other column' WHERE id = 2");
  db.Exec("UPDATE r1 SET f3 = f3 WHERE id = 2");
  EXPECT_EQ(db.Find("花子"), (Ids{2}));
  db.Exec("UPDATE r1 SET id = 5 WHERE id = 2");
  EXPECT_EQ(db.Find("花子"), (Ids{5}));
  db.Exec("INSERT INTO r1_f3_fts(r1_f3_fts) VALUES ('integrity-check')");
}

TEST(FtsSchema, DeleteRemovesFromTheIndex) {
  FtsTestDb db;
  db.CreateRecordTable();
  db.Insert(1, "山田 太郎");
  db.Insert(2, "山田 花子");
  db.Delete(1);
  EXPECT_EQ(db.Find("山田"), (Ids{2}));
  EXPECT_EQ(db.Find("太郎"), Ids{});
  db.Exec("INSERT INTO r1_f3_fts(r1_f3_fts) VALUES ('integrity-check')");
}

TEST(FtsSchema, RebuildIndexesExistingRows) {
  FtsTestDb db;
  db.Exec("CREATE TABLE r1 (id INTEGER PRIMARY KEY, f3 TEXT NOT NULL DEFAULT '')");
  db.Exec("INSERT INTO r1 VALUES (1, '東京都'), (2, '京都府')");
  for (const std::string& sql : FtsDdl(1, 3, "r1")) db.Exec(sql);
  EXPECT_EQ(db.Find("京都"), Ids{});
  db.Exec(FtsRebuildSql(1, 3));
  EXPECT_EQ(db.Find("京都"), (Ids{1, 2}));
  EXPECT_EQ(db.Find("府"), (Ids{2}));
}

TEST(FtsSchema, IndexesFieldsInsideTables) {
  FtsTestDb db;
  db.Exec("CREATE TABLE r1_t5 (id INTEGER PRIMARY KEY, record_id INTEGER, pos INTEGER, f7 TEXT)");
  for (const std::string& sql : FtsDdl(1, 7, "r1_t5")) db.Exec(sql);
  db.Exec("INSERT INTO r1_t5 VALUES (10, 1, 0, '品目A'), (11, 1, 1, '品目B'), (12, 2, 0, NULL)");
  EXPECT_EQ(db.Find("品目", 1, 7), (Ids{10, 11}));
  db.Exec("DELETE FROM r1_t5 WHERE record_id = 1");
  EXPECT_EQ(db.Find("品目", 1, 7), Ids{});
}

TEST(FtsSchema, StoresTheMergeSettingWithTheTable) {
  FtsTestDb db;
  db.CreateRecordTable();
  EXPECT_EQ(db.Column("SELECT v FROM r1_f3_fts_config WHERE k = 'automerge'", {}),
            std::vector<std::string>{"8"});
  // Many small segments (one per statement) still find every row after merges.
  for (int64_t id = 1; id <= 200; ++id) db.Insert(id, id % 2 ? "山田 太郎" : "佐藤 花子");
  EXPECT_EQ(db.Find("山田").size(), 100u);
  EXPECT_EQ(db.Find("藤 花").size(), 100u);
}

TEST(FtsSchema, DropRemovesIndexAndTriggers) {
  FtsTestDb db;
  db.CreateRecordTable();
  db.Insert(1, "山田");
  for (const std::string& sql : FtsDropDdl(1, 3)) db.Exec(sql);
  EXPECT_TRUE(db.Column("SELECT name FROM sqlite_schema WHERE name LIKE 'r1_f3%'", {}).empty());
  db.Insert(2, "鈴木");
  db.Update(1, "佐藤");
  db.Delete(2);
}

}  // namespace
}  // namespace storage::sqlite

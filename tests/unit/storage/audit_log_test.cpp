// The hash-chained audit log on a real SQLite database: appends chain, searches filter,
// the triggers refuse changes, and Verify finds what a tamperer did around them.
#include "storage/repositories/sql_audit_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "storage/migrations.h"
#include "storage/sqlite/sqlite_database.h"
#include "temp_sqlite.h"

namespace storage {
namespace {

using domain::AuditEvent;

AuditEvent Event(std::string action, std::string user, int64_t at_ms,
                 std::optional<int64_t> app = std::nullopt) {
  AuditEvent e;
  e.at_ms = at_ms;
  e.user_code = std::move(user);
  e.action = std::move(action);
  e.app_id = app;
  e.address = "10.0.0.1";
  return e;
}

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_ = std::make_unique<TempSqlite>("audit");
    ASSERT_TRUE(temp_->db);
    db_ = temp_->db.get();
    log_ = std::make_unique<SqlAuditLog>(*db_);
    ASSERT_TRUE(log_->Append({Event("login", "sato", 1000), Event("record.read", "sato", 2000, 7),
                              Event("login.failure", "suzuki", 3000),
                              Event("token.create", "kanri", 4000, 7)})
                    .ok());
  }
  void TearDown() override {
    log_.reset();
    temp_.reset();
  }
  common::Status Sql(const std::string& script) {
    return db_->Write([&](Connection& c) { return c.ExecuteScript(script); });
  }

  std::unique_ptr<TempSqlite> temp_;
  sqlite::SqliteDatabase* db_ = nullptr;
  std::unique_ptr<SqlAuditLog> log_;
};

TEST_F(AuditLogTest, EntriesChainFromTheGenesisHash) {
  auto all = log_->Search({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  const auto& first = all->back();  // newest first
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.prev_hash, kAuditGenesisHash);
  EXPECT_EQ(first.hash, AuditChainHash(kAuditGenesisHash, first));
  EXPECT_EQ((*all)[0].prev_hash, (*all)[1].hash);
  EXPECT_EQ(first.detail, "{}");
  auto v = log_->Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact);
  EXPECT_EQ(v->entries, 4);
  EXPECT_EQ(v->head_hash, (*all)[0].hash);
  // Later appends continue the chain.
  ASSERT_TRUE(log_->Append({Event("logout", "sato", 5000)}).ok());
  EXPECT_TRUE(log_->Verify()->intact);
  EXPECT_EQ(log_->Verify()->last_seq, 5);
}

TEST_F(AuditLogTest, SearchFiltersByUserActionPrefixAppAndTime) {
  auto seqs = [&](domain::AuditFilter f) {
    std::vector<int64_t> out;
    auto found = log_->Search(f);  // kept: a range-for over .value() of a temporary dangles
    for (const auto& e : found.value()) out.push_back(e.seq);
    return out;
  };
  EXPECT_EQ(seqs({.user_code = "sato"}), (std::vector<int64_t>{2, 1}));
  EXPECT_EQ(seqs({.action = "login"}), (std::vector<int64_t>{1}));
  EXPECT_EQ(seqs({.action = "login."}), (std::vector<int64_t>{3}));
  EXPECT_EQ(seqs({.action = "%"}), (std::vector<int64_t>{}));  // no LIKE wildcards
  EXPECT_EQ(seqs({.app_id = 7}), (std::vector<int64_t>{4, 2}));
  EXPECT_EQ(seqs({.from_ms = 2000, .to_ms = 4000}), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(seqs({.offset = 1, .limit = 2}), (std::vector<int64_t>{3, 2}));
}

TEST_F(AuditLogTest, TriggersRefuseUpdatesAndDeletes) {
  EXPECT_FALSE(Sql("UPDATE audit_log SET user_code='x' WHERE seq=2").ok());
  EXPECT_FALSE(Sql("DELETE FROM audit_log WHERE seq=2").ok());
  EXPECT_TRUE(log_->Verify()->intact);
}

TEST_F(AuditLogTest, VerifyFindsAlteredRemovedAndForgedEntries) {
  ASSERT_TRUE(Sql("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete").ok());
  ASSERT_TRUE(Sql("UPDATE audit_log SET target='1,2' WHERE seq=2").ok());
  auto altered = log_->Verify().value();
  EXPECT_FALSE(altered.intact);
  EXPECT_EQ(altered.bad_seq, 2);
  EXPECT_EQ(altered.problem, "entry 2 was altered");
  EXPECT_EQ(altered.entries, 1);

  ASSERT_TRUE(
      Sql("UPDATE audit_log SET target='' WHERE seq=2; DELETE FROM audit_log WHERE seq=3").ok());
  auto removed = log_->Verify().value();
  EXPECT_EQ(removed.problem, "entries 3 to 3 are missing");

  // A forger who recomputes the entry's own hash still breaks the link to the next one.
  ASSERT_TRUE(Sql("UPDATE audit_log SET seq=3 WHERE seq=4").ok());
  auto forged = log_->Verify().value();
  EXPECT_EQ(forged.bad_seq, 3);
  EXPECT_EQ(forged.problem, "entry 3 does not follow the entry before it");
}

TEST_F(AuditLogTest, PersonalDataFlagComesFromTheDeployedSettings) {
  ASSERT_TRUE(
      Sql("INSERT INTO apps(id, name, creator, created_at, modifier, modified_at, revision) "
          "VALUES (7, 'a', 1, 0, 1, 0, 1), (8, 'b', 1, 0, 1, 0, 1);"
          "INSERT INTO app_settings VALUES (7, 'live', 'settings', '{\"holdsPersonalData\":true}');"
          "INSERT INTO app_settings VALUES (8, 'preview', 'settings', "
          "'{\"holdsPersonalData\":true}');"
          "INSERT INTO app_settings VALUES (8, 'live', 'settings', "
          "'{\"holdsPersonalData\":\"yes\"}');")
          .ok());
  EXPECT_TRUE(log_->HoldsPersonalData(7).value());
  EXPECT_FALSE(log_->HoldsPersonalData(8).value());  // not deployed; a string is not true
  EXPECT_FALSE(log_->HoldsPersonalData(9).value());
}

}  // namespace
}  // namespace storage

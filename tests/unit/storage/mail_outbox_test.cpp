// The outgoing-mail queue on a real SQLite database with a fake SMTP server: a message exists
// only if the transaction that queued it committed, the sender backs off and retries
// temporary refusals, gives up after the maximum of attempts or at once on a permanent
// refusal, a failed message can be queued again, and a claimed message is not sent twice.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "domain/fields/field_type_registry.h"
#include "domain/mail/mail_service.h"
#include "storage/migrations.h"
#include "storage/secrets/aes_gcm_secret_box.h"
#include "storage/sql_transaction.h"
#include "storage/sqlite/sqlite_database.h"
#include "temp_sqlite.h"

namespace storage {
namespace {

using domain::MailStatus;
using domain::OutboxMessage;

class FakeClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(now.load()));
  }
  std::atomic<int64_t> now{1'800'000'000};
};

class FakeMailer final : public domain::Mailer {
 public:
  domain::SendResult Send(const domain::SmtpSettings& settings, std::string_view recipient,
                          std::string_view mime) override {
    ++calls;
    password = settings.password;
    if (!replies.empty()) {
      domain::SendResult r = replies.front();
      replies.erase(replies.begin());
      return r;
    }
    sent.emplace_back(recipient, mime);
    return {true, false, ""};
  }
  std::vector<domain::SendResult> replies;  // answered in order before accepting
  std::vector<std::pair<std::string, std::string>> sent;
  int calls = 0;
  std::string password;  // as the last send presented it to the server
};

domain::Principal Admin() {
  domain::Principal p;
  p.user_id = 1;
  p.user_code = "admin";
  p.is_admin = true;
  return p;
}

class MailOutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_ = std::make_unique<TempSqlite>("mail");
    ASSERT_TRUE(temp_->db);
    db_ = temp_->db.get();
    dir_ = temp_->dir;
    tx_ = std::make_unique<SqlTransactionRunner>(*db_, registry_);
    domain::MailOptions options;
    options.retry_seconds = 60;
    options.max_retry_seconds = 3600;
    secrets_ = std::make_unique<AesGcmSecretBox>(
        AesGcmSecretBox::FromFile((dir_ / "secret.key").string()));
    mail_ = std::make_unique<domain::MailService>(*tx_, mailer_, clock_, options, *secrets_);
    auto saved =
        mail_->PutSettings(Admin(), boost::json::object{{"enabled", true},
                                                        {"host", "127.0.0.1"},
                                                        {"port", 2525},
                                                        {"security", "none"},
                                                        {"fromAddress", "office@example.jp"},
                                                        {"maxAttempts", 3}});
    ASSERT_TRUE(saved.ok()) << saved.error().ToString();
  }
  void TearDown() override {
    mail_.reset();
    secrets_.reset();
    tx_.reset();
    temp_.reset();
  }

  int64_t Queue(const std::string& to) {
    OutboxMessage m;
    m.kind = "test";
    m.to = to;
    m.subject = "件名";
    m.body = "本文";
    int64_t id = 0;
    EXPECT_TRUE(tx_->Write([&](domain::Transaction& tx) -> common::Status {
                     TK_RETURN_IF_ERROR(domain::EnqueueMail(tx, m, clock_.NowSeconds()));
                     auto due = tx.mail().Due(clock_.NowSeconds(), 100);
                     id = due->back().id;
                     return common::Status::Ok();
                   })
                    .ok());
    return id;
  }

  OutboxMessage Find(int64_t id) {
    OutboxMessage out;
    EXPECT_TRUE(tx_->Read([&](domain::Transaction& tx) -> common::Status {
                     auto m = tx.mail().Find(id);
                     if (m.ok() && *m) out = **m;
                     return common::Status::Ok();
                   })
                    .ok());
    return out;
  }

  std::filesystem::path dir_;
  domain::FieldTypeRegistry registry_;
  std::unique_ptr<TempSqlite> temp_;
  sqlite::SqliteDatabase* db_ = nullptr;
  std::unique_ptr<SqlTransactionRunner> tx_;
  FakeClock clock_;
  FakeMailer mailer_;
  std::unique_ptr<AesGcmSecretBox> secrets_;
  std::unique_ptr<domain::MailService> mail_;
};

TEST_F(MailOutboxTest, AMessageQueuedInARolledBackTransactionIsNeverSent) {
  common::Status failed = tx_->Write([&](domain::Transaction& tx) -> common::Status {
    OutboxMessage m;
    m.kind = "form";
    m.to = "resident@example.jp";
    TK_RETURN_IF_ERROR(domain::EnqueueMail(tx, m, clock_.NowSeconds()));
    return common::Error::Internal("the record could not be stored");
  });
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(mail_->DeliverDue(), 0);
  EXPECT_EQ(mailer_.calls, 0);
  auto list = mail_->ListOutbox(Admin(), {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->at("totalCount"), "0");
}

TEST_F(MailOutboxTest, TemporaryRefusalsAreRetriedWithDoublingWaits) {
  int64_t id = Queue("resident@example.jp");
  mailer_.replies = {{false, true, "451 4.3.0 try later"}, {false, true, "451 4.3.0 try later"}};
  int64_t start = clock_.now;
  EXPECT_EQ(mail_->DeliverDue(), 1);
  OutboxMessage m = Find(id);
  EXPECT_EQ(m.status, MailStatus::kQueued);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.next_attempt_at, start + 60);
  EXPECT_EQ(m.last_error, "451 4.3.0 try later");
  EXPECT_EQ(mail_->DeliverDue(), 0) << "not due before the wait";
  clock_.now = start + 60;
  EXPECT_EQ(mail_->DeliverDue(), 1);
  EXPECT_EQ(Find(id).next_attempt_at, start + 60 + 120);
  clock_.now = start + 180;
  EXPECT_EQ(mail_->DeliverDue(), 1);
  m = Find(id);
  EXPECT_EQ(m.status, MailStatus::kSent);
  EXPECT_EQ(m.attempts, 3);
  ASSERT_EQ(mailer_.sent.size(), 1u);
  EXPECT_EQ(mailer_.sent[0].first, "resident@example.jp");
  EXPECT_NE(mailer_.sent[0].second.find("Message-ID: <" + m.message_id + "@example.jp>"),
            std::string::npos);
}

TEST_F(MailOutboxTest, TheLastAllowedAttemptMarksTheMessageFailedAndRetryQueuesItAgain) {
  int64_t id = Queue("resident@example.jp");
  mailer_.replies = {{false, true, "timeout"}, {false, true, "timeout"}, {false, true, "451 busy"}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(mail_->DeliverDue(), 1);
    clock_.now += 3600;
  }
  OutboxMessage m = Find(id);
  EXPECT_EQ(m.status, MailStatus::kFailed);
  EXPECT_EQ(m.attempts, 3);
  EXPECT_EQ(m.last_error, "451 busy");
  EXPECT_EQ(mail_->DeliverDue(), 0);

  ASSERT_TRUE(mail_->Retry(Admin(), id).ok());
  EXPECT_EQ(Find(id).status, MailStatus::kQueued);
  EXPECT_EQ(mail_->DeliverDue(), 1);
  EXPECT_EQ(Find(id).status, MailStatus::kSent);
  auto again = mail_->Retry(Admin(), id);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), common::ErrorCode::kInvalidInput);
  EXPECT_EQ(mail_->Retry(Admin(), 9999).error().code(), common::ErrorCode::kMailNotFound);
  domain::Principal staff;
  staff.user_id = 2;
  EXPECT_EQ(mail_->Retry(staff, id).error().code(), common::ErrorCode::kNoPrivilege);
}

TEST_F(MailOutboxTest, APermanentRefusalFailsAtOnce) {
  int64_t id = Queue("nobody@example.jp");
  mailer_.replies = {{false, false, "550 5.1.1 no such user"}};
  EXPECT_EQ(mail_->DeliverDue(), 1);
  OutboxMessage m = Find(id);
  EXPECT_EQ(m.status, MailStatus::kFailed);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_EQ(m.last_error, "550 5.1.1 no such user");
}

TEST_F(MailOutboxTest, NothingIsSentWhileMailIsSwitchedOff) {
  ASSERT_TRUE(mail_->PutSettings(Admin(), boost::json::object{{"enabled", false}}).ok());
  int64_t id = Queue("resident@example.jp");
  EXPECT_EQ(mail_->DeliverDue(), 0);
  EXPECT_EQ(Find(id).attempts, 0);
  ASSERT_TRUE(mail_->PutSettings(Admin(), boost::json::object{{"enabled", true}}).ok());
  EXPECT_EQ(mail_->DeliverDue(), 1);
  EXPECT_EQ(Find(id).status, MailStatus::kSent);
}

TEST_F(MailOutboxTest, AClaimedMessageIsNotTakenTwice) {
  int64_t id = Queue("resident@example.jp");
  int64_t due = Find(id).next_attempt_at;
  bool first = false, second = true;
  ASSERT_TRUE(tx_->Write([&](domain::Transaction& tx) -> common::Status {
                   TK_ASSIGN_OR_RETURN(first, tx.mail().Claim(id, due, due + 600));
                   TK_ASSIGN_OR_RETURN(second, tx.mail().Claim(id, due, due + 600));
                   return common::Status::Ok();
                 })
                  .ok());
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  EXPECT_EQ(mail_->DeliverDue(), 0) << "leased to the first sender";
  clock_.now = due + 600;
  EXPECT_EQ(mail_->DeliverDue(), 1) << "retried once the lease ends (a crashed sender)";
  EXPECT_EQ(Find(id).attempts, 2);
}

TEST_F(MailOutboxTest, SettingsKeepThePasswordOutOfReadsAndNeedAnAdministrator) {
  ASSERT_TRUE(mail_->PutSettings(Admin(), boost::json::object{{"password", "pw"}}).ok());
  auto read = mail_->GetSettings(Admin());
  ASSERT_TRUE(read.ok());
  const auto& s = read->at("settings").as_object();
  EXPECT_FALSE(s.contains("password"));
  EXPECT_EQ(s.at("passwordSet"), true);
  domain::Principal staff;
  staff.user_id = 2;
  EXPECT_EQ(mail_->GetSettings(staff).error().code(), common::ErrorCode::kNoPrivilege);
  EXPECT_EQ(mail_->SendTest(staff, "a@example.jp").error().code(), common::ErrorCode::kNoPrivilege);
}

std::string StoredSettings(sqlite::SqliteDatabase& db) {
  std::string text;
  EXPECT_TRUE(db.Read([&](Connection& c) -> common::Status {
                  TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT settings FROM mail_settings"));
                  if (!rows.empty()) text = rows[0].Text(0);
                  return common::Status::Ok();
                }).ok());
  return text;
}

TEST_F(MailOutboxTest, ThePasswordIsStoredOnlySealedInAKeyFileOfModeSixHundred) {
  ASSERT_TRUE(
      mail_->PutSettings(Admin(), boost::json::object{{"username", "u"}, {"password", "s3cret-pw"}})
          .ok());
  std::string stored = StoredSettings(*db_);
  EXPECT_EQ(stored.find("s3cret-pw"), std::string::npos) << stored;
  EXPECT_NE(stored.find("\"passwordSealed\":\"v1:"), std::string::npos) << stored;
  auto status = std::filesystem::status(dir_ / "secret.key");
  EXPECT_EQ(status.permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  Queue("a@example.jp");
  EXPECT_EQ(mail_->DeliverDue(), 1);
  EXPECT_EQ(mailer_.password, "s3cret-pw") << "the sender presents the opened password";
}

TEST_F(MailOutboxTest, APlainPasswordFromBeforeIsSealedAtStartUp) {
  ASSERT_TRUE(db_->Write([&](Connection& c) {
                   return c.Execute(
                       "UPDATE mail_settings SET settings = json_set(settings, '$.password', "
                       "'old-plain', '$.passwordSealed', '')");
                 })
                  .ok());
  ASSERT_NE(StoredSettings(*db_).find("old-plain"), std::string::npos);
  ASSERT_TRUE(mail_->SealStoredPassword().ok());
  EXPECT_EQ(StoredSettings(*db_).find("old-plain"), std::string::npos) << StoredSettings(*db_);
  EXPECT_EQ(mail_->GetSettings(Admin())->at("settings").as_object().at("passwordSet"), true);
  Queue("a@example.jp");
  EXPECT_EQ(mail_->DeliverDue(), 1);
  EXPECT_EQ(mailer_.password, "old-plain");
  EXPECT_TRUE(mail_->SealStoredPassword().ok()) << "nothing left to convert";
}

TEST_F(MailOutboxTest, APasswordSealedWithAnotherKeyReadsAsNoneInsteadOfFailing) {
  ASSERT_TRUE(mail_->PutSettings(Admin(), boost::json::object{{"password", "pw"}}).ok());
  AesGcmSecretBox::Key other{};
  other[0] = 1;
  AesGcmSecretBox wrong = AesGcmSecretBox::FromKey(other);
  domain::MailService with_wrong_key(*tx_, mailer_, clock_, domain::MailOptions{}, wrong);
  auto read = with_wrong_key.GetSettings(Admin());
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->at("settings").as_object().at("passwordSet"), false);
}

}  // namespace
}  // namespace storage

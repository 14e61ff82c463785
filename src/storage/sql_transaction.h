// Binds every repository to one database transaction, and runs services' units of work on
// the Database seam. SqlTransactionRunner is thread-safe; a SqlTransaction is not.
#pragma once

#include "domain/transaction.h"
#include "storage/database.h"
#include "storage/repositories/sql_acl_repository.h"
#include "storage/repositories/sql_app_repository.h"
#include "storage/repositories/sql_comment_repository.h"
#include "storage/repositories/sql_cursor_repository.h"
#include "storage/repositories/sql_directory_repository.h"
#include "storage/repositories/sql_file_repository.h"
#include "storage/repositories/sql_mail_repository.h"
#include "storage/repositories/sql_record_repository.h"
#include "storage/repositories/sql_sharing_repository.h"
#include "storage/repositories/sql_user_repository.h"

namespace storage {

class SqlTransaction final : public domain::Transaction {
 public:
  SqlTransaction(Connection& c, const domain::FieldTypeRegistry& registry, AclCache& acl_cache,
                 AppRowCache* app_cache = nullptr)
      : apps_(c, registry, app_cache),
        users_(c),
        directory_(c),
        sessions_(c),
        throttle_(c),
        tokens_(c),
        files_(c),
        records_(c),
        cursors_(c),
        sharing_(c),
        acls_(c, acl_cache),
        comments_(c),
        mail_(c) {}
  domain::AppRepository& apps() override { return apps_; }
  domain::UserRepository& users() override { return users_; }
  domain::DirectoryRepository& directory() override { return directory_; }
  domain::SessionRepository& sessions() override { return sessions_; }
  domain::LoginThrottleRepository& login_throttle() override { return throttle_; }
  domain::ApiTokenRepository& api_tokens() override { return tokens_; }
  domain::FileRepository& files() override { return files_; }
  domain::RecordRepository& records() override { return records_; }
  domain::CursorRepository& cursors() override { return cursors_; }
  domain::SharingRepository& sharing() override { return sharing_; }
  domain::AclRepository& acls() override { return acls_; }
  domain::CommentRepository& comments() override { return comments_; }
  domain::MailRepository& mail() override { return mail_; }

 private:
  SqlAppRepository apps_;
  SqlUserRepository users_;
  SqlDirectoryRepository directory_;
  SqlSessionRepository sessions_;
  SqlLoginThrottleRepository throttle_;
  SqlApiTokenRepository tokens_;
  SqlFileRepository files_;
  SqlRecordRepository records_;
  SqlCursorRepository cursors_;
  SqlSharingRepository sharing_;
  SqlAclRepository acls_;
  SqlCommentRepository comments_;
  SqlMailRepository mail_;
};

class SqlTransactionRunner final : public domain::TransactionRunner {
 public:
  SqlTransactionRunner(Database& db, const domain::FieldTypeRegistry& registry)
      : db_(db), registry_(registry) {}
  common::Status Write(const std::function<common::Status(domain::Transaction&)>& work) override {
    return db_.Write([&](Connection& c) {
      SqlTransaction tx(c, registry_, acl_cache_);
      return work(tx);
    });
  }
  common::Status Read(const std::function<common::Status(domain::Transaction&)>& work) override {
    return db_.Read([&](Connection& c) {
      SqlTransaction tx(c, registry_, acl_cache_, &app_cache_);
      return work(tx);
    });
  }
  // Users, organisations, groups or memberships changed: permissions are re-evaluated (and
  // the app rows' creator/modifier names re-read).
  void InvalidateMemberships() {
    acl_cache_.InvalidateMemberships();
    app_cache_.InvalidateNames();
  }

 private:
  Database& db_;
  const domain::FieldTypeRegistry& registry_;
  AclCache acl_cache_;
  AppRowCache app_cache_;
};

}  // namespace storage

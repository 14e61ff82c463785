// SQL implementations of the user, session, login-throttle and API-token ports.
// Each is bound to one Connection (one transaction); not thread-safe.
#pragma once

#include "domain/users/user_repository.h"
#include "storage/database.h"

namespace storage {

// Appends " WHERE id IN (…) OR code IN (…) ORDER BY id LIMIT ? OFFSET ?" for `f`.
void AppendDirectoryFilter(const domain::DirectoryFilter& f, std::string& sql,
                           std::vector<SqlValue>& params);

class SqlUserRepository final : public domain::UserRepository {
 public:
  explicit SqlUserRepository(Connection& c) : c_(c) {}
  common::Result<int64_t> Insert(const domain::User& user, const std::string& hash) override;
  common::Result<std::optional<domain::User>> FindByCode(std::string_view code) override;
  common::Result<std::optional<domain::User>> FindDirectoryAccount(std::string_view login) override;
  common::Result<std::optional<domain::User>> FindById(int64_t id) override;
  common::Result<std::optional<std::string>> PasswordHash(int64_t user_id) override;
  common::Status SetPasswordHash(int64_t user_id, const std::string& hash) override;
  common::Result<std::vector<domain::User>> List(int64_t offset, int64_t limit) override;
  common::Result<int64_t> Count() override;
  common::Result<std::vector<domain::User>> Find(const domain::DirectoryFilter& filter) override;
  common::Status Update(const domain::User& user) override;
  common::Status Delete(int64_t id) override;

 private:
  Connection& c_;
};

class SqlSessionRepository final : public domain::SessionRepository {
 public:
  explicit SqlSessionRepository(Connection& c) : c_(c) {}
  common::Status Insert(const domain::Session& s) override;
  common::Result<std::optional<domain::Session>> Find(std::string_view token_hash) override;
  common::Status Touch(std::string_view token_hash, int64_t last_seen, int64_t expires) override;
  common::Status Delete(std::string_view token_hash) override;
  common::Status DeleteExpired(int64_t now) override;
  common::Status DeleteForUser(int64_t user_id) override;

 private:
  Connection& c_;
};

class SqlLoginThrottleRepository final : public domain::LoginThrottleRepository {
 public:
  explicit SqlLoginThrottleRepository(Connection& c) : c_(c) {}
  common::Result<domain::LoginFailures> Get(std::string_view key) override;
  common::Status Put(std::string_view key, const domain::LoginFailures& v) override;
  common::Status Clear(std::string_view key) override;

 private:
  Connection& c_;
};

class SqlApiTokenRepository final : public domain::ApiTokenRepository {
 public:
  explicit SqlApiTokenRepository(Connection& c) : c_(c) {}
  common::Result<int64_t> Insert(const domain::ApiToken& t) override;
  common::Result<std::optional<domain::ApiToken>> FindByHash(std::string_view hash) override;
  common::Result<std::vector<domain::ApiToken>> ListForApp(int64_t app_id) override;
  common::Status Revoke(int64_t app_id, int64_t token_id, int64_t at) override;

 private:
  Connection& c_;
};

}  // namespace storage

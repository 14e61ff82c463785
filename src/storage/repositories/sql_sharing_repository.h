// SQL implementation of the public-pages port (pages, submissions, receipt sequences).
// Bound to one Connection; not thread-safe.
#pragma once

#include "domain/sharing/public_page.h"
#include "storage/database.h"

namespace storage {

class SqlSharingRepository final : public domain::SharingRepository {
 public:
  explicit SqlSharingRepository(Connection& c) : c_(c) {}
  common::Result<int64_t> NextReceiptSequence(int64_t app, std::string_view period) override;
  common::Status InsertPage(domain::PublicPage& page) override;
  common::Status UpdatePage(const domain::PublicPage& page) override;
  common::Status DeletePage(int64_t id) override;
  common::Result<std::optional<domain::PublicPage>> FindPage(int64_t id) override;
  common::Result<std::optional<domain::PublicPage>> FindPageByToken(
      std::string_view token) override;
  common::Result<std::optional<domain::StoredPageRow>> FindPageRowByToken(
      std::string_view token) override;
  common::Result<std::vector<domain::PublicPage>> ListPages(int64_t app) override;
  common::Result<std::optional<domain::PublicSubmission>> FindSubmission(
      int64_t page, std::string_view idempotency_key) override;
  common::Status InsertSubmission(int64_t page, std::string_view idempotency_key,
                                  const domain::PublicSubmission& s, int64_t at) override;
  common::Result<int64_t> CountSubmissions(int64_t page) override;
  common::Result<int64_t> EnsureSystemUser(std::string_view code, std::string_view name,
                                           int64_t now) override;
  common::Status MergeAttempts(const std::vector<domain::AttemptState>& deltas,
                               int64_t now) override;
  common::Result<std::vector<domain::AttemptState>> LoadAttempts(int64_t since) override;
  common::Status PruneAttempts(int64_t now, int64_t before) override;

 private:
  common::Result<std::vector<domain::PublicPage>> Select(std::string_view where, SqlValue key);
  Connection& c_;
};

}  // namespace storage

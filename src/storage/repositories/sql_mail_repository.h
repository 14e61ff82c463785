// SQL implementation of the outgoing-mail port (outbox and SMTP settings). Bound to one
// Connection; not thread-safe.
#pragma once

#include "domain/mail/outbox.h"
#include "storage/database.h"

namespace storage {

class SqlMailRepository final : public domain::MailRepository {
 public:
  explicit SqlMailRepository(Connection& c) : c_(c) {}
  common::Status Enqueue(domain::OutboxMessage& message) override;
  common::Result<std::vector<domain::OutboxMessage>> Due(int64_t now, int64_t limit) override;
  common::Result<bool> Claim(int64_t id, int64_t expected_next, int64_t lease_until) override;
  common::Status MarkSent(int64_t id, int64_t at) override;
  common::Status MarkRetry(int64_t id, int64_t next_attempt_at, std::string_view error) override;
  common::Status MarkFailed(int64_t id, std::string_view error) override;
  common::Result<bool> Requeue(int64_t id, int64_t now) override;
  common::Result<std::optional<domain::OutboxMessage>> Find(int64_t id) override;
  common::Result<std::vector<domain::OutboxMessage>> List(
      const domain::OutboxFilter& filter) override;
  common::Result<int64_t> Count(std::optional<domain::MailStatus> status) override;
  common::Result<std::optional<domain::SmtpSettings>> LoadSettings() override;
  common::Status SaveSettings(const domain::SmtpSettings& settings, int64_t at) override;

 private:
  common::Result<std::vector<domain::OutboxMessage>> Select(std::string_view tail,
                                                            std::vector<SqlValue> params);
  Connection& c_;
};

}  // namespace storage

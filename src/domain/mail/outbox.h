// The durable outgoing-mail queue and the stored SMTP settings, as ports. A message is
// enqueued through the Transaction of the change it is about, so it exists exactly when that
// change committed. Value types; the repository is bound to one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/mail/smtp_settings.h"

namespace domain {

enum class MailStatus { kQueued, kSent, kFailed };

std::string_view MailStatusName(MailStatus s);
std::optional<MailStatus> ParseMailStatus(std::string_view name);

struct OutboxMessage {
  int64_t id = 0;
  MailStatus status = MailStatus::kQueued;
  std::string kind;  // "form" (a public form's confirmation) or "test"
  std::optional<int64_t> app_id;
  std::optional<int64_t> record_id;
  std::string to;
  std::string subject;
  std::string body;
  std::string message_id;       // kept across attempts, so a resent copy can be recognised
  int64_t attempts = 0;         // attempts started so far
  int64_t next_attempt_at = 0;  // unix seconds; also the claim lease of a running attempt
  std::string last_error;
  int64_t created_at = 0;
  std::optional<int64_t> sent_at;
};

struct OutboxFilter {
  std::optional<MailStatus> status;
  int64_t limit = 100;
  int64_t offset = 0;
};

class MailRepository {
 public:
  virtual ~MailRepository() = default;
  virtual common::Status Enqueue(OutboxMessage& message) = 0;  // assigns message.id
  // Queued messages whose next attempt is due at `now`, oldest first.
  virtual common::Result<std::vector<OutboxMessage>> Due(int64_t now, int64_t limit) = 0;
  // Takes a due message for one attempt: counts the attempt and moves its next attempt to
  // `lease_until`, only if it is still queued with `expected_next` (false: someone else has
  // it). A process that dies mid-attempt leaves it to be retried once the lease ends.
  virtual common::Result<bool> Claim(int64_t id, int64_t expected_next, int64_t lease_until) = 0;
  virtual common::Status MarkSent(int64_t id, int64_t at) = 0;
  virtual common::Status MarkRetry(int64_t id, int64_t next_attempt_at, std::string_view error) = 0;
  virtual common::Status MarkFailed(int64_t id, std::string_view error) = 0;
  // A failed message queued again with a fresh count of attempts.
  virtual common::Result<bool> Requeue(int64_t id, int64_t now) = 0;
  virtual common::Result<std::optional<OutboxMessage>> Find(int64_t id) = 0;
  virtual common::Result<std::vector<OutboxMessage>> List(const OutboxFilter& filter) = 0;
  virtual common::Result<int64_t> Count(std::optional<MailStatus> status) = 0;

  virtual common::Result<std::optional<SmtpSettings>> LoadSettings() = 0;
  virtual common::Status SaveSettings(const SmtpSettings& settings, int64_t at) = 0;
};

}  // namespace domain

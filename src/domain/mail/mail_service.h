// Outgoing mail: administrators' settings of the SMTP server, a test message, the queue's
// state and retrying failed messages (administrators only), and DeliverDue, one pass of the
// background sender: every due message gets one attempt; a refusal worth retrying waits
// retry_seconds, doubling per attempt up to max_retry_seconds; after the settings' maximum
// of attempts, or at once on a permanent refusal, the message is marked failed with the
// last error. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

#include "common/clock.h"
#include "common/result.h"
#include "domain/mail/mailer.h"
#include "domain/mail/outbox.h"
#include "domain/permissions/principal.h"
#include "domain/secret_box.h"
#include "domain/transaction.h"

namespace domain {

struct MailOptions {
  int64_t retry_seconds = 60;        // wait after the first failed attempt
  int64_t max_retry_seconds = 3600;  // the doubling stops here
  int64_t batch = 20;                // messages per pass
};

class MailService {
 public:
  // The SMTP password is stored only sealed by `secrets`.
  MailService(TransactionRunner& db, Mailer& mailer, const common::Clock& clock,
              MailOptions options, const SecretBox& secrets)
      : db_(db), mailer_(mailer), clock_(clock), options_(options), secrets_(secrets) {}

  // At start-up: a password stored in plain text (before passwords were sealed) is sealed.
  common::Status SealStoredPassword();

  common::Result<boost::json::object> GetSettings(const Principal& who);
  common::Result<boost::json::object> PutSettings(const Principal& who,
                                                  const boost::json::object& body);
  // Sends one message now with the saved settings (enabled or not) and reports the SMTP
  // server's answer: TK_ML01 with its error when it refuses or cannot be reached.
  common::Status SendTest(const Principal& who, std::string_view to);
  common::Result<boost::json::object> ListOutbox(const Principal& who, const OutboxFilter& filter);
  common::Status Retry(const Principal& who, int64_t id);

  // One pass of the sender; returns the number of attempts made. Nothing is sent while the
  // settings are missing or switched off: messages wait in the queue.
  int64_t DeliverDue();

  // The wait before attempt `attempts` + 1 after `attempts` failed ones.
  int64_t BackOff(int64_t attempts) const;

 private:
  TransactionRunner& db_;
  Mailer& mailer_;
  const common::Clock& clock_;
  MailOptions options_;
  const SecretBox& secrets_;
};

// Queues a message inside the caller's transaction: it is sent only if that commits.
common::Status EnqueueMail(Transaction& tx, OutboxMessage message, int64_t now);

}  // namespace domain

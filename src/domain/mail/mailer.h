// Port: hands one finished message to an SMTP server. The libcurl implementation lives at
// the edge (src/mail); tests inject fakes. Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/mail/smtp_settings.h"

namespace domain {

struct SendResult {
  bool ok = false;
  // Worth trying again later (connection refused, timeout, 4xx reply) rather than a
  // permanent refusal (5xx reply such as "no such user").
  bool transient = true;
  std::string error;  // for the operator: "451 4.3.0 try later", "connection refused"
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // `mime` is the whole message (domain/mail/mime.h); `recipient` its one envelope recipient.
  virtual SendResult Send(const SmtpSettings& settings, std::string_view recipient,
                          std::string_view mime) = 0;
};

}  // namespace domain

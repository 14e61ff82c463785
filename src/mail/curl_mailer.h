// The Mailer port over libcurl's SMTP client: plain, STARTTLS (required, not opportunistic)
// or SMTPS, optional AUTH, connect and overall timeouts. One easy handle per message, so any
// number of threads may send at once. Construct once per process (it initialises libcurl).
// The server's certificate is verified against `ca_file` (PEM) when given, else the system's
// CA store, unless the settings turn verification off.
#pragma once

#include <string>

#include "domain/mail/mailer.h"

namespace mail {

class CurlMailer final : public domain::Mailer {
 public:
  explicit CurlMailer(std::string ca_file = "");
  ~CurlMailer() override;
  CurlMailer(const CurlMailer&) = delete;
  CurlMailer& operator=(const CurlMailer&) = delete;

  domain::SendResult Send(const domain::SmtpSettings& settings, std::string_view recipient,
                          std::string_view mime) override;

 private:
  std::string ca_file_;
};

}  // namespace mail

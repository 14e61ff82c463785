// The SMTP server the outgoing queue sends through, as administrators set it: host, port,
// security (none / STARTTLS / SMTPS), optional user and password, the From address and name,
// timeouts and how many attempts a message gets. The password is write-only: ToJson never
// includes it, only whether one is set. Pure; value type.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "common/result.h"

namespace domain {

enum class SmtpSecurity { kNone, kStartTls, kTls };

struct SmtpSettings {
  bool enabled = false;  // off: messages wait in the queue, nothing is sent
  std::string host;
  int64_t port = 587;
  SmtpSecurity security = SmtpSecurity::kStartTls;
  bool verify_tls = true;  // off only for an internal relay with a self-signed certificate
  std::string username;
  std::string password;         // in memory only; the database holds password_sealed
  std::string password_sealed;  // SecretBox::Seal(password), sealed by MailService
  std::string from_address;
  std::string from_name;
  int64_t timeout_seconds = 30;
  int64_t max_attempts = 8;  // then the message is marked failed with its last error

  // Reads a PUT body over `current`: omitted properties keep their values; "password"
  // replaces the stored one ("" removes it). Per-property CB_VA01 errors.
  static common::Result<SmtpSettings> FromJson(const boost::json::object& body,
                                               const SmtpSettings& current);
  // Everything but the password ("passwordSet" says whether there is one).
  boost::json::object ToJson() const;
  // The stored form: everything, the password only sealed ("passwordSealed").
  boost::json::object ToStoredJson() const;
  // Reads the stored form. A plain "password" (stored before passwords were sealed) comes
  // back in `password` with `password_sealed` empty, for MailService to seal.
  static SmtpSettings FromStoredJson(const boost::json::object& stored);
};

}  // namespace domain

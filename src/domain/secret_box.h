// Port: secrets the server must read back (the SMTP password, which it presents to the mail
// server) are kept in the database only sealed. Sealed text is safe to store and back up on its
// own; opening it needs the key, which lives outside the database (storage/secrets).
// Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace domain {

class SecretBox {
 public:
  virtual ~SecretBox() = default;
  // Encrypted and authenticated text ("v1:" + base64), different on every call.
  virtual common::Result<std::string> Seal(std::string_view plain) const = 0;
  // The plain text, or an error when the text was not sealed with this key or was altered.
  virtual common::Result<std::string> Open(std::string_view sealed) const = 0;
};

}  // namespace domain

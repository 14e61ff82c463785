// Password hashing with Argon2id (libsodium) and constant-time checks. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace auth {

// Argon2id hash in libsodium's encoded form ($argon2id$v=19$m=…).
std::string HashPassword(std::string_view password);
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);
// SHA-256 hex of a high-entropy secret (API tokens, session ids): fast, since the secret
// itself is random and unguessable.
std::string HashSecret(std::string_view secret);
// A new random secret of `length` characters [A-Za-z0-9].
std::string NewSecret(size_t length = 40);
// Keyed BLAKE2b of `data` with a process-local random key: cache keys for verified credentials.
class KeyedDigest {
 public:
  KeyedDigest();
  std::string Digest(std::string_view data) const;

 private:
  unsigned char key_[32];
};

}  // namespace auth

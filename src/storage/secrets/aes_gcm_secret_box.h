// domain::SecretBox with AES-256-GCM (OpenSSL EVP): a fresh 96-bit random nonce per seal, a
// 128-bit tag, and "tsumiki-secret-v1" as associated data; sealed text is
// "v1:" + base64(nonce | ciphertext | tag). The 32-byte key comes from the operator
// (TSUMIKI_SECRET_KEY, base64) or from a key file, created with mode 0600 (random key) the
// first time a secret is sealed, so a server that never stores one never writes the file.
// The key file must be backed up together with the database. Thread-safe.
#pragma once

#include <array>
#include <mutex>
#include <optional>
#include <string>

#include "domain/secret_box.h"

namespace storage {

class AesGcmSecretBox final : public domain::SecretBox {
 public:
  using Key = std::array<unsigned char, 32>;

  // A key given as base64 text (32 bytes, 44 characters); an internal error when malformed.
  static common::Result<Key> ParseKey(std::string_view base64);
  // The key in `key_file`, created on first Seal when missing.
  static AesGcmSecretBox FromFile(std::string key_file);
  static AesGcmSecretBox FromKey(const Key& key);

  AesGcmSecretBox(AesGcmSecretBox&& other) noexcept;

  common::Result<std::string> Seal(std::string_view plain) const override;
  common::Result<std::string> Open(std::string_view sealed) const override;

 private:
  AesGcmSecretBox() = default;
  // The key, read (or, with `create`, first written) on demand.
  common::Result<Key> LoadKey(bool create) const;

  std::string key_file_;
  mutable std::mutex mutex_;
  mutable std::optional<Key> key_;
};

}  // namespace storage

#include "auth/password.h"

#include <sodium.h>

#include <stdexcept>

#include "common/random.h"

namespace auth {
namespace {

// OWASP's Argon2id recommendation: 19 MiB, 2 iterations. Fast enough to keep login
// latency low on 2 cores, slow enough to make offline guessing expensive.
constexpr unsigned long long kOpsLimit = 2;
constexpr size_t kMemLimit = 19 * 1024 * 1024;

void EnsureSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialisation failed");
}

}  // namespace

std::string HashPassword(std::string_view password) {
  EnsureSodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), kOpsLimit, kMemLimit) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
  EnsureSodium();
  std::string h(encoded_hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string HashSecret(std::string_view secret) {
  EnsureSodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  std::string out(sizeof digest * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
  out.pop_back();
  return out;
}

std::string NewSecret(size_t length) { return common::RandomId(length); }

KeyedDigest::KeyedDigest() {
  EnsureSodium();
  randombytes_buf(key_, sizeof key_);
}

std::string KeyedDigest::Digest(std::string_view data) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key_, sizeof key_);
  std::string hex(sizeof out * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), out, sizeof out);
  hex.pop_back();
  return hex;
}

}  // namespace auth

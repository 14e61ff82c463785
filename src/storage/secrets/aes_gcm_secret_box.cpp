#include "storage/secrets/aes_gcm_secret_box.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>

#include "common/log.h"

namespace storage {

using common::Error;
using common::Result;

namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr std::string_view kAad = "tsumiki-secret-v1";
constexpr size_t kNonce = 12;
constexpr size_t kTag = 16;

std::string Base64(const unsigned char* data, size_t size) {
  std::string out(4 * ((size + 2) / 3), '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  size_t pad = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

Result<AesGcmSecretBox::Key> AesGcmSecretBox::ParseKey(std::string_view base64) {
  auto bytes = Unbase64(base64);
  if (!bytes || bytes->size() != Key().size()) {
    return Error::Internal("the secret key must be 32 bytes in base64 (openssl rand -base64 32)");
  }
  Key key;
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

AesGcmSecretBox AesGcmSecretBox::FromFile(std::string key_file) {
  AesGcmSecretBox box;
  box.key_file_ = std::move(key_file);
  return box;
}

AesGcmSecretBox AesGcmSecretBox::FromKey(const Key& key) {
  AesGcmSecretBox box;
  box.key_ = key;
  return box;
}

AesGcmSecretBox::AesGcmSecretBox(AesGcmSecretBox&& other) noexcept
    : key_file_(std::move(other.key_file_)), key_(other.key_) {}

Result<AesGcmSecretBox::Key> AesGcmSecretBox::LoadKey(bool create) const {
  std::lock_guard lock(mutex_);
  if (key_) return *key_;
  if (key_file_.empty()) return Error::Internal("no secret key configured");
  std::ifstream in(key_file_);
  if (in) {
    std::stringstream text;
    text << in.rdbuf();
    TK_ASSIGN_OR_RETURN(Key key, ParseKey(Trim(text.str())));
    struct stat st {};
    if (::stat(key_file_.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      common::LogWarn("secret key file " + key_file_ + " is readable by other users: chmod 600 it");
    }
    key_ = key;
    return key;
  }
  if (!create) return Error::Internal("secret key file " + key_file_ + " is missing");
  Key key;
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    return Error::Internal("no random bytes for the secret key");
  }
  // O_EXCL: never overwrite a key another process just wrote; 0600 from the first byte.
  int fd = ::open(key_file_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("cannot create secret key file " + key_file_);
  std::string text = Base64(key.data(), key.size()) + "\n";
  bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) {
    ::unlink(key_file_.c_str());
    return Error::Internal("cannot write secret key file " + key_file_);
  }
  common::LogInfo("created secret key file " + key_file_ + ": back it up with the database");
  key_ = key;
  return key;
}

Result<std::string> AesGcmSecretBox::Seal(std::string_view plain) const {
  TK_ASSIGN_OR_RETURN(Key key, LoadKey(true));
  std::string out(kNonce + plain.size() + kTag, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(out.data());
  if (RAND_bytes(bytes, kNonce) != 1) return Error::Internal("no random bytes for a nonce");
  Ctx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  int tail = 0;
  if (!ctx || EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), bytes) != 1 ||
      EVP_EncryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(kAad.data()),
                        static_cast<int>(kAad.size())) != 1 ||
      EVP_EncryptUpdate(ctx.get(), bytes + kNonce, &len,
                        reinterpret_cast<const unsigned char*>(plain.data()),
                        static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(ctx.get(), bytes + kNonce + len, &tail) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, bytes + kNonce + plain.size()) !=
          1) {
    return Error::Internal("AES-GCM encryption failed");
  }
  return std::string(kPrefix) + Base64(bytes, out.size());
}

Result<std::string> AesGcmSecretBox::Open(std::string_view sealed) const {
  if (!sealed.starts_with(kPrefix)) return Error::Internal("not a sealed secret");
  auto raw = Unbase64(sealed.substr(kPrefix.size()));
  if (!raw || raw->size() < kNonce + kTag) return Error::Internal("not a sealed secret");
  TK_ASSIGN_OR_RETURN(Key key, LoadKey(false));
  auto* bytes = reinterpret_cast<unsigned char*>(raw->data());
  size_t size = raw->size() - kNonce - kTag;
  std::string plain(size, '\0');
  Ctx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  int tail = 0;
  bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, key.data(), bytes) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len,
                        reinterpret_cast<const unsigned char*>(kAad.data()),
                        static_cast<int>(kAad.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len,
                        bytes + kNonce, static_cast<int>(size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, bytes + kNonce + size) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + len, &tail) ==
          1;
  if (!ok)
    return Error::Internal("a sealed secret does not open with this key (altered or another key)");
  return plain;
}

}  // namespace storage

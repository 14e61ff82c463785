#include "auth/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <memory>
#include <mutex>

namespace auth {

namespace {

constexpr unsigned kStepSeconds = 30;
constexpr size_t kWindow = 1;

void EnsureOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

std::string Base32Decode(std::string_view secret) {
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_decode(secret.data(), secret.size(), &out, &length) != OATH_OK) return "";
  std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  return std::string(out, length);
}

std::string UriEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string NewTotpSecret() {
  EnsureOath();
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &out, &length) !=
      OATH_OK) {
    std::abort();  // only fails on allocation failure
  }
  std::unique_ptr<char, decltype(&std::free)> owned(out, &std::free);
  std::string secret(out, length);
  while (!secret.empty() && secret.back() == '=') secret.pop_back();
  return secret;
}

std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  return "otpauth://totp/" + UriEscape(issuer) + ":" + UriEscape(account) +
         "?secret=" + std::string(secret) + "&issuer=" + UriEscape(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::optional<int64_t> VerifyTotp(std::string_view secret, std::string_view code, int64_t now) {
  EnsureOath();
  if (code.size() != 6) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  std::string key = Base32Decode(secret);
  if (key.empty()) return std::nullopt;
  std::string otp(code);
  int position = 0;
  uint64_t counter = 0;
  int r = oath_totp_validate3(key.data(), key.size(), static_cast<time_t>(now), kStepSeconds, 0,
                              kWindow, &position, &counter, otp.c_str());
  sodium_memzero(key.data(), key.size());
  if (r < 0) return std::nullopt;
  return static_cast<int64_t>(counter);
}

std::string TotpCode(std::string_view secret, int64_t now) {
  EnsureOath();
  std::string key = Base32Decode(secret);
  char otp[7] = {};
  oath_totp_generate(key.data(), key.size(), static_cast<time_t>(now), kStepSeconds, 0, 6, otp);
  return otp;
}

std::vector<std::string> NewRecoveryCodes(size_t count) {
  static constexpr char kAlphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";  // no 0/o, 1/l/i
  std::vector<std::string> codes;
  for (size_t i = 0; i < count; ++i) {
    std::string code;
    for (int j = 0; j < 8; ++j) {
      if (j == 4) code += '-';
      code += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    }
    codes.push_back(std::move(code));
  }
  return codes;
}

std::string NormaliseRecoveryCode(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace auth

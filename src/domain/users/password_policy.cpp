#include "domain/users/password_policy.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "common/utf8.h"

namespace domain {

namespace {

// The most frequent passwords of public breach corpora, plus the ones a Japanese office
// reaches for first. Compared case-insensitively, so "Password" is refused as well.
constexpr std::string_view kCommonPasswords[] = {
    "password",   "password1",  "password123", "passw0rd",   "p@ssw0rd",      "12345678",
    "123456789",  "1234567890", "12341234",    "11111111",   "00000000",      "88888888",
    "87654321",   "qwertyuiop", "qwerty123",   "qwerty12",   "1q2w3e4r",      "1qaz2wsx",
    "asdfghjk",   "asdfasdf",   "zxcvbnm1",    "iloveyou",   "sunshine",      "princess",
    "football",   "baseball",   "welcome1",    "welcome123", "abc12345",      "abcd1234",
    "aaaaaaaa",   "letmein1",   "trustno1",    "superman",   "starwars",      "dragon12",
    "monkey12",   "master12",   "shadow12",    "admin123",   "administrator", "changeme",
    "changeme1",  "secret12",   "default1",    "computer",   "internet",      "test1234",
    "testtest",   "guest123",   "user1234",    "root1234",   "passpass",      "kintone1",
    "kintone123", "tsumiki1",   "tsumiki123",  "cybozu123",  "tokyo123",      "nippon123",
    "sakura12",   "doraemon",   "pokemon1",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<PasswordProblem> CheckPassword(const PasswordPolicy& policy, std::string_view login,
                                             std::string_view password) {
  if (common::Utf8Length(password) < static_cast<size_t>(std::max(policy.min_length, 1))) {
    return PasswordProblem{common::Text::kPasswordTooShort, {std::to_string(policy.min_length)}};
  }
  std::string lower = Lower(password);
  // One- and two-letter logins would forbid half the alphabet: only longer ones count.
  if (policy.reject_login && login.size() >= 3 && lower.find(Lower(login)) != std::string::npos) {
    return PasswordProblem{common::Text::kPasswordContainsLogin, {}};
  }
  if (policy.reject_common && std::find(std::begin(kCommonPasswords), std::end(kCommonPasswords),
                                        lower) != std::end(kCommonPasswords)) {
    return PasswordProblem{common::Text::kPasswordTooCommon, {}};
  }
  return std::nullopt;
}

}  // namespace domain

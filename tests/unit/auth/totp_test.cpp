#include "auth/totp.h"

#include <gtest/gtest.h>

#include <set>

namespace auth {
namespace {

TEST(TotpTest, MatchesTheRfc6238ReferenceVector) {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", T = 59 s -> 94287082 (8
  // digits); the 6-digit code is its last six.
  std::string secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  EXPECT_EQ(VerifyTotp(secret, "287082", 59), 1);
  EXPECT_EQ(TotpCode(secret, 1111111109), "081804");
}

TEST(TotpTest, AcceptsOneStepOfDriftAndNothingElse) {
  std::string secret = NewTotpSecret();
  EXPECT_EQ(secret.size(), 32u);  // 160 bits in base32, no padding
  int64_t now = 1'800'000'000;
  std::string code = TotpCode(secret, now);
  EXPECT_EQ(VerifyTotp(secret, code, now), now / 30);
  EXPECT_TRUE(VerifyTotp(secret, code, now + 30));
  EXPECT_TRUE(VerifyTotp(secret, code, now - 30));
  EXPECT_FALSE(VerifyTotp(secret, code, now + 90));
  EXPECT_FALSE(VerifyTotp(secret, "12345", now));
  EXPECT_FALSE(VerifyTotp(secret, "12345a", now));
  EXPECT_FALSE(VerifyTotp("not base32!", code, now));
  EXPECT_FALSE(VerifyTotp(NewTotpSecret(), code, now));
}

TEST(TotpTest, UriEscapesTheAccountAndIssuer) {
  EXPECT_EQ(TotpUri("Tsumiki 市役所", "sato@x", "ABC"),
            "otpauth://totp/Tsumiki%20%E5%B8%82%E5%BD%B9%E6%89%80:sato%40x?secret=ABC&issuer="
            "Tsumiki%20%E5%B8%82%E5%BD%B9%E6%89%80&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, RecoveryCodesAreDistinctAndNormalise) {
  auto codes = NewRecoveryCodes();
  ASSERT_EQ(codes.size(), 10u);
  std::set<std::string> unique(codes.begin(), codes.end());
  EXPECT_EQ(unique.size(), 10u);
  for (const auto& c : codes) {
    EXPECT_EQ(c.size(), 9u);
    EXPECT_EQ(c[4], '-');
    EXPECT_EQ(c.find_first_of("01lio"), std::string::npos);
  }
  EXPECT_EQ(NormaliseRecoveryCode(" K7M2-p9qx "), "k7m2p9qx");
}

}  // namespace
}  // namespace auth

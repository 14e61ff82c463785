#include "storage/secrets/aes_gcm_secret_box.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace storage {
namespace {

namespace fs = std::filesystem;

class SecretBoxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tsumiki-secret-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(SecretBoxTest, SealsAndOpensWithAFreshNonceEachTime) {
  AesGcmSecretBox box = AesGcmSecretBox::FromFile((dir_ / "secret.key").string());
  auto a = box.Seal("パスワード pw");
  auto b = box.Seal("パスワード pw");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->starts_with("v1:"));
  EXPECT_NE(*a, *b);
  // Not in clear text. (A two-letter probe turned up in random base64 now and then.)
  auto long_text = box.Seal("smtp-password-in-clear");
  ASSERT_TRUE(long_text.ok());
  EXPECT_EQ(long_text->find("smtp-password-in-clear"), std::string::npos);
  EXPECT_EQ(*box.Open(*a), "パスワード pw");
  EXPECT_EQ(*box.Open(*b), "パスワード pw");
  auto empty = box.Seal("");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*box.Open(*empty), "");
}

TEST_F(SecretBoxTest, RefusesAlteredTextOrAnotherKey) {
  AesGcmSecretBox box = AesGcmSecretBox::FromFile((dir_ / "secret.key").string());
  std::string sealed = *box.Seal("secret");
  // Flip one character of the nonce, of the ciphertext and of the tag in turn.
  for (size_t at : {size_t{4}, sealed.size() / 2, sealed.size() - 3}) {
    // Flip the top bit of the base64 digit: a low bit may be padding that decodes to nothing.
    static const std::string kDigits =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string altered = sealed;
    size_t digit = kDigits.find(altered[at]);
    ASSERT_NE(digit, std::string::npos) << altered[at];
    altered[at] = kDigits[digit ^ 32];
    EXPECT_FALSE(box.Open(altered).ok()) << at;
  }
  EXPECT_FALSE(box.Open(sealed.substr(0, sealed.size() - 4)).ok());
  EXPECT_FALSE(box.Open("secret").ok());
  EXPECT_FALSE(box.Open("v1:").ok());
  AesGcmSecretBox other = AesGcmSecretBox::FromKey(AesGcmSecretBox::Key{});
  EXPECT_FALSE(other.Open(sealed).ok());
}

TEST_F(SecretBoxTest, CreatesTheKeyFileOnFirstSealWithModeSixHundredAndReusesIt) {
  fs::path file = dir_ / "secret.key";
  AesGcmSecretBox box = AesGcmSecretBox::FromFile(file.string());
  EXPECT_FALSE(box.Open("v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").ok());
  EXPECT_FALSE(fs::exists(file)) << "opening never creates a key";
  std::string sealed = *box.Seal("secret");
  ASSERT_TRUE(fs::exists(file));
  EXPECT_EQ(fs::status(file).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  // Another process (a restart) reads the same key.
  AesGcmSecretBox again = AesGcmSecretBox::FromFile(file.string());
  EXPECT_EQ(*again.Open(sealed), "secret");
  // The file holds the key in the form an operator can pass as TSUMIKI_SECRET_KEY.
  std::ifstream in(file);
  std::string text;
  std::getline(in, text);
  auto key = AesGcmSecretBox::ParseKey(text);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(*AesGcmSecretBox::FromKey(*key).Open(sealed), "secret");
}

TEST_F(SecretBoxTest, RefusesMalformedKeys) {
  EXPECT_FALSE(AesGcmSecretBox::ParseKey("").ok());
  EXPECT_FALSE(AesGcmSecretBox::ParseKey("c2hvcnQ=").ok());
  EXPECT_FALSE(AesGcmSecretBox::ParseKey("not base64 at all!!!!!!!!!!!!!!!!!!!!!!!!!!").ok());
  fs::path file = dir_ / "bad.key";
  std::ofstream(file) << "garbage\n";
  EXPECT_FALSE(AesGcmSecretBox::FromFile(file.string()).Seal("x").ok());
}

}  // namespace
}  // namespace storage

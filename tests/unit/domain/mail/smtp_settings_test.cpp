#include "domain/mail/smtp_settings.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace domain {
namespace {

namespace json = boost::json;

bool HasField(const common::Error& e, std::string_view key) {
  for (const auto& f : e.fields())
    if (f.key == key) return true;
  return false;
}

TEST(SmtpSettings, PasswordIsWriteOnly) {
  auto s = SmtpSettings::FromJson(
      json::parse(R"({"enabled":true,"host":"smtp.example.jp","port":587,"security":"starttls",
                      "username":"u","password":"secret","fromAddress":"office@example.jp"})")
          .as_object(),
      SmtpSettings{});
  ASSERT_TRUE(s.ok()) << s.error().ToString();
  json::object shown = s->ToJson();
  EXPECT_FALSE(shown.contains("password"));
  EXPECT_EQ(shown.at("passwordSet"), true);
  // The stored form never holds the password itself, only what MailService sealed.
  EXPECT_FALSE(s->ToStoredJson().contains("password"));
  SmtpSettings sealed = *s;
  sealed.password_sealed = "v1:abc";
  EXPECT_EQ(SmtpSettings::FromStoredJson(sealed.ToStoredJson()).password_sealed, "v1:abc");
  EXPECT_FALSE(sealed.ToJson().contains("passwordSealed"));
  // Omitted: kept. Empty: removed.
  auto kept = SmtpSettings::FromJson(json::parse(R"({"port":2525})").as_object(), *s);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->password, "secret");
  auto cleared = SmtpSettings::FromJson(json::parse(R"({"password":""})").as_object(), *s);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->ToJson().at("passwordSet"), false);
}

TEST(SmtpSettings, ReportsEachBadProperty) {
  auto s = SmtpSettings::FromJson(
      json::parse(R"({"enabled":true,"port":70000,"security":"ssl","fromAddress":"not an address",
                      "timeoutSeconds":0,"host":""})")
          .as_object(),
      SmtpSettings{});
  ASSERT_FALSE(s.ok());
  for (const char* key : {"port", "security", "fromAddress", "timeoutSeconds", "host"}) {
    EXPECT_TRUE(HasField(s.error(), key)) << key << ": " << s.error().ToString();
  }
}

TEST(SmtpSettings, RefusesLineBreaksInHeaderValues) {
  auto s = SmtpSettings::FromJson(
      json::parse(R"({"fromName":"Office\r\nBcc: x@example.com"})").as_object(), SmtpSettings{});
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(HasField(s.error(), "fromName"));
}

}  // namespace
}  // namespace domain

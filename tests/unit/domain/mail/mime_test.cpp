#include "domain/mail/mime.h"

#include <gtest/gtest.h>

#include <string>

namespace domain {
namespace {

// Decodes standard base64 (test helper; the inverse of what the mailer writes).
std::string Unbase64(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;  // '=', CR, LF
    buffer = buffer << 6 | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The text of a header value made of encoded-words and/or plain text.
std::string DecodeHeader(std::string_view value) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t start = value.find("=?UTF-8?B?", i);
    if (start == std::string_view::npos) {
      out += value.substr(i);
      break;
    }
    size_t end = value.find("?=", start + 10);
    out += Unbase64(value.substr(start + 10, end - start - 10));
    i = end + 2;
    while (i < value.size() && (value[i] == '\r' || value[i] == '\n' || value[i] == ' ')) ++i;
  }
  return out;
}

std::string HeaderBlock(const std::string& mime) { return mime.substr(0, mime.find("\r\n\r\n")); }

MailMessage Sample() {
  MailMessage m;
  m.from_address = "office@city.example.jp";
  m.from_name = "市民課";
  m.to = "taro@example.com";
  m.subject = "受付番号 AP-2026-000001 のお知らせ";
  m.body = "山田 太郎 様\nお申し込みを受け付けました。\n";
  m.message_id = MakeMessageId("abc123", m.from_address);
  m.date = 1795314600;  // 2026-11-22T02:30:00Z
  return m;
}

TEST(Mime, ShortAsciiHeaderTextStaysPlain) {
  EXPECT_EQ(EncodeHeaderText("Your application"), "Your application");
}

TEST(Mime, JapaneseSubjectBecomesEncodedWordsThatDecodeBack) {
  std::string text = "【ご確認】介護保険の申請を受け付けました。受付番号をお控えください。";
  std::string encoded = EncodeHeaderText(text);
  EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(DecodeHeader(encoded), text);
  // Every folded line is short and every word is at most 75 characters.
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n", start);
    std::string line =
        encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
    EXPECT_LE(line.size(), 76u) << line;
    if (end == std::string::npos) break;
    start = end + 2;
  }
}

TEST(Mime, EncodedWordsSplitBetweenWholeCharacters) {
  std::string text(100, 'a');
  text += "あいうえおかきくけこさしすせそ";
  std::string encoded = EncodeHeaderText(text);
  // Each word decodes to valid UTF-8 on its own: no word ends inside a character.
  size_t i = 0;
  while ((i = encoded.find("=?UTF-8?B?", i)) != std::string::npos) {
    size_t end = encoded.find("?=", i + 10);
    std::string part = Unbase64(std::string_view(encoded).substr(i + 10, end - i - 10));
    unsigned char last = static_cast<unsigned char>(part.back());
    EXPECT_TRUE(last < 0x80 || (last & 0xC0) == 0x80) << "word ends with a lead byte";
    if (part.size() >= 1 && static_cast<unsigned char>(part[0]) >= 0x80) {
      EXPECT_NE(static_cast<unsigned char>(part[0]) & 0xC0, 0x80) << "word starts mid-character";
    }
    i = end;
  }
  EXPECT_EQ(DecodeHeader(encoded), text);
}

TEST(Mime, BuildsHeadersAndBase64Body) {
  auto mime = BuildMime(Sample());
  ASSERT_TRUE(mime.ok()) << mime.error().ToString();
  std::string head = HeaderBlock(*mime);
  EXPECT_NE(head.find("To: <taro@example.com>\r\n"), std::string::npos);
  EXPECT_NE(head.find("Date: Sun, 22 Nov 2026 02:30:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(head.find("Message-ID: <abc123@city.example.jp>\r\n"), std::string::npos);
  EXPECT_NE(head.find("MIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(head.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(head.find("Content-Transfer-Encoding: base64"), std::string::npos);
  EXPECT_NE(head.find("From: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(head.find(" <office@city.example.jp>"), std::string::npos);
  std::string body = mime->substr(mime->find("\r\n\r\n") + 4);
  EXPECT_EQ(Unbase64(body), "山田 太郎 様\r\nお申し込みを受け付けました。\r\n");
  for (size_t start = 0; start < body.size();) {
    size_t end = body.find("\r\n", start);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
}

TEST(Mime, LineBreaksInTheSubjectCannotAddHeaders) {
  MailMessage m = Sample();
  m.subject = "Hello\r\nBcc: victim@example.com\r\n\r\nInjected body";
  auto mime = BuildMime(m);
  ASSERT_TRUE(mime.ok());
  std::string head = HeaderBlock(*mime);
  EXPECT_EQ(head.find("\r\nBcc:"), std::string::npos) << head;
  EXPECT_EQ(head.find("\nBcc:"), std::string::npos) << head;
  // The whole header block is the eight headers and nothing else.
  size_t lines = 0;
  for (size_t i = 0; (i = head.find("\r\n", i)) != std::string::npos; i += 2) {
    if (head[i + 2] != ' ') ++lines;
  }
  EXPECT_EQ(lines + 1, 8u) << head;
  std::string subject = head.substr(head.find("Subject: ") + 9);
  subject = subject.substr(0, subject.find("\r\nDate:"));
  EXPECT_EQ(DecodeHeader(subject), "Hello Bcc: victim@example.com Injected body");
}

TEST(Mime, LineBreaksInTheFromNameCannotAddHeaders) {
  MailMessage m = Sample();
  m.from_name = "Office\nBcc: x@example.com";
  auto mime = BuildMime(m);
  ASSERT_TRUE(mime.ok());
  EXPECT_EQ(HeaderBlock(*mime).find("\nBcc:"), std::string::npos);
}

TEST(Mime, RefusesAddressesThatCouldCarryHeadersOrRecipients) {
  for (const char* bad :
       {"taro@example.com\r\nBcc: x@example.com", "a@b.com, c@d.com", "Taro <taro@example.com>",
        "no-at-sign", "@example.com", "taro@", "ta ro@example.com", "taro@@example.com",
        "taro@example..com", "山田@example.com"}) {
    EXPECT_FALSE(IsMailAddress(bad)) << bad;
    MailMessage m = Sample();
    m.to = bad;
    EXPECT_FALSE(BuildMime(m).ok()) << bad;
  }
  for (const char* good : {"taro@example.com", "t.yamada+apply@city.example.lg.jp"}) {
    EXPECT_TRUE(IsMailAddress(good)) << good;
  }
}

TEST(Mime, OneLineFoldsControlCharacters) { EXPECT_EQ(OneLine("a\r\nb\tc\x01" "d\n"), "a b c d"); }

}  // namespace
}  // namespace domain

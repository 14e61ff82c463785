#include "domain/mail/mime.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace domain {

using common::Error;
using common::Text;

namespace {

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t n =
        uint32_t(uint8_t(in[i])) << 16 | uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kBase64[(n >> shift) & 63];
  }
  if (i < in.size()) {
    uint32_t n = uint32_t(uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) n |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < in.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Length of the UTF-8 sequence that starts with `lead` (1 for stray continuation bytes, so a
// malformed string still splits somewhere).
size_t SequenceLength(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool PlainAscii(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  // "=?" could be read as the start of an encoded-word by the receiving client.
  return s.find("=?") == std::string_view::npos;
}

}  // namespace

bool IsMailAddress(std::string_view a) {
  if (a.empty() || a.size() > 254) return false;
  size_t at = a.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() ||
      a.find('@', at + 1) != std::string_view::npos || at > 64) {
    return false;
  }
  for (char c : a) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return false;
    if (std::string_view("\"(),:;<>[\\]").find(c) != std::string_view::npos) return false;
  }
  std::string_view domain = a.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      if (!space && !out.empty()) out += ' ';
      space = true;
      continue;
    }
    out += c;
    space = false;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string EncodeHeaderText(std::string_view raw) {
  std::string text = OneLine(raw);
  if (PlainAscii(text) && text.size() <= 60) return text;
  // 39 bytes of text (rounded down to whole characters) are 52 base64 characters, a 64
  // character word: with "Subject: " in front the first line still stays under 76.
  constexpr size_t kMaxBytes = 39;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    while (end < text.size()) {
      size_t len = SequenceLength(static_cast<unsigned char>(text[end]));
      if (end + len - i > kMaxBytes) break;
      end += len;
    }
    if (end == i) end = std::min(text.size(), i + kMaxBytes);  // one oversized sequence
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(std::string_view(text).substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string FormatMailDate(int64_t seconds) {
  static constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string Base64Lines(std::string_view data) {
  std::string encoded = Base64(data);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 76 * 2 + 2);
  for (size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string MakeMessageId(std::string_view random_hex, std::string_view from_address) {
  size_t at = from_address.find('@');
  std::string_view host =
      at == std::string_view::npos ? "tsumiki.invalid" : from_address.substr(at + 1);
  return "<" + std::string(random_hex) + "@" + std::string(host) + ">";
}

common::Result<std::string> BuildMime(const MailMessage& m) {
  if (!IsMailAddress(m.from_address)) return Error::Invalid("fromAddress", Text::kBadMailAddress);
  if (!IsMailAddress(m.to)) return Error::Invalid("to", Text::kBadMailAddress);
  // Line ends normalised to CRLF before encoding, so every client shows the same lines.
  std::string body;
  body.reserve(m.body.size() + 16);
  for (size_t i = 0; i < m.body.size(); ++i) {
    char c = m.body[i];
    if (c == '\r') {
      if (i + 1 < m.body.size() && m.body[i + 1] == '\n') ++i;
      body += "\r\n";
    } else if (c == '\n') {
      body += "\r\n";
    } else {
      body += c;
    }
  }
  std::string from = m.from_address;
  std::string name = OneLine(m.from_name);
  if (!name.empty()) {
    // A plain ASCII name is quoted (it may hold commas or dots); anything else is encoded.
    bool ascii = PlainAscii(name) && name.find_first_of("\"\\") == std::string::npos;
    from = (ascii ? "\"" + name + "\"" : EncodeHeaderText(name)) + " <" + m.from_address + ">";
  }
  std::string out;
  out += "From: " + from + "\r\n";
  out += "To: <" + m.to + ">\r\n";
  out += "Subject: " + EncodeHeaderText(m.subject) + "\r\n";
  out += "Date: " + FormatMailDate(m.date) + "\r\n";
  out += "Message-ID: " + OneLine(m.message_id) + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += Base64Lines(body);
  return out;
}

}  // namespace domain

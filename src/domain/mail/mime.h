// Internet-message building for outgoing mail (RFC 5322 + MIME): UTF-8 subjects and display
// names as RFC 2047 encoded-words, a UTF-8 plain-text body in base64, Date and Message-ID.
// Every header value passes through OneLine first, so text typed by a resident can never end
// a header and start another (no header injection). Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace domain {

struct MailMessage {
  std::string from_address;  // "office@city.example.jp"
  std::string from_name;     // display name, any UTF-8; may be empty
  std::string to;            // one address
  std::string subject;       // any UTF-8
  std::string body;          // plain text, any UTF-8; "\n" or "\r\n" line ends
  std::string message_id;    // "<random@domain>"
  int64_t date = 0;          // unix seconds
};

// A plain address "local@domain": printable ASCII, one '@', no spaces, quotes, angle
// brackets, commas or control characters (so it is safe in a header and as an SMTP RCPT).
bool IsMailAddress(std::string_view address);

// `text` with CR, LF, tabs and other control characters turned into single spaces.
std::string OneLine(std::string_view text);

// The header value for `text`: unchanged when it is short printable ASCII, else RFC 2047
// "=?UTF-8?B?...?=" words of at most 75 characters each (split between whole UTF-8
// characters), joined by CRLF + space so each header line stays under 78 characters.
std::string EncodeHeaderText(std::string_view text);

// "Sun, 22 Nov 2026 02:30:00 +0000"
std::string FormatMailDate(int64_t unix_seconds);

// Standard base64 with CRLF after every 76 characters.
std::string Base64Lines(std::string_view data);

// "<hex@domain of from_address>" from `random_hex`.
std::string MakeMessageId(std::string_view random_hex, std::string_view from_address);

// The whole message, CRLF line ends, ready for SMTP DATA. CB_VA01 when an address is unusable.
common::Result<std::string> BuildMime(const MailMessage& message);

}  // namespace domain

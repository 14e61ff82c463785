#include "http/response_head.h"

#include <array>
#include <charconv>
#include <cstdio>

#include "http/request.h"

namespace http {
namespace {

// RFC 9110 tchar, as a table: every response checks each header name a byte at a time.
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = table[c - 'a' + 'A'] = true;
  for (unsigned char c : std::string_view("!#$%&'*+-.^_`|~")) table[c] = true;
  return table;
}();

// Bytes a header value may hold: visible ASCII, obs-text, space and tab; no CR, LF, NUL, DEL.
constexpr std::array<bool, 256> kValueChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 256; ++c) table[c] = c != 0x7f;
  table['\t'] = true;
  return table;
}();

void AppendNumber(std::string& out, uint64_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, end);
}

void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
  out += name;
  out += ": ";
  out += value;
  out += "\r\n";
}

}  // namespace

bool IsServerOwnedHeader(std::string_view name) {
  for (std::string_view owned : {"Content-Length", "Transfer-Encoding", "Connection", "Date",
                                 "Server", "X-Request-Id", "Keep-Alive"}) {
    if (EqualsIgnoreCase(name, owned)) return true;
  }
  return false;
}

bool IsBodyless(int status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

bool IsValidHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    if (!kTokenChars[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

bool IsValidHeaderValue(std::string_view value) {
  for (char c : value) {
    if (!kValueChars[static_cast<unsigned char>(c)]) return false;
  }
  return true;
}

bool WantsClose(const Response& response) {
  for (const auto& [name, value] : response.headers) {
    if (EqualsIgnoreCase(name, "Connection") && EqualsIgnoreCase(value, "close")) return true;
  }
  return false;
}

void AppendResponseHead(std::string& out, const Response& response, const ResponseHead& head) {
  int status = (response.status >= 200 && response.status <= 999) ? response.status : 500;
  out += "HTTP/1.1 ";
  AppendNumber(out, static_cast<uint64_t>(status));
  out += ' ';
  out += ReasonPhrase(status);
  out += "\r\nServer: tsumiki\r\n";
  AppendHeader(out, "Date", head.date);
  if (!head.request_id.empty()) AppendHeader(out, "X-Request-Id", head.request_id);
  if (!IsBodyless(status)) {
    out += "Content-Length: ";
    AppendNumber(out, head.content_length);
    out += "\r\n";
  }
  if (head.close) {
    out += "Connection: close\r\n";
  } else if (head.keep_alive_header) {
    out += "Connection: keep-alive\r\n";
  }
  for (const auto& [name, value] : response.headers) {
    if (IsServerOwnedHeader(name) || !IsValidHeaderName(name) || !IsValidHeaderValue(value)) {
      continue;
    }
    AppendHeader(out, name, value);
  }
  if (response.fixed_headers != nullptr) out += response.fixed_headers->text();  // checked once
  out += "\r\n";
}

std::string FormatHttpDate(std::time_t t) {
  // By hand rather than strftime: %a and %b follow the C locale.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  int n = std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                        tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                        tm.tm_sec);
  return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

}  // namespace http

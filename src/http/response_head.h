// Serialises a Response's status line and header block for the wire (internal to the
// server, separate from Beast so it is cheap to test). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>

#include "http/response.h"

namespace http {

struct ResponseHead {
  uint64_t content_length = 0;
  bool close = false;              // send "Connection: close"
  bool keep_alive_header = false;  // send "Connection: keep-alive" (HTTP/1.0 clients)
  std::string_view date;           // FormatHttpDate()
  std::string_view request_id;
};

// True for statuses that never carry a body or Content-Length (1xx, 204, 304).
bool IsBodyless(int status);

// Appends "HTTP/1.1 <status> <reason>\r\n", the server's own headers (Server, Date,
// X-Request-Id, Content-Length, Connection), then the handler's headers minus those the
// server owns and minus any whose name or value could split the header block; then CRLF.
void AppendResponseHead(std::string& out, const Response& response, const ResponseHead& head);

// True if the handler asked to close the connection ("Connection: close").
bool WantsClose(const Response& response);

// RFC 9110 IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string FormatHttpDate(std::time_t t);

bool IsValidHeaderName(std::string_view name);
bool IsValidHeaderValue(std::string_view value);
// Content-Length, Date, Connection, …: written by the server, a handler's copy is dropped.
bool IsServerOwnedHeader(std::string_view name);

}  // namespace http

// What a handler returns: status, headers, and either an in-memory body or a file to stream.
// Plain value type; the server adds Content-Length, Date, Server and X-Request-Id itself.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

// Header lines made once and kept for the process, e.g. the security headers every API answer
// carries: checked when made (a name or value that could split the header block, or a header
// the server writes itself, throws std::invalid_argument) and rendered once, so a response
// that points at them skips the per-response copies and checks of its own `headers`.
class FixedHeaders {
 public:
  FixedHeaders(std::initializer_list<std::pair<std::string_view, std::string_view>> headers);

  // "Name: value\r\n" for each, in order.
  std::string_view text() const { return text_; }
  // The value of `name` (ASCII case-insensitive), or nullptr.
  const std::string* Find(std::string_view name) const;
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  std::vector<std::pair<std::string, std::string>> headers_;
  std::string text_;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // If set, the server streams this file as the body (downloads, static files) and
  // ignores `body`. An unreadable file becomes a plain 404.
  std::string file_path;
  // Written after `headers`; lives as long as the process (a static). Header() sees them, and
  // SetHeader() turns them into ordinary headers first.
  const FixedHeaders* fixed_headers = nullptr;

  // First value of header `name` (ASCII case-insensitive), "" if absent.
  std::string_view Header(std::string_view name) const;
  // Replaces every `name` header with one holding `value`.
  void SetHeader(std::string_view name, std::string value);
  void AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }

  // A body with its Content-Type, e.g. Text(404, "not found").
  static Response Text(int status, std::string body,
                       std::string content_type = "text/plain; charset=utf-8");
};

// Reason phrase for a status code ("Not Found"); "Unknown" for unregistered codes.
std::string_view ReasonPhrase(int status);

}  // namespace http

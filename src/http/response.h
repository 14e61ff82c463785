// What a handler returns: status, headers, and either an in-memory body or a file to stream.
// Plain value type; the server adds Content-Length, Date, Server and X-Request-Id itself.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // If set, the server streams this file as the body (downloads, static files) and
  // ignores `body`. An unreadable file becomes a plain 404.
  std::string file_path;

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

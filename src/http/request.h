// One parsed HTTP request as handlers see it: plain strings, no Beast types. Owned by the
// connection that read it; a handler gets a const reference valid for the call only.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace http {

struct Request {
  std::string method;  // "GET", as sent (methods are case-sensitive)
  std::string target;  // request-target as sent: "/k/v1/records.json?app=1"
  std::string path;    // target up to '?', not percent-decoded: "/k/v1/records.json"
  std::string query;   // raw query string without '?': "app=1"
  std::vector<std::pair<std::string, std::string>> headers;  // in arrival order
  std::string body;
  std::string remote_address;  // peer IP address, no port
  std::string request_id;      // also sent back as X-Request-Id
  bool secure = false;         // arrived over TLS

  // First value of header `name` (ASCII case-insensitive), "" if absent.
  std::string_view Header(std::string_view name) const;
  // Every value of header `name`, in arrival order.
  std::vector<std::string_view> Headers(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

// ASCII case-insensitive equality, for header names and tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Splits a request-target into path and raw query. Absolute-form targets
// ("http://host/p?q") keep only "/p"; an empty path becomes "/".
void SplitTarget(std::string_view target, std::string& path, std::string& query);

// Decodes %XX escapes (and nothing else: '+' stays '+'). False on a malformed escape.
bool PercentDecode(std::string_view in, std::string& out);

}  // namespace http

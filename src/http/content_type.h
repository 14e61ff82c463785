// Content-Type by file extension for static files and downloads. Stateless; thread-safe.
#pragma once

#include <string_view>

namespace http {

// "text/html; charset=utf-8" for "index.html"; "application/octet-stream" if unknown.
// Matches the extension of the last path segment, case-insensitively.
std::string_view ContentTypeForPath(std::string_view path);

}  // namespace http

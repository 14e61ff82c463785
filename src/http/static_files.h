// Serves the single-page app's built files from one directory: content types, caching
// headers, ETag revalidation, index.html fallback for client-side routes, and paths that
// can never leave the root. Immutable after construction; thread-safe.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "http/handler.h"

namespace http {

struct StaticFilesOptions {
  std::string root;              // directory holding index.html and assets/
  std::string url_prefix = "/";  // where the root is mounted; must end with '/'
  bool spa_fallback = true;      // extension-less unknown paths get index.html
};

class StaticFiles {
 public:
  // `not_found` answers missing files, rejected paths and methods other than GET/HEAD
  // (plain 404 if null).
  explicit StaticFiles(StaticFilesOptions options, Handler not_found = nullptr);

  Response operator()(const Request& request) const;
  Handler AsHandler() const {
    return [this](const Request& request) { return (*this)(request); };
  }

  // "assets/index-B2xk9Qa1.js": a content-hashed name that may be cached forever.
  static bool IsHashedAsset(const std::vector<std::string>& segments);

 private:
  // The canonical regular file for `segments` inside the root, or empty.
  std::filesystem::path Resolve(const std::vector<std::string>& segments) const;
  Response Serve(const Request& request, const std::filesystem::path& file,
                 std::string_view cache_control) const;
  Response NotFound(const Request& request) const;

  StaticFilesOptions options_;
  std::filesystem::path root_;  // canonical; empty if the root does not exist
  Handler not_found_;
};

// Splits a URL path (relative to a mount point) into decoded segments, dropping empty and
// "." segments. False if any segment is "..", starts with '.', or holds '\\' or NUL after
// decoding, or an escape is malformed: such requests are refused, not repaired.
bool SplitSafePath(std::string_view path, std::vector<std::string>& segments);

// If-None-Match `header` holds `etag` (or "*"); weak comparison, as RFC 9110 asks for GET.
bool EtagMatches(std::string_view header, std::string_view etag);

}  // namespace http

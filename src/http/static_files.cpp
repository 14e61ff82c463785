#include "http/static_files.h"

#include <chrono>
#include <cstdio>
#include <system_error>

#include "http/content_type.h"

namespace http {
namespace fs = std::filesystem;
namespace {

bool IsWithin(const fs::path& root, const fs::path& path) {
  const std::string& r = root.native();
  const std::string& p = path.native();
  return p.size() > r.size() && p.compare(0, r.size(), r) == 0 && p[r.size()] == '/';
}

std::string MakeEtag(uintmax_t size, fs::file_time_type mtime) {
  auto ticks = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch());
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%jx-%llx\"", size,
                static_cast<unsigned long long>(ticks.count()));
  return buf;
}

}  // namespace

bool EtagMatches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.starts_with("W/")) item.remove_prefix(2);
    if (item == "*" || item == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

bool SplitSafePath(std::string_view path, std::vector<std::string>& segments) {
  segments.clear();
  std::string decoded;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view raw = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (!PercentDecode(raw, decoded)) return false;
    if (decoded.empty() || decoded == ".") continue;
    if (decoded.front() == '.') return false;  // "..", dotfiles like .env
    if (decoded.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) return false;
    segments.push_back(decoded);
  }
  return true;
}

StaticFiles::StaticFiles(StaticFilesOptions options, Handler not_found)
    : options_(std::move(options)), not_found_(std::move(not_found)) {
  std::error_code ec;
  root_ = fs::canonical(options_.root, ec);
  if (ec) root_.clear();
}

bool StaticFiles::IsHashedAsset(const std::vector<std::string>& segments) {
  if (segments.size() < 2 || segments.front() != "assets") return false;
  std::string_view name = segments.back();
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string_view stem = name.substr(0, dot);
  size_t dash = stem.find_last_of("-.");
  if (dash == std::string_view::npos) return false;
  std::string_view hash = stem.substr(dash + 1);
  if (hash.size() < 8) return false;
  for (char c : hash) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

fs::path StaticFiles::Resolve(const std::vector<std::string>& segments) const {
  if (root_.empty()) return {};
  fs::path candidate = root_;
  for (const std::string& segment : segments) candidate /= segment;
  std::error_code ec;
  // canonical() follows symlinks, so a link pointing outside the root fails IsWithin.
  fs::path real = fs::canonical(candidate, ec);
  if (ec) return {};
  if (fs::is_directory(real, ec)) {
    real = fs::canonical(real / "index.html", ec);
    if (ec) return {};
  }
  if (!IsWithin(root_, real) || !fs::is_regular_file(real, ec)) return {};
  return real;
}

Response StaticFiles::NotFound(const Request& request) const {
  if (not_found_) return not_found_(request);
  return Response::Text(404, "not found\n");
}

Response StaticFiles::Serve(const Request& request, const fs::path& file,
                            std::string_view cache_control) const {
  std::error_code ec;
  uintmax_t size = fs::file_size(file, ec);
  fs::file_time_type mtime = fs::last_write_time(file, ec);
  if (ec) return NotFound(request);
  Response response;
  std::string etag = MakeEtag(size, mtime);
  response.headers.reserve(4);
  if (EtagMatches(request.Header("If-None-Match"), etag)) {
    response.status = 304;
  } else {
    response.file_path = file.native();
    response.headers.emplace_back("Content-Type", std::string(ContentTypeForPath(file.native())));
  }
  response.headers.emplace_back("Cache-Control", std::string(cache_control));
  response.headers.emplace_back("ETag", std::move(etag));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

Response StaticFiles::operator()(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return NotFound(request);
  std::string_view path = request.path;
  if (!path.starts_with(options_.url_prefix)) {
    // "/app" for a mount at "/app/".
    if (path.size() + 1 != options_.url_prefix.size() ||
        !std::string_view(options_.url_prefix).starts_with(path)) {
      return NotFound(request);
    }
    path = {};
  } else {
    path.remove_prefix(options_.url_prefix.size());
  }
  std::vector<std::string> segments;
  if (!SplitSafePath(path, segments)) return NotFound(request);

  if (fs::path file = Resolve(segments); !file.empty()) {
    // Everything not content-hashed (index.html above all) is revalidated by ETag.
    return Serve(request, file,
                 IsHashedAsset(segments) ? "public, max-age=31536000, immutable" : "no-cache");
  }
  bool extensionless = !segments.empty() && segments.back().find('.') == std::string::npos;
  if (options_.spa_fallback && extensionless) {
    if (fs::path index = Resolve({"index.html"}); !index.empty()) {
      return Serve(request, index, "no-cache");
    }
  }
  return NotFound(request);
}

}  // namespace http

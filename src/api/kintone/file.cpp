// POST file.json (multipart upload → upload key) and GET file.json (download by key).
#include "api/kintone/endpoints.h"
#include "api/multipart.h"
#include "domain/files/file_service.h"

namespace api {

using common::Error;
using common::Text;

JsonResult PostFile(Call& call, Services& s) {
  auto boundary = MultipartBoundary(call.request.Header("Content-Type"));
  if (!boundary) return Error::Invalid("file", Text::kRequiredParam);
  auto parts = ParseMultipart(call.request.body, *boundary);
  if (!parts) return Error::Invalid("file", Text::kBadValueShape);
  for (const FormPart& p : *parts) {
    if (p.name != "file") continue;
    TK_ASSIGN_OR_RETURN(std::string key,
                        s.files.Upload(call.principal, p.filename, p.content_type, p.data));
    return boost::json::object{{"fileKey", key}};
  }
  return Error::Invalid("file", Text::kRequiredParam);
}

namespace {

// Content-Disposition that survives any file name: ASCII fallback plus RFC 5987 UTF-8.
std::string Disposition(const std::string& name) {
  std::string ascii, encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : name) {
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (isalnum(c) || c == '.' || c == '-' || c == '_' || c == '~') {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

}  // namespace

common::Result<http::Response> GetFile(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string key, call.params.RequiredString("fileKey"));
  if (key.empty()) return Error::Invalid("fileKey", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(auto d, s.files.Get(call.principal, key));
  http::Response r;
  r.file_path = d.path;
  r.headers.emplace_back("Content-Type", d.content_type);
  r.headers.emplace_back("Content-Disposition", Disposition(d.name));
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // Even opened directly, an uploaded HTML or SVG file runs no script and loads nothing.
  r.headers.emplace_back("Content-Security-Policy",
                         "sandbox; default-src 'none'; style-src 'unsafe-inline'; "
                         "img-src data:; frame-ancestors 'none'");
  return r;
}

}  // namespace api

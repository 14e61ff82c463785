#include "api/multipart.h"

#include <cctype>

#include "http/request.h"

namespace api {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The value of `key=` in a header's parameters (quoted or not).
std::optional<std::string> Param(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t semi = header.find(';', pos);
    // A quoted value may contain ';': skip to the closing quote.
    size_t eq = header.find('=', pos);
    if (eq != std::string_view::npos && (semi == std::string_view::npos || eq < semi)) {
      std::string_view k = Trim(header.substr(pos, eq - pos));
      size_t v = eq + 1;
      std::string value;
      if (v < header.size() && header[v] == '"') {
        size_t i = v + 1;
        for (; i < header.size() && header[i] != '"'; ++i) {
          if (header[i] == '\\' && i + 1 < header.size()) ++i;
          value += header[i];
        }
        semi = header.find(';', i);
      } else {
        value = std::string(Trim(header.substr(v, semi == std::string_view::npos ? std::string_view::npos : semi - v)));
      }
      if (http::EqualsIgnoreCase(k, key)) return value;
    }
    if (semi == std::string_view::npos) break;
    pos = semi + 1;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  if (content_type.size() < 19 ||
      !http::EqualsIgnoreCase(content_type.substr(0, 19), "multipart/form-data")) {
    return std::nullopt;
  }
  auto b = Param(content_type, "boundary");
  if (!b || b->empty() || b->size() > 200) return std::nullopt;
  return b;
}

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body,
                                                    std::string_view boundary) {
  std::string delimiter = "--" + std::string(boundary);
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  std::vector<FormPart> parts;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    if (headers_end == std::string_view::npos) return std::nullopt;
    FormPart part;
    std::string_view headers = body.substr(pos, headers_end - pos);
    size_t h = 0;
    while (h <= headers.size()) {
      size_t eol = headers.find("\r\n", h);
      if (eol == std::string_view::npos) eol = headers.size();
      std::string_view line = headers.substr(h, eol - h);
      h = eol + 2;
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string_view name = Trim(line.substr(0, colon));
        std::string_view value = Trim(line.substr(colon + 1));
        if (http::EqualsIgnoreCase(name, "Content-Disposition")) {
          part.name = Param(value, "name").value_or("");
          if (auto star = Param(value, "filename*")) {
            // RFC 5987: UTF-8''percent-encoded
            std::string_view s = *star;
            size_t q = s.find("''");
            std::string decoded;
            if (q != std::string_view::npos && http::PercentDecode(s.substr(q + 2), decoded)) {
              part.filename = decoded;
            }
          }
          if (part.filename.empty()) part.filename = Param(value, "filename").value_or("");
        } else if (http::EqualsIgnoreCase(name, "Content-Type")) {
          part.content_type = std::string(value);
        }
      }
      if (eol == headers.size()) break;
    }
    size_t data_start = headers_end + 4;
    size_t next = body.find("\r\n" + delimiter, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    part.data = body.substr(data_start, next - data_start);
    parts.push_back(std::move(part));
    pos = next + 2;
  }
}

}  // namespace api

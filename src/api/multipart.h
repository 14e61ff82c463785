// multipart/form-data parsing for POST file.json. Pure; views point into the body.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace api {

struct FormPart {
  std::string name;          // the part's form field name
  std::string filename;      // from filename= or filename*=UTF-8''…, "" if none
  std::string content_type;  // "" if the part has none
  std::string_view data;
};

// The boundary from a Content-Type header value, or nullopt.
std::optional<std::string> MultipartBoundary(std::string_view content_type);
// Every part of `body`; nullopt when the body is not well-formed multipart.
std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body, std::string_view boundary);

}  // namespace api

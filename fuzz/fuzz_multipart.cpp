// multipart/form-data (file uploads): the first line of the input is the Content-Type
// header value, the rest the body. Parts' views must stay inside the body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view header = input.substr(0, newline);
  std::string_view body = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  auto boundary = api::MultipartBoundary(header);
  // Also try a fixed boundary so the body is exercised whatever the header says.
  for (std::string_view b :
       {boundary ? std::string_view(*boundary) : std::string_view("b"), std::string_view("b")}) {
    auto parts = api::ParseMultipart(body, b);
    if (!parts) continue;
    for (const api::FormPart& p : *parts) {
      if (!p.data.empty() && (p.data.data() < body.data() ||
                              p.data.data() + p.data.size() > body.data() + body.size())) {
        std::abort();
      }
    }
  }
  return 0;
}

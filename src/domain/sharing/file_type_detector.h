// Port: what a file is, judged by its content (magic numbers), never by its name or the
// type the uploader claims. Implemented with libmagic in storage/blob. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace domain {

class FileTypeDetector {
 public:
  virtual ~FileTypeDetector() = default;
  // The MIME type of `data`, e.g. "application/pdf"; "application/octet-stream" if unknown.
  virtual std::string Detect(std::string_view data) const = 0;
};

}  // namespace domain

#include "storage/blob/magic_file_type_detector.h"

#include <magic.h>

namespace storage {

common::Result<std::unique_ptr<MagicFileTypeDetector>> MagicFileTypeDetector::Open() {
  // MAGIC_NO_CHECK_COMPRESS etc. keep it to the content's own signature: a PDF renamed
  // .jpg is a PDF; a zip is a zip, not what it contains.
  magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF);
  if (!m) return common::Error::Internal("libmagic: cannot open");
  if (magic_load(m, nullptr) != 0) {
    std::string why = magic_error(m) ? magic_error(m) : "unknown";
    magic_close(m);
    return common::Error::Internal("libmagic: cannot load the magic database: " + why);
  }
  return std::unique_ptr<MagicFileTypeDetector>(new MagicFileTypeDetector(m));
}

MagicFileTypeDetector::~MagicFileTypeDetector() { magic_close(magic_); }

std::string MagicFileTypeDetector::Detect(std::string_view data) const {
  if (data.empty()) return "application/x-empty";
  std::lock_guard lock(mutex_);
  const char* type = magic_buffer(magic_, data.data(), data.size());
  return type ? std::string(type) : "application/octet-stream";
}

}  // namespace storage

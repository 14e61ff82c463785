// FileTypeDetector on libmagic: the MIME type from a file's first bytes. libmagic handles are
// not thread-safe, so one handle is shared under a mutex (detection takes microseconds).
#pragma once

#include <memory>
#include <mutex>

#include "common/result.h"
#include "domain/sharing/file_type_detector.h"

struct magic_set;

namespace storage {

class MagicFileTypeDetector final : public domain::FileTypeDetector {
 public:
  static common::Result<std::unique_ptr<MagicFileTypeDetector>> Open();
  ~MagicFileTypeDetector() override;
  std::string Detect(std::string_view data) const override;

 private:
  explicit MagicFileTypeDetector(magic_set* magic) : magic_(magic) {}
  mutable std::mutex mutex_;  // guards magic_
  magic_set* magic_;
};

}  // namespace storage

// Content-addressed files under <data>/files/ab/cd/<sha256>: written to a temporary name,
// fsync'ed and renamed, so a crash never leaves a half-written blob under its final name.
// Thread-safe (rename is atomic; the same content twice is harmless).
#pragma once

#include <string>

#include "domain/files/file.h"

namespace storage {

class DiskBlobStore final : public domain::BlobStore {
 public:
  explicit DiskBlobStore(std::string root) : root_(std::move(root)) {}
  common::Result<std::string> Put(std::string_view data) override;
  std::string PathOf(std::string_view sha256) const override;

 private:
  std::string root_;
};

}  // namespace storage

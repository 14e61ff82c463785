// Uploaded files: metadata rows in the database, bytes content-addressed (sha-256) in a
// BlobStore. An upload key (UUID) is used once to attach a file to a record; attaching
// mints a download key, the only key GET file.json accepts. Value types and ports.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace domain {

struct UploadedFile {
  int64_t id = 0;
  std::string upload_key;    // "" once attached
  std::string download_key;  // "" until attached
  std::string sha256;
  std::string name;
  std::string content_type;
  int64_t size = 0;
  int64_t created_by = 0;
  int64_t created_at = 0;
  std::optional<int64_t> attached_at;
  std::optional<int64_t> app_id;
  std::optional<int64_t> record_id;
  std::optional<int64_t> field_id;
};

// Port: the bytes. Thread-safe.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `data` (idempotent per content) and returns its sha-256 hex.
  virtual common::Result<std::string> Put(std::string_view data) = 0;
  // A filesystem path from which the blob can be streamed.
  virtual std::string PathOf(std::string_view sha256) const = 0;
};

// Port: the metadata rows. Bound to one transaction.
class FileRepository {
 public:
  virtual ~FileRepository() = default;
  virtual common::Result<int64_t> Insert(const UploadedFile& file) = 0;
  virtual common::Result<std::optional<UploadedFile>> FindByUploadKey(std::string_view key) = 0;
  virtual common::Result<std::optional<UploadedFile>> FindByDownloadKey(std::string_view key) = 0;
  // Turns an upload into an attachment of (app, record, field) with a new download key.
  virtual common::Status Attach(int64_t id, std::string_view download_key, int64_t app,
                                int64_t record, int64_t field, int64_t at) = 0;
  // Deletes unattached uploads older than `before` (seconds).
  virtual common::Status DeleteStaleUploads(int64_t before) = 0;
};

}  // namespace domain

// Uploads and downloads of files (POST/GET file.json). Upload needs only a signed-in caller;
// download needs the right to view the record and the field that hold the file now (a file
// removed from its record by an update is out of reach). Thread-safe.
#pragma once

#include "common/clock.h"
#include "domain/files/file.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

class RecordService;

struct Download {
  std::string path;  // blob to stream
  std::string name;
  std::string content_type;
  int64_t size = 0;
};

class FileService {
 public:
  // `records` decides who may see the record (and field) a file is attached to.
  FileService(TransactionRunner& db, BlobStore& blobs, const common::Clock& clock,
              int64_t max_file_bytes, RecordService& records)
      : db_(db), blobs_(blobs), clock_(clock), max_file_bytes_(max_file_bytes), records_(records) {}

  // Stores an upload and returns its upload key.
  common::Result<std::string> Upload(const Principal& who, std::string name,
                                     std::string content_type, std::string_view data);
  common::Result<Download> Get(const Principal& who, std::string_view download_key);

 private:
  TransactionRunner& db_;
  BlobStore& blobs_;
  const common::Clock& clock_;
  int64_t max_file_bytes_;
  RecordService& records_;
};

}  // namespace domain

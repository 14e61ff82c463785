// SQL implementation of the file-metadata port. Bound to one Connection; not thread-safe.
#pragma once

#include "domain/files/file.h"
#include "storage/database.h"

namespace storage {

class SqlFileRepository final : public domain::FileRepository {
 public:
  explicit SqlFileRepository(Connection& c) : c_(c) {}
  common::Result<int64_t> Insert(const domain::UploadedFile& f) override;
  common::Result<std::optional<domain::UploadedFile>> FindByUploadKey(std::string_view key) override;
  common::Result<std::optional<domain::UploadedFile>> FindByDownloadKey(std::string_view key) override;
  common::Status Attach(int64_t id, std::string_view download_key, int64_t app, int64_t record,
                        int64_t field, int64_t at) override;
  common::Status DeleteStaleUploads(int64_t before) override;

 private:
  common::Result<std::optional<domain::UploadedFile>> FindBy(std::string_view column,
                                                           std::string_view key);
  Connection& c_;
};

}  // namespace storage

#include "domain/files/file_service.h"

#include "common/random.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"

namespace domain {

using common::Error;
using common::ErrorCode;
using common::Status;

namespace {
constexpr int64_t kStaleUploadSeconds = 3 * 24 * 3600;  // kintone drops unattached uploads ~3 days
}

common::Result<std::string> FileService::Upload(const Principal& who, std::string name,
                                                std::string content_type, std::string_view data) {
  (void)who;  // any authenticated caller may upload, as in kintone
  if (static_cast<int64_t>(data.size()) > max_file_bytes_) {
    return Error(ErrorCode::kRequestTooLarge);
  }
  if (name.empty()) return Error::Invalid("file", common::Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(std::string sha, blobs_.Put(data));
  UploadedFile f;
  f.upload_key = common::RandomUuid();
  f.sha256 = sha;
  f.name = std::move(name);
  f.content_type = content_type.empty() ? "application/octet-stream" : std::move(content_type);
  f.size = static_cast<int64_t>(data.size());
  f.created_by = who.user_id;
  f.created_at = clock_.NowSeconds();
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_RETURN_IF_ERROR(tx.files().DeleteStaleUploads(f.created_at - kStaleUploadSeconds));
    return tx.files().Insert(f).ok() ? Status::Ok() : Status(Error::Internal("file insert failed"));
  }));
  return f.upload_key;
}

common::Result<Download> FileService::Get(const Principal& who, std::string_view key) {
  Download d;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto file, tx.files().FindByDownloadKey(key));
    if (!file || !file->app_id) return Error(ErrorCode::kFileNotFound, {std::string(key)});
    auto app = LoadApp(tx, who, *file->app_id, true);
    // Callers who may not see the app learn nothing, not even that the file exists.
    if (!app.ok()) return Error(ErrorCode::kFileNotFound, {std::string(key)});
    TK_RETURN_IF_ERROR(CheckAppRight(who, *app, AppRight::kView));
    d = {blobs_.PathOf(file->sha256), file->name, file->content_type, file->size};
    return Status::Ok();
  }));
  return d;
}

}  // namespace domain

#include "domain/files/file_service.h"

#include <boost/json/parse.hpp>

#include "common/random.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"
#include "domain/records/record_service.h"

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

namespace {

// Whether a record's JSON (as the caller sees it) holds `key` in a FILE field, at the top
// level or in a table row.
bool HoldsFile(const boost::json::object& fields, std::string_view key) {
  for (const auto& kv : fields) {
    if (!kv.value().is_object()) continue;
    const auto& field = kv.value().as_object();
    const auto* type = field.if_contains("type");
    const auto* value = field.if_contains("value");
    if (!type || !type->is_string() || !value || !value->is_array()) continue;
    for (const auto& item : value->as_array()) {
      if (!item.is_object()) continue;
      const auto& o = item.as_object();
      if (type->as_string() == "FILE") {
        const auto* k = o.if_contains("fileKey");
        if (k && k->is_string() && k->as_string() == key) return true;
      } else if (type->as_string() == "SUBTABLE") {
        const auto* row = o.if_contains("value");
        if (row && row->is_object() && HoldsFile(row->as_object(), key)) return true;
      }
    }
  }
  return false;
}

}  // namespace

common::Result<Download> FileService::Get(const Principal& who, std::string_view key) {
  Download d;
  std::optional<int64_t> app_id, record_id;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto file, tx.files().FindByDownloadKey(key));
    if (!file || !file->app_id || !file->record_id) {
      return Error(ErrorCode::kFileNotFound, {std::string(key)});
    }
    auto app = LoadApp(tx, who, *file->app_id, true);
    // Callers who may not see the app learn nothing, not even that the file exists.
    if (!app.ok()) return Error(ErrorCode::kFileNotFound, {std::string(key)});
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, *app, AppRight::kView));
    app_id = file->app_id;
    record_id = file->record_id;
    d = {blobs_.PathOf(file->sha256), file->name, file->content_type, file->size};
    return Status::Ok();
  }));
  // The record as the caller may see it (record and field permissions applied): the file
  // must be in one of its visible fields now.
  auto record = records_.Get(who, *app_id, *record_id);
  if (!record.ok()) {
    if (record.error().code() == ErrorCode::kRecordNotFound) {
      return Error(ErrorCode::kFileNotFound, {std::string(key)});
    }
    return std::move(record).error();
  }
  // The record's text as record.json answers it (a download is rare next to the read).
  boost::system::error_code ec;
  boost::json::value fields = boost::json::parse(record->json, ec);
  if (ec || !fields.is_object() || !HoldsFile(fields.as_object(), key)) {
    return Error(ErrorCode::kFileNotFound, {std::string(key)});
  }
  return d;
}

}  // namespace domain

#include "storage/repositories/sql_file_repository.h"

namespace storage {

using common::Result;
using common::SqlNull;
using domain::UploadedFile;

Result<int64_t> SqlFileRepository::Insert(const UploadedFile& f) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO files(upload_key, download_key, sha256, name, content_type, size, created_by, "
      "created_at) VALUES (?,?,?,?,?,?,?,?)",
      {f.upload_key.empty() ? SqlValue(SqlNull{}) : SqlValue(f.upload_key),
       f.download_key.empty() ? SqlValue(SqlNull{}) : SqlValue(f.download_key), f.sha256, f.name,
       f.content_type, f.size, f.created_by, f.created_at}));
  return c_.LastInsertId();
}

Result<std::optional<UploadedFile>> SqlFileRepository::FindBy(std::string_view column,
                                                            std::string_view key) {
  // `column` is one of two fixed names chosen by the callers below, never user text.
  TK_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query("SELECT id, upload_key, download_key, sha256, name, content_type, size, "
               "created_by, created_at, attached_at, app_id, record_id, field_id FROM files "
               "WHERE " + std::string(column) + " = ?",
               {std::string(key)}));
  if (rows.empty()) return std::optional<UploadedFile>();
  const Row& r = rows[0];
  UploadedFile f;
  f.id = r.Int(0);
  f.upload_key = r.Text(1);
  f.download_key = r.Text(2);
  f.sha256 = r.Text(3);
  f.name = r.Text(4);
  f.content_type = r.Text(5);
  f.size = r.Int(6);
  f.created_by = r.Int(7);
  f.created_at = r.Int(8);
  if (!r.IsNull(9)) f.attached_at = r.Int(9);
  if (!r.IsNull(10)) f.app_id = r.Int(10);
  if (!r.IsNull(11)) f.record_id = r.Int(11);
  if (!r.IsNull(12)) f.field_id = r.Int(12);
  return std::optional<UploadedFile>(std::move(f));
}

Result<std::optional<UploadedFile>> SqlFileRepository::FindByUploadKey(std::string_view key) {
  return FindBy("upload_key", key);
}

Result<std::optional<UploadedFile>> SqlFileRepository::FindByDownloadKey(std::string_view key) {
  return FindBy("download_key", key);
}

common::Status SqlFileRepository::Attach(int64_t id, std::string_view download_key, int64_t app,
                                         int64_t record, int64_t field, int64_t at) {
  return c_.Execute(
      "UPDATE files SET upload_key = NULL, download_key = ?, attached_at = ?, app_id = ?, "
      "record_id = ?, field_id = ? WHERE id = ?",
      {std::string(download_key), at, app, record, field, id});
}

common::Status SqlFileRepository::DeleteStaleUploads(int64_t before) {
  return c_.Execute("DELETE FROM files WHERE attached_at IS NULL AND created_at < ?", {before});
}

}  // namespace storage

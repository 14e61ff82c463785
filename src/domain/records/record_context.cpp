#include "domain/records/record_context.h"

#include <algorithm>
#include <cstdio>

#include "common/random.h"
#include "common/time_zone.h"
#include "domain/files/file.h"

namespace domain {

std::optional<StoredFile> TransactionFileResolver::Resolve(std::string_view key) {
  auto upload = tx_.files().FindByUploadKey(key);
  if (upload.ok() && *upload) {
    if (std::find(used_uploads_.begin(), used_uploads_.end(), key) != used_uploads_.end()) {
      return std::nullopt;
    }
    used_uploads_.emplace_back(key);
    const UploadedFile& f = **upload;
    std::string download = common::RandomHex(24);
    pending_.push_back({current_, f.id, download});
    return StoredFile{download, f.name, f.content_type, f.size};
  }
  // An existing attachment of this app may be attached again (copying a record).
  auto existing = tx_.files().FindByDownloadKey(key);
  if (existing.ok() && *existing && (*existing)->app_id == app_) {
    const UploadedFile& f = **existing;
    return StoredFile{f.download_key, f.name, f.content_type, f.size};
  }
  return std::nullopt;
}

common::Status TransactionFileResolver::Attach(size_t index, int64_t record) {
  for (const Pending& p : pending_) {
    if (p.index != index) continue;
    TK_RETURN_IF_ERROR(tx_.files().Attach(p.file_id, p.download_key, app_, record, 0, now_));
  }
  return common::Status::Ok();
}

query::QueryContext MakeQueryContext(const Principal& who, int64_t now,
                                     const query::EntityResolver& entities,
                                     const RecordOptions& options) {
  query::QueryContext qc;
  qc.login_user_id = who.user_id;
  qc.time_zone = who.time_zone;
  qc.now_seconds = now;
  qc.primary_organization_id = who.primary_organization_id;
  qc.entities = &entities;
  qc.max_limit = options.max_limit;
  qc.max_offset = options.max_offset;
  return qc;
}

std::pair<std::string, std::string> LocalToday(const std::string& time_zone, int64_t now) {
  auto zone = common::TimeZone::Find(time_zone);
  common::LocalDateTime local = (zone ? *zone : common::TimeZone::Utc()).ToLocal(now);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%02d:%02d", local.hour, local.minute);
  return {common::FormatDate(local.date), hm};
}

}  // namespace domain

// Internal to the records service: an opened app (live form, schema), the per-request write
// context (time in the caller's zone, file attachments), and JSON assembly of records.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/apps/app.h"
#include "domain/apps/form_service.h"
#include "domain/fields/file_resolver.h"
#include "domain/permissions/access.h"
#include "domain/records/record_repository.h"
#include "domain/records/record_service.h"
#include "query/schema.h"

namespace domain {

struct RecordService::AppContext {
  App app;
  std::shared_ptr<const LiveForm> live;
  RecordSchema schema;
  AppAccess access;                // the caller's rights on the app, its records and fields
  const Principal* who = nullptr;  // the caller (field rules that depend on the record)
};

// Whether an answer with `fields` (nullopt: all) shows a SUBTABLE, whose rows must then be read.
bool NeedsTables(const FieldSet& form, const std::optional<std::vector<std::string>>& fields);

// Resolves FILE values' keys inside one write transaction: an upload key becomes a new
// download key; attachments are recorded once the record id is known (Attach).
class TransactionFileResolver final : public FileResolver {
 public:
  TransactionFileResolver(Transaction& tx, int64_t app, int64_t now)
      : tx_(tx), app_(app), now_(now) {}
  std::optional<StoredFile> Resolve(std::string_view file_key) override;
  // Files resolved from now on belong to the batch's record `index`.
  void BeginRecord(size_t index) { current_ = index; }
  // Attaches the files of the batch's record `index` to the stored record `record`.
  common::Status Attach(size_t index, int64_t record);

 private:
  Transaction& tx_;
  int64_t app_;
  int64_t now_;
  struct Pending {
    size_t index;
    int64_t file_id;
    std::string download_key;
  };
  std::vector<Pending> pending_;
  size_t current_ = 0;
  std::vector<std::string> used_uploads_;  // an upload key attaches once
};

// The query context of `who` at `now` (LOGINUSER(), TODAY() in their zone, entity codes).
query::QueryContext MakeQueryContext(const Principal& who, int64_t now,
                                     const query::EntityResolver& entities,
                                     const RecordOptions& options);

// Today's date and the time of day in `time_zone` at `now` ("YYYY-MM-DD", "HH:MM").
std::pair<std::string, std::string> LocalToday(const std::string& time_zone, int64_t now);

}  // namespace domain

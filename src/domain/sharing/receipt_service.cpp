#include "domain/sharing/receipt_service.h"

#include <unordered_set>

#include "domain/apps/app_repository.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"
#include "domain/sharing/public_page.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Status;

namespace {
constexpr std::string_view kKind = "receipt";
// Hand-typed numbers ahead of the counter are skipped; this many in a row means the format
// has run out (e.g. a two-digit sequence past 99), which is the operator's to fix.
constexpr int kMaxSkippedReceipts = 1000;
}  // namespace

Result<std::optional<ReceiptFormat>> LoadReceiptFormat(Transaction& tx, int64_t app,
                                                       const FieldSet& form) {
  TK_ASSIGN_OR_RETURN(auto doc, tx.apps().LoadSettings(app, Stage::kLive, kKind));
  if (!doc || doc->empty()) return std::optional<ReceiptFormat>();
  auto format = ReceiptFormat::FromJson(*doc, form);
  if (!format.ok()) return std::optional<ReceiptFormat>();
  return std::optional<ReceiptFormat>(std::move(format).value());
}

Result<std::vector<std::string>> IssueReceiptNumbers(Transaction& tx, const RecordSchema& schema,
                                                     const std::optional<ReceiptFormat>& format,
                                                     const std::string& local_date,
                                                     std::vector<StoredRecord>& records) {
  std::vector<std::string> issued(records.size());
  if (!format) return issued;
  const FieldDef* field = schema.form.FindTopLevel(format->field);
  if (!field) return issued;
  std::string period = format->Period(local_date);
  // Numbers given by the caller in this batch: the unique check has compared them with the
  // stored records already, but not with the numbers issued here.
  std::unordered_set<std::string> given;
  for (const StoredRecord& r : records) {
    if (std::string own = ReceiptOf(*format, r); !own.empty()) given.insert(std::move(own));
  }
  for (size_t i = 0; i < records.size(); ++i) {
    StoredRecord& r = records[i];
    issued[i] = ReceiptOf(*format, r);
    if (!issued[i].empty()) continue;  // given by the caller (e.g. an import)
    for (int skipped = 0;; ++skipped) {
      if (skipped == kMaxSkippedReceipts) {
        return common::Error::Invalid(format->field, common::Text::kReceiptNumbersExhausted);
      }
      TK_ASSIGN_OR_RETURN(int64_t sequence, tx.sharing().NextReceiptSequence(schema.app, period));
      issued[i] = format->Format(period, sequence);
      if (given.contains(issued[i])) continue;
      TK_ASSIGN_OR_RETURN(auto holder,
                          tx.records().FindIdByValue(schema, *field, json::value(issued[i])));
      if (!holder) break;
    }
    r.fields[format->field] = json::object{{"type", "SINGLE_LINE_TEXT"}, {"value", issued[i]}};
  }
  return issued;
}

std::string ReceiptOf(const ReceiptFormat& format, const StoredRecord& record) {
  const json::value* f = record.fields.if_contains(format.field);
  const json::value* v = f && f->is_object() ? f->as_object().if_contains("value") : nullptr;
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

Result<std::optional<ReceiptFormat>> ReceiptService::Get(const Principal& who, int64_t app_id) {
  std::optional<ReceiptFormat> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, app_id, true));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
    TK_ASSIGN_OR_RETURN(out, LoadReceiptFormat(tx, app.id, live->form));
    return Status::Ok();
  }));
  return out;
}

Status ReceiptService::Put(const Principal& who, int64_t app_id, const json::value& body) {
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, app_id, true));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    json::object stored;
    if (!body.is_null()) {
      if (!body.is_object()) return Error::Invalid("format", common::Text::kBadValueShape);
      TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
      TK_ASSIGN_OR_RETURN(ReceiptFormat f, ReceiptFormat::FromJson(body.as_object(), live->form));
      stored = f.ToJson();
    }
    // Both stages, so that a deploy (preview over live) keeps it.
    TK_RETURN_IF_ERROR(tx.apps().SaveSettings(app.id, Stage::kPreview, kKind, stored));
    return tx.apps().SaveSettings(app.id, Stage::kLive, kKind, stored);
  });
}

}  // namespace domain

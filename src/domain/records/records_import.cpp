// RecordService::Import: a spreadsheet's rows into an existing app in one transaction —
// added, or with an update key updated where the key matches and added where it does not.
// Every row is checked and every problem of every row is reported at once (keys
// "records[i]…" with i the row's index in the request); nothing is stored unless all rows
// pass. A dry run does the whole import and rolls it back, so its answer is exactly what the
// real import would do (unique values across rows, receipt numbers, rights).
#include <algorithm>
#include <boost/json/serialize.hpp>
#include <set>

#include "domain/permissions/access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_service.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Status;
using common::Text;

namespace {

constexpr size_t kChunk = 100;  // rows validated and written together, as records.json does

// Adds `from`'s field errors to `into`, renumbering "records[i]…" to "records[row_of[i]]…".
void MergeRenumbered(Error& into, const Error& from, const std::vector<size_t>& row_of) {
  for (const common::FieldError& f : from.fields()) {
    std::string key = f.key;
    if (key.starts_with("records[")) {
      size_t close = key.find(']');
      size_t index = std::stoul(key.substr(8, close - 8));
      if (index < row_of.size())
        key = "records[" + std::to_string(row_of[index]) + key.substr(close);
    }
    for (const common::Message& m : f.messages) into.AddField(key, m);
  }
}

// The update key's value of a row as a JSON value, or null when the row leaves it empty.
json::value KeyValue(const json::object& row, const std::string& field) {
  const json::value* f = row.if_contains(field);
  const json::value* v = f && f->is_object() ? f->as_object().if_contains("value") : nullptr;
  if (!v || (v->is_string() && v->as_string().empty())) return nullptr;
  return *v;
}

// A record number as exported ("12", or with the app's prefix "APP-12"), or nullopt.
std::optional<int64_t> RecordIdOf(const json::value& key) {
  std::string text = key.is_string()  ? std::string(key.as_string())
                     : key.is_int64() ? std::to_string(key.as_int64())
                                      : "";
  size_t dash = text.rfind('-');
  if (dash != std::string::npos) text = text.substr(dash + 1);
  if (text.empty() || text.size() > 18 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  int64_t id = std::stoll(text);
  return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

}  // namespace

Result<ImportSummary> RecordService::Import(const Principal& who, int64_t app,
                                            const std::vector<json::object>& rows,
                                            const std::optional<std::string>& update_key,
                                            bool dry_run) {
  if (rows.empty()) return Error::Invalid("records", Text::kRequiredParam);
  if (rows.size() > options_.max_import_rows) {
    return Error::Invalid("records", Text::kTooManyImportRows,
                          {std::to_string(options_.max_import_rows)});
  }
  ImportSummary summary;
  bool rolled_back = false;
  Status status = db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kImport));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kAdd));
    if (update_key) TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kEdit));

    // The record number (kintone's export writes it) or "$id" updates by id, as kintone's CSV
    // import does; any other key must be a unique text or number field (UpdateIn checks).
    const FieldDef* key_def = update_key ? a.live->form.FindTopLevel(*update_key) : nullptr;
    bool by_id = update_key && (*update_key == "$id" ||
                                (key_def && key_def->type == common::FieldType::kRecordNumber));
    Error problems = Error::Validation();
    std::set<std::string> keys_seen;
    for (size_t start = 0; start < rows.size(); start += kChunk) {
      size_t end = std::min(rows.size(), start + kChunk);
      std::vector<json::object> adds;
      std::vector<std::string> add_bases;
      std::vector<RecordUpdate> updates;
      std::vector<size_t> update_rows;
      for (size_t i = start; i < end; ++i) {
        json::value key = update_key ? KeyValue(rows[i], *update_key) : json::value(nullptr);
        if (key.is_null()) {
          adds.push_back(rows[i]);
          add_bases.push_back("records[" + std::to_string(i) + "]");
          continue;
        }
        // Two rows with one key would update one record twice: the file is wrong.
        if (!keys_seen.insert(json::serialize(key)).second) {
          problems.AddField("records[" + std::to_string(i) + "]." + *update_key + ".value",
                            Text::kNotUnique);
          continue;
        }
        json::object record = rows[i];
        record.erase(*update_key);
        if (by_id) {
          std::optional<int64_t> id = RecordIdOf(key);
          if (!id) {
            problems.AddField("records[" + std::to_string(i) + "]." + *update_key + ".value",
                              Text::kBadValueShape);
            continue;
          }
          updates.push_back({id, std::nullopt, std::move(record), -1});
        } else {
          updates.push_back({std::nullopt, UpdateKey{*update_key, key}, std::move(record), -1});
        }
        update_rows.push_back(i);
      }
      if (!updates.empty()) {
        auto updated = UpdateIn(tx, who, a, updates, /*upsert=*/true, /*single=*/false);
        if (!updated.ok()) {
          if (!updated.error().has_fields()) return std::move(updated).error();
          // UpdateIn numbers its errors by position in `updates`: map back to the rows.
          MergeRenumbered(problems, updated.error(), update_rows);
        } else {
          for (const UpdatedRecord& u : *updated) (u.inserted ? summary.added : summary.updated)++;
        }
      }
      if (!adds.empty()) {
        auto added = AddIn(tx, who, a, adds, add_bases);
        if (!added.ok()) {
          if (!added.error().has_fields()) return std::move(added).error();
          problems.MergeFields(added.error());  // add_bases already carry row numbers
        } else {
          summary.added += static_cast<int64_t>(added->size());
        }
      }
    }
    if (problems.has_fields()) return problems;
    if (dry_run) {
      rolled_back = true;
      return Error::Internal("dry run: roll back");
    }
    return Status::Ok();
  });
  if (!status.ok() && !rolled_back) return std::move(status).error();
  summary.dry_run = dry_run;
  return summary;
}

}  // namespace domain

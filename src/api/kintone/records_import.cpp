// POST /api/records/import.json — Tsumiki's spreadsheet import (kintone imports CSV only in
// its UI): {"app", "records": [record, …] (at most 10,000 by default), "updateKey": field code
// (optional: rows whose key matches a record update it, the others are added),
// "dryRun": bool} → {"added", "updated", "dryRun"}. All rows or none; a CB_VA01 lists every
// row's problems with keys "records[i].<field>.value".
#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PostRecordsImport(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("records"));
  if (!list || list->empty()) return Error::Invalid("records", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(auto update_key, call.params.OptionalString("updateKey"));
  if (update_key && update_key->empty()) update_key.reset();
  TK_ASSIGN_OR_RETURN(auto dry_run, call.params.OptionalBool("dryRun"));
  std::vector<json::object> rows;
  rows.reserve(list->size());
  for (size_t i = 0; i < list->size(); ++i) {
    TK_ASSIGN_OR_RETURN(auto row, RecordObject(&(*list)[i], "records[" + std::to_string(i) + "]"));
    rows.push_back(std::move(row));
  }
  TK_ASSIGN_OR_RETURN(auto summary, s.records.Import(call.principal, app, rows, update_key,
                                                     dry_run.value_or(false)));
  return json::object{{"added", std::to_string(summary.added)},
                      {"updated", std::to_string(summary.updated)},
                      {"dryRun", summary.dry_run}};
}

}  // namespace api

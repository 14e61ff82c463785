#include "domain/records/record_history_service.h"

#include "domain/fields/date_time.h"
#include "domain/records/history_view.h"
#include "domain/records/record_repository.h"
#include "domain/records/viewable_record.h"

namespace domain {

namespace json = boost::json;
using common::Result;
using common::Status;

Result<json::object> RecordHistoryService::Get(const Principal& who, int64_t app, int64_t record,
                                               int64_t offset, int64_t limit) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(ViewableRecord r,
                        OpenViewableRecord(tx, forms_, directory_, clock_, who, app, record));
    RecordSchema schema{r.app.id, r.live->form, *r.live->codec, directory_};
    TK_ASSIGN_OR_RETURN(int64_t total, tx.records().CountHistory(schema, record));
    TK_ASSIGN_OR_RETURN(auto entries, tx.records().ListHistory(schema, record, offset, limit));
    for (HistoryEntry& e : entries) {
      if (!AddedWithoutRecord(e)) continue;
      // The oldest entry, so on the last page: the record as added, from the current one and
      // every update since.
      TK_ASSIGN_OR_RETURN(auto current, tx.records().Find(schema, record));
      TK_ASSIGN_OR_RETURN(auto all, tx.records().ListHistory(schema, record, 0, total));
      e.diff["after"] = RecordAsAdded(current ? current->fields : json::object{}, all);
    }
    json::array history;
    for (const HistoryEntry& e : entries) {
      auto user = directory_.FindUserById(e.user);
      history.push_back(json::object{{"revision", std::to_string(e.revision)},
                                     {"action", e.action},
                                     {"at", FormatDateTimeSeconds(e.at)},
                                     {"user", json::object{{"code", user ? user->code : ""},
                                                           {"name", user ? user->name : ""}}},
                                     {"changes", VisibleChanges(e, r.live->form, r.fields)}});
    }
    out = json::object{{"history", std::move(history)}, {"totalCount", std::to_string(total)}};
    return Status::Ok();
  }));
  return out;
}

}  // namespace domain

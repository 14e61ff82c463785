// RecordService cursors (§5.8): the matching ids are fixed at creation; each GET reads the
// next page's records fresh, extends the 10-minute lifetime, and the last page ends it.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/random.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"
#include "domain/records/cursor.h"
#include "domain/records/record_access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_repository.h"
#include "domain/records/record_service.h"
#include "query/first_match.h"
#include "query/sqlite_dialect.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

// The matching ids are selected in a read transaction (0.3 s for a million records); only
// storing them takes the writer.
Result<CursorCreated> RecordService::CreateCursor(
    const Principal& who, int64_t app, const std::optional<std::vector<std::string>>& fields,
    const std::string& text, int64_t size) {
  Cursor c;
  std::vector<int64_t> ids;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    int64_t now = clock_.NowSeconds();
    TK_ASSIGN_OR_RETURN(int64_t live, tx.cursors().CountLive(now));
    if (live >= options_.max_cursors) return Error(ErrorCode::kTooManyCursors);
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kView));
    DirectoryEntityResolver resolver(directory_);
    query::QueryContext qc = MakeQueryContext(who, now, resolver, options_);
    query::SqliteDialect dialect;
    VisibleFieldsLookup visible(*a.live, a.access);
    TK_ASSIGN_OR_RETURN(auto compiled, query::CompileCursorQuery(text, visible, qc, dialect));
    TK_ASSIGN_OR_RETURN(auto viewable,
                        RecordCondition(who, a.access, *a.live, directory_, qc, kAclView));
    if (viewable) query::RestrictTo(compiled, *viewable);
    TK_ASSIGN_OR_RETURN(ids, tx.records().SelectIds(a.schema, compiled));
    return Status::Ok();
  }));
  c.id = common::RandomUuid();
  c.app_id = app;
  c.user_id = who.user_id;
  if (fields) {
    json::array codes;
    for (const std::string& f : *fields) codes.emplace_back(f);
    c.fields = json::serialize(codes);
  }
  c.total = static_cast<int64_t>(ids.size());
  c.page_size = size;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    int64_t now = clock_.NowSeconds();
    TK_ASSIGN_OR_RETURN(int64_t live, tx.cursors().PurgeAndCount(now));
    if (live >= options_.max_cursors) return Error(ErrorCode::kTooManyCursors);
    c.expires_at = now + options_.cursor_idle_seconds;
    return tx.cursors().Insert(c, ids);
  }));
  return CursorCreated{c.id, c.total};
}

// A page is read in a read transaction and then taken with a compare-and-set of the position,
// so that an export reading a million records page by page does not hold the writer. A page
// another read of the same cursor took meanwhile is read again at the new position.
Result<CursorPage> RecordService::ReadCursor(const Principal& who, const std::string& id) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    CursorPage page;
    int64_t from = 0;
    int64_t to = 0;
    TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
      int64_t now = clock_.NowSeconds();
      TK_ASSIGN_OR_RETURN(auto cursor, tx.cursors().Find(id));
      // Another user's cursor is as unknown as an expired one.
      if (!cursor || cursor->expires_at <= now || cursor->user_id != who.user_id) {
        return Error(ErrorCode::kCursorNotFound);
      }
      TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, cursor->app_id));
      TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kView));
      std::optional<std::vector<std::string>> fields;
      if (!cursor->fields.empty()) {
        fields.emplace();
        boost::system::error_code ec;
        json::value v = json::parse(cursor->fields, ec);
        if (!ec && v.is_array()) {
          for (const json::value& f : v.as_array()) {
            if (f.is_string()) fields->emplace_back(f.as_string());
          }
        }
      }
      TK_ASSIGN_OR_RETURN(auto ids, tx.cursors().Ids(*cursor, cursor->position));
      std::vector<int64_t> shown = ids;
      if (a.access.restricts_records()) {
        // A record may have left the caller's view since the cursor was made.
        DirectoryEntityResolver resolver(directory_);
        query::QueryContext qc = MakeQueryContext(who, now, resolver, options_);
        TK_ASSIGN_OR_RETURN(auto allowed, RecordsAllowing(tx, who, a.access, *a.live, a.schema,
                                                          directory_, qc, ids, kAclView));
        std::erase_if(shown, [&](int64_t record) { return !allowed.count(record); });
      }
      TK_ASSIGN_OR_RETURN(
          auto rows, tx.records().FindRows(a.schema, shown, NeedsTables(a.live->form, fields)));
      WriteJson(a, rows, fields, false, page.records);
      from = cursor->position;
      to = cursor->position + static_cast<int64_t>(ids.size());
      page.next = to < cursor->total;
      return Status::Ok();
    }));
    bool taken = false;
    TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
      if (page.next) {
        TK_ASSIGN_OR_RETURN(
            taken,
            tx.cursors().Advance(id, from, to, clock_.NowSeconds() + options_.cursor_idle_seconds));
      } else {
        TK_ASSIGN_OR_RETURN(taken, tx.cursors().Delete(id, from));
      }
      return Status::Ok();
    }));
    if (taken) return page;
  }
  return Error(ErrorCode::kCursorNotFound);
}

Status RecordService::DeleteCursor(const Principal& who, const std::string& id) {
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto cursor, tx.cursors().Find(id));
    if (!cursor || cursor->expires_at <= clock_.NowSeconds() || cursor->user_id != who.user_id) {
      return Error(ErrorCode::kCursorNotFound);
    }
    TK_ASSIGN_OR_RETURN(bool deleted, tx.cursors().Delete(id));
    return deleted ? Status::Ok() : Status(Error(ErrorCode::kCursorNotFound));
  });
}

}  // namespace domain

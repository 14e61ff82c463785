// RecordService reads: one record, a query's page with optional total, and the shared
// opening of an app and the records' JSON text.
#include "domain/apps/app_service.h"
#include "domain/fields/record_header.h"
#include "domain/permissions/access.h"
#include "domain/records/record_access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_repository.h"
#include "domain/records/record_service.h"
#include "domain/records/record_text.h"
#include "query/compiled_query_cache.h"
#include "query/first_match.h"
#include "query/sqlite_dialect.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

Result<RecordService::AppContext> RecordService::Open(Transaction& tx, const Principal& who,
                                                      int64_t id) {
  TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, true));
  TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
  RecordSchema schema{app.id, live->form, *live->codec, directory_};
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, app, *live));
  return AppContext{std::move(app), std::move(live), schema, std::move(access), &who};
}

void RecordService::WriteJson(const AppContext& a, const std::vector<RecordRow>& rows,
                              const std::optional<std::vector<std::string>>& fields, bool single,
                              RecordsJson& out) const {
  std::shared_ptr<const RecordText> text = texts_.Get(a.live, a.app.code, fields);
  // About 60 bytes a field: one allocation for a page of common records.
  out.json.reserve(out.json.size() + 2 + rows.size() * (64 * a.live->form.fields().size() + 64));
  if (!single) out.json += '[';
  for (const RecordRow& r : rows) {
    if (out.count > 0) out.json += ',';
    ++out.count;
    std::optional<FieldRights> rights;
    if (a.access.restricts_fields()) {
      // Field rules may depend on the record's entity fields: read them as the rules see them.
      json::object all;
      a.schema.codec.ReadRecord(r.columns(), directory_, all);
      for (const RecordRow::TableRow& t : r.rows) {
        a.schema.codec.AppendRow(*t.table, t.id, t.columns(), directory_, all);
      }
      AppendRecordHeader(a.live->form, HeaderOf(r, directory_), a.live->features, a.app.code, all);
      rights = FieldRightsOn(*a.who, a.access, a.live->form, directory_,
                             RecordEntities{&all, r.creator, r.modifier});
    }
    if (text->Write(r, rights ? &*rights : nullptr, out.json)) out.ids.push_back(r.id);
  }
  if (!single) out.json += ']';
}

namespace {

// Compiled queries by shape, for every app and caller (the cache keys by live form and checks
// the caller's view of each field): a look-up by key has a new text every time, the same SQL.
query::CompiledQueryCache& QueryShapes() {
  static query::CompiledQueryCache cache;
  return cache;
}

}  // namespace

bool NeedsTables(const FieldSet& form, const std::optional<std::vector<std::string>>& fields) {
  for (const FieldDef& f : form.fields()) {
    if (f.type != common::FieldType::kSubtable) continue;
    if (!fields) return true;
    if (std::find(fields->begin(), fields->end(), f.code) != fields->end()) return true;
  }
  return false;
}

Result<RecordsJson> RecordService::Get(const Principal& who, int64_t app, int64_t id) {
  RecordsJson out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kView));
    TK_ASSIGN_OR_RETURN(auto rows, tx.records().FindRows(a.schema, {id}, true));
    if (rows.empty()) return Error(ErrorCode::kRecordNotFound, {std::to_string(id)});
    DirectoryEntityResolver resolver(directory_);
    query::QueryContext qc = MakeQueryContext(who, clock_.NowSeconds(), resolver, options_);
    TK_RETURN_IF_ERROR(
        RequireRecordsAllow(tx, who, a.access, *a.live, a.schema, directory_, qc, {id}, kAclView));
    WriteJson(a, rows, std::nullopt, true, out);
    return Status::Ok();
  }));
  return out;
}

Result<RecordsPage> RecordService::Query(const Principal& who, int64_t app,
                                         const std::optional<std::vector<std::string>>& fields,
                                         const std::string& text, bool total_count) {
  RecordsPage page;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(AppContext a, Open(tx, who, app));
    TK_RETURN_IF_ERROR(CheckRight(a.access, AppRight::kView));
    DirectoryEntityResolver resolver(directory_);
    query::QueryContext qc = MakeQueryContext(who, clock_.NowSeconds(), resolver, options_);
    query::SqliteDialect dialect;
    // Hidden fields are unknown to the caller's query; hidden records are outside it.
    VisibleFieldsLookup visible(*a.live, a.access);
    // A look-up by key has a new text every time and the same SQL: compiled once per shape.
    // (totalCount requests compile as before: the count's path is not this cache's concern.)
    TK_ASSIGN_OR_RETURN(auto compiled,
                        total_count ? query::CompileQuery(text, visible, qc, dialect)
                                    : QueryShapes().Compile(text, visible, qc, dialect, a.live));
    TK_ASSIGN_OR_RETURN(auto viewable,
                        RecordCondition(who, a.access, *a.live, directory_, qc, kAclView));
    if (viewable) query::RestrictTo(compiled, *viewable);
    TK_ASSIGN_OR_RETURN(
        auto rows, tx.records().SelectRows(a.schema, compiled, NeedsTables(a.live->form, fields)));
    WriteJson(a, rows, fields, false, page.records);
    if (total_count) {
      TK_ASSIGN_OR_RETURN(int64_t total, tx.records().Count(a.schema, compiled));
      page.total = total;
    }
    return Status::Ok();
  }));
  return page;
}

}  // namespace domain

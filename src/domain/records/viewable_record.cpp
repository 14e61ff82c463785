#include "domain/records/viewable_record.h"

#include "domain/apps/app_service.h"
#include "domain/records/record_access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_schema_lookup.h"

namespace domain {

using common::Error;
using common::ErrorCode;
using common::Result;

Result<ViewableRecord> OpenViewableRecord(Transaction& tx, FormService& forms,
                                          const EntityDirectory& directory,
                                          const common::Clock& clock, const Principal& who,
                                          int64_t app_id, int64_t record) {
  TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, app_id, true));
  TK_ASSIGN_OR_RETURN(auto live, forms.Live(tx, app));
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, app, *live));
  TK_RETURN_IF_ERROR(CheckRight(access, AppRight::kView));
  RecordSchema schema{app.id, live->form, *live->codec, directory};
  TK_ASSIGN_OR_RETURN(auto found, tx.records().FindMany(schema, {record}, false));
  if (found.empty()) return Error(ErrorCode::kRecordNotFound, {std::to_string(record)});
  DirectoryEntityResolver resolver(directory);
  query::QueryContext qc = MakeQueryContext(who, clock.NowSeconds(), resolver, {});
  TK_RETURN_IF_ERROR(
      RequireRecordsAllow(tx, who, access, *live, schema, directory, qc, {record}, kAclView));
  FieldRights fields =
      FieldRightsOn(who, access, live->form, directory,
                    RecordEntities{&found[0].fields, found[0].creator, found[0].modifier});
  return ViewableRecord{std::move(app), std::move(live), std::move(access), record,
                        std::move(fields)};
}

}  // namespace domain

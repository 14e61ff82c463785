// Tsumiki's own record endpoints: GET /api/record/history.json (a record's changes, newest
// first, paged) and GET /api/record/rights.json (what the signed-in user may do in the
// record form, for a record or, without `id`, for a new one).
#include "api/kintone/endpoints.h"
#include "domain/records/access_check_service.h"
#include "domain/records/record_history_service.h"

namespace api {

JsonResult GetRecordHistory(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  TK_ASSIGN_OR_RETURN(auto offset, call.params.OptionalInt("offset", 0, INT64_MAX / 2));
  TK_ASSIGN_OR_RETURN(auto limit,
                      call.params.OptionalInt("limit", 1, domain::RecordHistoryService::kMaxLimit));
  return s.history.Get(call.principal, app, id, offset.value_or(0), limit.value_or(20));
}

JsonResult GetRecordRights(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto id, call.params.OptionalId("id"));
  return s.access_checks.Rights(call.principal, app, id);
}

}  // namespace api

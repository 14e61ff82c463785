#include "api/kintone/endpoints.h"
#include "domain/records/record_service.h"

namespace api {

JsonResult GetRecord(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  return s.records.Get(call.principal, app, id);
}

}  // namespace api

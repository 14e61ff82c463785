#include "api/kintone/app_json.h"
#include "api/kintone/endpoints.h"
#include "domain/apps/app_service.h"

namespace api {

JsonResult GetApp(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  TK_ASSIGN_OR_RETURN(domain::App app, s.apps.Get(call.principal, id));
  return AppToJson(app);
}

}  // namespace api

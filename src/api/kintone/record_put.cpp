#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"

namespace api {

JsonResult PutRecord(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto update, ParseUpdate(call.params.values(), ""));
  TK_ASSIGN_OR_RETURN(auto updated, s.records.Update(call.principal, app, {update}, false, true));
  return boost::json::object{{"revision", std::to_string(updated[0].revision)}};
}

}  // namespace api

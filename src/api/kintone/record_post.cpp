#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"

namespace api {

JsonResult PostRecord(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto record, RecordObject(call.params.Find("record"), "record"));
  TK_ASSIGN_OR_RETURN(auto added, s.records.Add(call.principal, app, {std::move(record)}, true));
  return boost::json::object{{"id", std::to_string(added[0].id)},
                             {"revision", std::to_string(added[0].revision)}};
}

}  // namespace api

#include "api/kintone/endpoints.h"
#include "domain/records/record_service.h"

namespace api {

TextResult GetRecord(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t id, call.params.RequiredId("id"));
  TK_ASSIGN_OR_RETURN(auto record, s.records.Get(call.principal, app, id));
  JsonText out;
  out.body = R"({"record":)" + record.json + "}";
  out.shown = {record.count, std::move(record.ids)};
  return out;
}

}  // namespace api

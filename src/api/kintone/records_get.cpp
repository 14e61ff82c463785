#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"
#include "domain/records/record_service.h"

namespace api {

JsonResult GetRecords(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto fields, FieldList(call.params));
  TK_ASSIGN_OR_RETURN(auto query, call.params.OptionalString("query"));
  TK_ASSIGN_OR_RETURN(auto total, call.params.OptionalBool("totalCount"));
  TK_ASSIGN_OR_RETURN(auto page, s.records.Query(call.principal, app, fields, query.value_or(""),
                                                 total.value_or(false)));
  boost::json::object out{{"records", std::move(page.records)}};
  if (page.total) {
    out["totalCount"] = std::to_string(*page.total);
  } else {
    out["totalCount"] = nullptr;
  }
  return out;
}

}  // namespace api

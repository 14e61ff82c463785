#include "api/kintone/app_aggregate.h"

#include "api/params.h"
#include "domain/records/aggregate_service.h"

namespace api {

namespace json = boost::json;

JsonResult GetAppAggregate(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  // Query strings carry arrays as {"0": …}; a JSON body carries them as they are.
  json::object body;
  for (const char* name : {"groups", "aggregations", "filterCond"}) {
    if (const json::value* v = call.params.Find(name)) body[name] = NormalizeQsArrays(*v);
  }
  TK_ASSIGN_OR_RETURN(auto request, domain::ParseAggregateRequest(body));
  TK_ASSIGN_OR_RETURN(auto table, s.aggregates.Run(call.principal, app, request));
  return table.ToJson();
}

}  // namespace api

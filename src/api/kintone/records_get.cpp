#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"
#include "domain/records/record_service.h"

namespace api {

TextResult GetRecords(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto fields, FieldList(call.params));
  TK_ASSIGN_OR_RETURN(auto query, call.params.OptionalString("query"));
  TK_ASSIGN_OR_RETURN(auto total, call.params.OptionalBool("totalCount"));
  TK_ASSIGN_OR_RETURN(auto page, s.records.Query(call.principal, app, fields, query.value_or(""),
                                                 total.value_or(false)));
  JsonText out;
  out.body.reserve(page.records.json.size() + 48);
  out.body += R"({"records":)";
  out.body += page.records.json;
  out.body += R"(,"totalCount":)";
  out.body += page.total ? "\"" + std::to_string(*page.total) + "\"" : std::string("null");
  out.body += '}';
  out.shown = {page.records.count, std::move(page.records.ids)};
  return out;
}

}  // namespace api

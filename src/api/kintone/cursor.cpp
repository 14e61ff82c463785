// records/cursor.json: POST creates, GET reads the next page, DELETE ends it (§5.8).
#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"
#include "domain/records/record_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PostCursor(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto fields, FieldList(call.params));
  TK_ASSIGN_OR_RETURN(auto query, call.params.OptionalString("query"));
  TK_ASSIGN_OR_RETURN(auto size, call.params.OptionalInt("size", 1, 500));
  TK_ASSIGN_OR_RETURN(auto created, s.records.CreateCursor(call.principal, app, fields,
                                                           query.value_or(""), size.value_or(100)));
  return json::object{{"id", created.id}, {"totalCount", std::to_string(created.total)}};
}

TextResult GetCursor(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string id, call.params.RequiredString("id"));
  TK_ASSIGN_OR_RETURN(auto page, s.records.ReadCursor(call.principal, id));
  JsonText out;
  out.body =
      R"({"records":)" + page.records.json + R"(,"next":)" + (page.next ? "true" : "false") + "}";
  out.shown = {page.records.count, std::move(page.records.ids), !page.next};
  return out;
}

JsonResult DeleteCursor(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string id, call.params.RequiredString("id"));
  TK_RETURN_IF_ERROR(s.records.DeleteCursor(call.principal, id));
  return json::object{};
}

}  // namespace api

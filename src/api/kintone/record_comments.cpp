// GET record/comments.json, POST and DELETE record/comment.json (§5.9).
#include "api/kintone/endpoints.h"
#include "domain/comments/comment_service.h"

namespace api {

using common::Error;
using common::Text;

JsonResult GetRecordComments(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t record, call.params.RequiredId("record"));
  domain::CommentListRequest request;
  TK_ASSIGN_OR_RETURN(auto order, call.params.OptionalString("order"));
  if (order && *order != "asc" && *order != "desc") {
    return Error::Invalid("order", Text::kEnumValue);
  }
  request.ascending = order && *order == "asc";
  TK_ASSIGN_OR_RETURN(auto offset, call.params.OptionalInt("offset", 0, INT64_MAX / 2));
  TK_ASSIGN_OR_RETURN(auto limit, call.params.OptionalInt("limit", 1, 10));
  request.offset = offset.value_or(0);
  request.limit = limit.value_or(10);
  return s.comments.List(call.principal, app, record, request);
}

JsonResult PostRecordComment(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t record, call.params.RequiredId("record"));
  const boost::json::value* comment = call.params.Find("comment");
  if (!comment) return Error::Invalid("comment", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(int64_t id, s.comments.Add(call.principal, app, record, *comment));
  return boost::json::object{{"id", std::to_string(id)}};
}

JsonResult DeleteRecordComment(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(int64_t record, call.params.RequiredId("record"));
  TK_ASSIGN_OR_RETURN(int64_t comment, call.params.RequiredId("comment"));
  TK_RETURN_IF_ERROR(s.comments.Remove(call.principal, app, record, comment));
  return boost::json::object{};
}

}  // namespace api

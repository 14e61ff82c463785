// GET /api/public/form.json (the page) and POST /api/public/form/submit.json (a resident's
// application: JSON, or multipart with "token", "idempotencyKey", "record" (JSON) and one
// "file:<field code>" part per attachment).
#include <boost/json/parse.hpp>

#include "api/multipart.h"
#include "api/public/public_endpoints.h"
#include "domain/sharing/public_form_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult GetPublicForm(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string token, call.params.RequiredString("token"));
  return s.public_forms.Describe(token);
}

JsonResult PostPublicFormSubmission(Call& call, Services& s) {
  domain::PublicFormSubmission sub;
  sub.address = call.client_address;  // behind trusted proxies: the resident, not the proxy
  json::value record;
  if (auto boundary = MultipartBoundary(call.request.Header("Content-Type"))) {
    auto parts = ParseMultipart(call.request.body, *boundary);
    if (!parts) return Error::Invalid("record", Text::kBadValueShape);
    for (const FormPart& p : *parts) {
      if (p.name == "token")
        sub.token = std::string(p.data);
      else if (p.name == "idempotencyKey")
        sub.idempotency_key = std::string(p.data);
      else if (p.name == "record") {
        boost::system::error_code ec;
        record = json::parse(p.data, ec);
        if (ec) return Error(common::ErrorCode::kInvalidJson);
      } else if (p.name.starts_with("file:")) {
        sub.files.push_back({p.name.substr(5), p.filename, p.data});
      }
    }
  } else {
    TK_ASSIGN_OR_RETURN(sub.token, call.params.RequiredString("token"));
    TK_ASSIGN_OR_RETURN(auto key, call.params.OptionalString("idempotencyKey"));
    sub.idempotency_key = key.value_or("");
    if (const json::value* r = call.params.Find("record")) record = *r;
  }
  if (sub.token.empty()) return Error::Invalid("token", Text::kRequiredParam);
  if (!record.is_object()) return Error::Invalid("record", Text::kRequiredParam);
  sub.values = std::move(record.as_object());
  TK_ASSIGN_OR_RETURN(auto receipt, s.public_forms.Submit(sub));
  return json::object{{"receipt", receipt.receipt},
                      {"completionMessage", receipt.completion_message},
                      {"repeated", receipt.repeated}};
}

}  // namespace api

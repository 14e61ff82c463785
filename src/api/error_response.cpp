#include "api/error_response.h"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "api/json_response.h"
#include "common/log.h"
#include "common/random.h"

namespace api {

namespace json = boost::json;

json::object ErrorBody(const common::Error& error, common::Lang lang,
                       std::string_view request_id) {
  std::string id = common::RandomId();
  int status = common::HttpStatus(error.code());
  if (status >= 500 || !error.detail().empty()) {
    common::Log(status >= 500 ? common::LogLevel::kError : common::LogLevel::kDebug,
                "request " + std::string(request_id) + " error " + id + ": " + error.ToString());
  }
  json::object body;
  body["code"] = std::string(common::KintoneCode(error.code()));
  body["id"] = id;
  body["message"] = error.Message(lang);
  if (error.has_fields()) {
    json::object errors;
    for (const common::FieldError& f : error.fields()) {
      json::array messages;
      for (const common::Message& m : f.messages) messages.emplace_back(common::Render(m, lang));
      errors[f.key] = json::object{{"messages", std::move(messages)}};
    }
    body["errors"] = std::move(errors);
  }
  return body;
}

http::Response ErrorResponse(const common::Error& error, common::Lang lang,
                             std::string_view request_id) {
  int status = common::HttpStatus(error.code());
  http::Response r = JsonResponse(ErrorBody(error, lang, request_id), status);
  r.headers.emplace_back("X-Cybozu-Error", std::string(common::KintoneCode(error.code())));
  if (status == 429) r.headers.emplace_back("Cache-Control", "no-cache, no-store, must-revalidate");
  return r;
}

}  // namespace api

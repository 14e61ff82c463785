// POST bulkRequest.json (§5.11): up to 20 record writes, possibly across apps, in one
// transaction. On failure the HTTP status is the failing request's and `results` holds its
// error at its index and {} elsewhere.
#include "api/dispatcher.h"
#include "api/error_response.h"
#include "api/json_response.h"
#include "api/kintone/endpoints.h"
#include "domain/records/record_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

struct SubRequest {
  std::string method;
  std::string endpoint;
  json::object payload;
  bool guest = false;  // addressed through /k/guest/{id}/v1/
};

// The kintone endpoint a bulk entry may call, or nullptr.
JsonResult (*Target(const std::string& method, const std::string& endpoint))(Call&, Services&) {
  if (endpoint == "record.json") {
    if (method == "POST") return &PostRecord;
    if (method == "PUT") return &PutRecord;
  }
  if (endpoint == "records.json") {
    if (method == "POST") return &PostRecords;
    if (method == "PUT") return &PutRecords;
    if (method == "DELETE") return &DeleteRecords;
  }
  return nullptr;
}

// "/k/v1/records.json" or "/k/guest/3/v1/records.json" -> "records.json".
std::optional<std::string> EndpointName(std::string_view api) {
  if (api.starts_with("/k/v1/")) return std::string(api.substr(6));
  if (api.starts_with("/k/guest/")) {
    size_t v1 = api.find("/v1/", 9);
    if (v1 != std::string_view::npos) return std::string(api.substr(v1 + 4));
  }
  return std::nullopt;
}

}  // namespace

common::Result<http::Response> PostBulkRequest(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("requests"));
  if (!list || list->empty()) return Error::Invalid("requests", Text::kRequiredParam);
  if (list->size() > 20) return Error::Invalid("requests", Text::kBulkAtMost20);
  std::vector<SubRequest> requests;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string key = "requests[" + std::to_string(i) + "]";
    const json::value& v = (*list)[i];
    if (!v.is_object()) return Error::Invalid(key, Text::kNotObject);
    const json::object& o = v.as_object();
    const json::value* method = o.if_contains("method");
    const json::value* api = o.if_contains("api");
    const json::value* payload = o.if_contains("payload");
    if (!method || !method->is_string()) return Error::Invalid(key + ".method", Text::kRequiredParam);
    if (!api || !api->is_string()) return Error::Invalid(key + ".api", Text::kRequiredParam);
    if (!payload || !payload->is_object()) return Error::Invalid(key + ".payload", Text::kRequiredParam);
    auto name = EndpointName(api->as_string());
    if (!name || !Target(std::string(method->as_string()), *name)) {
      return Error::Invalid(key + ".api", Text::kEnumValue);
    }
    requests.push_back({std::string(method->as_string()), *name, payload->as_object(),
                        api->as_string().starts_with("/k/guest/")});
  }

  json::array results;
  std::optional<std::pair<size_t, Error>> failure;
  common::Status status = s.records.Atomically([&]() -> common::Status {
    for (size_t i = 0; i < requests.size(); ++i) {
      // As outside a batch: Tsumiki has no guest spaces yet, so a guest path names a normal
      // app, which kintone refuses with CB_NO02.
      if (requests[i].guest) {
        failure.emplace(i, Error(common::ErrorCode::kNoPrivilege));
        return Error(common::ErrorCode::kNoPrivilege);
      }
      Call sub{call.request, Params(requests[i].payload), call.principal, call.lang,
               call.guest_space, requests[i].method};
      auto result = Target(requests[i].method, requests[i].endpoint)(sub, s);
      if (!result.ok()) {
        failure.emplace(i, result.error());
        return std::move(result).error();
      }
      results.push_back(std::move(result).value());
    }
    return common::Status::Ok();
  });
  if (status.ok()) return JsonResponse(json::object{{"results", std::move(results)}});
  if (!failure) return std::move(status).error();
  // Not a plain error: the body lists every request, the failed one in its place.
  json::array bodies;
  for (size_t i = 0; i < requests.size(); ++i) {
    bodies.push_back(i == failure->first ? json::value(ErrorBody(failure->second, call.lang,
                                                                 call.request.request_id))
                                         : json::value(json::object()));
  }
  http::Response r = JsonResponse(json::object{{"results", std::move(bodies)}},
                                  common::HttpStatus(failure->second.code()));
  r.headers.emplace_back("X-Cybozu-Error", std::string(common::KintoneCode(failure->second.code())));
  return r;
}

}  // namespace api

#include "api/json_response.h"

#include <boost/json/serialize.hpp>

namespace api {

http::Response JsonResponse(const boost::json::object& body, int status) {
  return JsonResponse(boost::json::serialize(body), status);
}

http::Response JsonResponse(std::string body, int status) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers.emplace_back("Content-Type", "application/json;charset=utf-8");
  return r;
}

}  // namespace api

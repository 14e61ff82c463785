// Serialises a JSON body into an HTTP response with kintone's content type. Stateless.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "http/response.h"

namespace api {

http::Response JsonResponse(const boost::json::object& body, int status = 200);
// The same for a body already serialised.
http::Response JsonResponse(std::string body, int status = 200);

}  // namespace api

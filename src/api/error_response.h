// The only place an Error becomes kintone's JSON error body. Stateless.
#pragma once

#include <boost/json/object.hpp>

#include "common/error.h"
#include "http/response.h"

namespace api {

// {"code","id","message"[,"errors"]} with the registry's HTTP status, X-Cybozu-Error header;
// internal details go to the log with the request id, never to the client.
http::Response ErrorResponse(const common::Error& error, common::Lang lang,
                             std::string_view request_id);
// Just the JSON body of an error (bulkRequest nests it in `results`); logs like ErrorResponse.
boost::json::object ErrorBody(const common::Error& error, common::Lang lang,
                              std::string_view request_id);

}  // namespace api

// One kintone API call after parsing and authentication: what an endpoint works with.
// Lives for one request on one worker thread.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>

#include "api/params.h"
#include "common/result.h"
#include "domain/permissions/principal.h"
#include "http/request.h"
#include "http/response.h"

namespace api {

struct Call {
  const http::Request& request;
  Params params;
  domain::Principal principal;
  common::Lang lang = common::Lang::kJa;
  std::optional<int64_t> guest_space;  // set for /k/guest/{id}/v1/… paths
  std::string method;                  // after X-HTTP-Method-Override
  std::string client_address{};        // the peer, or the client behind a trusted proxy
};

// Most endpoints answer a JSON object; a few (file download) build the response themselves.
using JsonEndpoint = std::function<common::Result<boost::json::object>(Call&)>;
using RawEndpoint = std::function<common::Result<http::Response>(Call&)>;

// How an endpoint authenticates.
enum class Access {
  kAuthenticated,  // password, token or session
  kUserOnly,       // as kAuthenticated, but API tokens are refused (apps.json, app creation)
  kPublic,         // no credentials needed
};

}  // namespace api

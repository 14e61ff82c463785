// The one callback type of the http layer. Handlers may block (database work): the server
// runs them on its worker pool, several at once, so they must be thread-safe.
#pragma once

#include <functional>

#include "http/request.h"
#include "http/response.h"

namespace http {

using Handler = std::function<Response(const Request&)>;

}  // namespace http

// The whole route table of the API: every kintone endpoint and Tsumiki's /api/ extras.
#pragma once

#include "api/dispatcher.h"
#include "api/services.h"

namespace api {

void AddRoutes(Dispatcher& d, Services& s);

}  // namespace api

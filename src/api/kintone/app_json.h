// kintone's JSON shape of an app (app.json, apps.json). Stateless.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "domain/apps/app.h"

namespace api {

boost::json::object AppToJson(const domain::App& app);
// ISO 8601 with milliseconds in UTC: "2026-01-01T00:00:00.000Z".
std::string IsoMillis(int64_t ms);

}  // namespace api

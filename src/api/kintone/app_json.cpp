#include "api/kintone/app_json.h"

#include <ctime>


namespace api {

namespace json = boost::json;

std::string IsoMillis(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return buf;
}

namespace {

json::value OptionalId(const std::optional<int64_t>& v) {
  if (!v) return nullptr;
  return json::value(std::to_string(*v));
}

}  // namespace

json::object AppToJson(const domain::App& app) {
  return json::object{{"appId", std::to_string(app.id)},
                      {"code", app.code},
                      {"name", app.name},
                      {"description", app.description},
                      {"spaceId", OptionalId(app.space_id)},
                      {"threadId", OptionalId(app.thread_id)},
                      {"createdAt", IsoMillis(app.created_at_ms)},
                      {"creator", json::object{{"code", app.creator_code}, {"name", app.creator_name}}},
                      {"modifiedAt", IsoMillis(app.modified_at_ms)},
                      {"modifier", json::object{{"code", app.modifier_code}, {"name", app.modifier_name}}}};
}

}  // namespace api

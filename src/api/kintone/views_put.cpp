// PUT preview/app/views.json: the request describes the whole set of views; each gets a
// stable id, kept when a view of the same name already exists.
#include <boost/json/serialize.hpp>

#include "api/kintone/endpoints.h"
#include "common/utf8.h"
#include "domain/apps/app_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PutViews(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, call.params.OptionalInt("revision", -1, INT64_MAX));
  const json::value* views = call.params.Find("views");
  if (!views) return Error::Invalid("views", Text::kRequiredParam);
  if (!views->is_object()) return Error::Invalid("views", Text::kNotObject);
  TK_ASSIGN_OR_RETURN(auto current,
                      s.apps.GetSettings(call.principal, app, domain::Stage::kPreview, "views"));
  const json::object* existing = current.body.if_contains("views")
                                     ? current.body.at("views").if_object()
                                     : nullptr;
  // New views get ids above every id the app has used, so ids are never reused.
  int64_t next_id = 5000000;
  if (existing) {
    for (const auto& e : *existing) {
      if (e.value().is_object() && e.value().as_object().if_contains("id")) {
        if (auto n = AsInt(e.value().as_object().at("id"))) next_id = std::max(next_id, *n + 1);
      }
    }
  }
  Error errors = Error::Validation();
  json::object stored, ids;
  for (const auto& kv : views->as_object()) {
    std::string key(kv.key());
    std::string prefix = "views[" + key + "].";
    if (!kv.value().is_object()) {
      errors.AddField("views[" + key + "]", Text::kNotObject);
      continue;
    }
    json::object v = kv.value().as_object();
    const json::value* type = v.if_contains("type");
    static const char* kTypes[] = {"LIST", "CALENDAR", "CUSTOM"};
    bool type_ok = type && type->is_string() &&
                   std::any_of(std::begin(kTypes), std::end(kTypes),
                               [&](const char* t) { return type->as_string() == t; });
    if (!type) {
      errors.AddField(prefix + "type", Text::kRequired);
    } else if (!type_ok) {
      errors.AddField(prefix + "type", Text::kEnumValue);
    }
    if (!v.if_contains("index") || !AsInt(v.at("index"))) {
      errors.AddField(prefix + "index", Text::kRequired);
    }
    std::string name = v.if_contains("name") && v.at("name").is_string()
                           ? std::string(v.at("name").as_string())
                           : key;
    if (common::Utf8Length(name) > 64) errors.AddField(prefix + "name", Text::kTooLongParam, {"64"});
    std::string id;
    if (existing && existing->if_contains(key) && existing->at(key).is_object() &&
        existing->at(key).as_object().if_contains("id")) {
      const json::value& old_id = existing->at(key).as_object().at("id");
      id = old_id.is_string() ? std::string(old_id.as_string()) : json::serialize(old_id);
    } else {
      id = std::to_string(next_id++);
    }
    if (!type_ok) continue;
    json::object out{{"type", type->as_string()},
                     {"name", name},
                     {"id", id},
                     {"index", std::to_string(v.if_contains("index") && AsInt(v.at("index"))
                                                  ? *AsInt(v.at("index"))
                                                  : 0)},
                     {"filterCond", v.if_contains("filterCond") ? v.at("filterCond") : json::value("")},
                     {"sort", v.if_contains("sort") ? v.at("sort") : json::value("")}};
    if (type->as_string() == "LIST") {
      out["fields"] = v.if_contains("fields") ? v.at("fields") : json::array();
    } else if (type->as_string() == "CALENDAR") {
      out["date"] = v.if_contains("date") ? v.at("date") : json::value("");
      out["title"] = v.if_contains("title") ? v.at("title") : json::value("");
    } else {
      out["html"] = v.if_contains("html") ? v.at("html") : json::value("");
      out["pager"] = v.if_contains("pager") ? v.at("pager") : json::value(true);
      out["device"] = v.if_contains("device") ? v.at("device") : json::value("DESKTOP");
    }
    stored[key] = std::move(out);
    ids[key] = json::object{{"id", id}};
  }
  if (errors.has_fields()) return errors;
  TK_ASSIGN_OR_RETURN(int64_t new_revision,
                      s.apps.PutSettings(call.principal, app, "views",
                                         json::object{{"views", std::move(stored)}}, false, revision));
  return json::object{{"views", std::move(ids)}, {"revision", std::to_string(new_revision)}};
}

}  // namespace api

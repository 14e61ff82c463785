// PUT preview/app/reports.json and preview/app/actions.json (§7.10, §7.11): the request
// describes the whole set keyed by name; each entry gets a stable id, kept while an entry of
// that name exists, and the answer lists the ids as kintone's does.
#include <algorithm>
#include <boost/json/serialize.hpp>

#include "api/kintone/endpoints.h"
#include "domain/apps/app_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PutNamedSettings(Call& call, Services& s, const std::string& kind) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, call.params.OptionalInt("revision", -1, INT64_MAX));
  const json::value* entries = call.params.Find(kind);
  if (!entries) return Error::Invalid(kind, Text::kRequiredParam);
  if (!entries->is_object()) return Error::Invalid(kind, Text::kNotObject);
  TK_ASSIGN_OR_RETURN(auto current,
                      s.apps.GetSettings(call.principal, app, domain::Stage::kPreview, kind));
  const json::object* existing =
      current.body.contains(kind) ? current.body.at(kind).if_object() : nullptr;
  auto id_of = [](const json::value& entry) -> std::optional<std::string> {
    const json::value* id = entry.is_object() ? entry.as_object().if_contains("id") : nullptr;
    if (!id) return std::nullopt;
    return id->is_string() ? std::string(id->as_string()) : json::serialize(*id);
  };
  // New entries get ids above every id in use, so an id never names two entries.
  int64_t next_id = 1;
  if (existing) {
    for (const auto& e : *existing) {
      if (auto id = id_of(e.value()); id) {
        if (auto n = AsInt(json::value(*id))) next_id = std::max(next_id, *n + 1);
      }
    }
  }
  Error errors = Error::Validation();
  json::object stored, ids;
  for (const auto& kv : entries->as_object()) {
    std::string name(kv.key());
    if (!kv.value().is_object()) {
      errors.AddField(kind + "[" + name + "]", Text::kNotObject);
      continue;
    }
    json::object entry = kv.value().as_object();
    std::optional<std::string> id;
    if (existing && existing->contains(name)) id = id_of(existing->at(name));
    if (!id) id = std::to_string(next_id++);
    entry["id"] = *id;
    if (!entry.contains("name")) entry["name"] = name;
    if (const json::value* index = entry.if_contains("index")) {
      if (auto n = AsInt(*index)) entry["index"] = std::to_string(*n);
    }
    stored[name] = std::move(entry);
    ids[name] = json::object{{"id", *id}};
  }
  if (errors.has_fields()) return errors;
  TK_ASSIGN_OR_RETURN(int64_t new_revision,
                      s.apps.PutSettings(call.principal, app, kind,
                                         json::object{{kind, std::move(stored)}}, false, revision));
  return json::object{{kind, std::move(ids)}, {"revision", std::to_string(new_revision)}};
}

}  // namespace api

#include "api/kintone/app_json.h"
#include "api/kintone/endpoints.h"
#include "domain/apps/app_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

// A list parameter of at most 100 elements, each converted by `convert`.
template <typename T, typename F>
common::Status ReadList(const Params& p, std::string_view name, std::vector<T>& out, F convert) {
  TK_ASSIGN_OR_RETURN(auto list, p.OptionalArray(name));
  if (!list) return common::Status::Ok();
  if (list->size() > 100) return Error::Invalid(std::string(name), Text::kTooManyItems, {"100"});
  for (size_t i = 0; i < list->size(); ++i) {
    auto v = convert((*list)[i]);
    if (!v) return Error::Invalid(std::string(name) + "[" + std::to_string(i) + "]", Text::kNotInteger);
    out.push_back(*v);
  }
  return common::Status::Ok();
}

}  // namespace

JsonResult GetApps(Call& call, Services& s) {
  domain::AppFilter f;
  TK_RETURN_IF_ERROR(ReadList(call.params, "ids", f.ids, [](const json::value& v) {
    auto n = AsInt(v);
    return n && *n >= 1 ? n : std::nullopt;
  }));
  TK_RETURN_IF_ERROR(ReadList(call.params, "codes", f.codes, [](const json::value& v) {
    return v.is_string() ? std::optional<std::string>(std::string(v.as_string())) : std::nullopt;
  }));
  TK_RETURN_IF_ERROR(ReadList(call.params, "spaceIds", f.space_ids, [](const json::value& v) {
    auto n = AsInt(v);
    return n && *n >= 1 ? n : std::nullopt;
  }));
  TK_ASSIGN_OR_RETURN(auto name, call.params.OptionalString("name"));
  if (name) f.name = *name;
  TK_ASSIGN_OR_RETURN(auto limit, call.params.OptionalInt("limit", 1, 100));
  TK_ASSIGN_OR_RETURN(auto offset, call.params.OptionalInt("offset", 0, 2147483647));
  if (limit) f.limit = *limit;
  if (offset) f.offset = *offset;
  TK_ASSIGN_OR_RETURN(auto apps, s.apps.List(call.principal, f));
  json::array out;
  for (const domain::App& a : apps) out.push_back(AppToJson(a));
  return json::object{{"apps", std::move(out)}};
}

}  // namespace api

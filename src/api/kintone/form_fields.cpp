// GET/POST/PUT/DELETE (preview/)app/form/fields.json and (preview/)app/form/layout.json (§7.2-7.3).
#include "api/kintone/endpoints.h"
#include "domain/apps/form_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

common::Result<std::optional<int64_t>> Revision(const Params& p) {
  return p.OptionalInt("revision", -1, INT64_MAX);
}

}  // namespace

JsonResult GetFormFields(Call& call, Services& s, domain::Stage stage) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto r, s.forms.GetFields(call.principal, app, stage));
  return json::object{{"properties", std::move(r.properties)},
                      {"revision", std::to_string(r.revision)}};
}

JsonResult PostFormFields(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, Revision(call.params));
  const json::value* properties = call.params.Find("properties");
  if (!properties) return Error::Invalid("properties", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(int64_t r, s.forms.AddFields(call.principal, app, *properties, revision));
  return json::object{{"revision", std::to_string(r)}};
}

JsonResult PutFormFields(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, Revision(call.params));
  const json::value* properties = call.params.Find("properties");
  if (!properties) return Error::Invalid("properties", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(int64_t r, s.forms.UpdateFields(call.principal, app, *properties, revision));
  return json::object{{"revision", std::to_string(r)}};
}

JsonResult DeleteFormFields(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, Revision(call.params));
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("fields"));
  if (!list || list->empty()) return Error::Invalid("fields", Text::kRequiredParam);
  if (list->size() > 100) return Error::Invalid("fields", Text::kTooManyItems, {"100"});
  std::vector<std::string> codes;
  for (size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_string()) {
      return Error::Invalid("fields[" + std::to_string(i) + "]", Text::kNotString);
    }
    codes.emplace_back((*list)[i].as_string());
  }
  TK_ASSIGN_OR_RETURN(int64_t r, s.forms.DeleteFields(call.principal, app, codes, revision));
  return json::object{{"revision", std::to_string(r)}};
}

JsonResult GetFormLayout(Call& call, Services& s, domain::Stage stage) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto r, s.forms.GetLayout(call.principal, app, stage));
  json::object out = std::move(r.properties);
  out["revision"] = std::to_string(r.revision);
  return out;
}

JsonResult PutFormLayout(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto revision, Revision(call.params));
  const json::value* layout = call.params.Find("layout");
  if (!layout) return Error::Invalid("layout", Text::kRequiredParam);
  TK_ASSIGN_OR_RETURN(int64_t r, s.forms.PutLayout(call.principal, app, *layout, revision));
  return json::object{{"revision", std::to_string(r)}};
}

}  // namespace api

#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PutRecords(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("records"));
  if (!list) return Error::Invalid("records", Text::kRequiredParam);
  if (list->size() > 100) return Error::Invalid("records", Text::kUpdateAtMost100);
  TK_ASSIGN_OR_RETURN(auto upsert, call.params.OptionalBool("upsert"));
  std::vector<domain::RecordUpdate> updates;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string prefix = "records[" + std::to_string(i) + "].";
    if (!(*list)[i].is_object()) return Error::Invalid("records[" + std::to_string(i) + "]", Text::kNotObject);
    TK_ASSIGN_OR_RETURN(auto u, ParseUpdate((*list)[i].as_object(), prefix));
    updates.push_back(std::move(u));
  }
  json::array out;
  if (!updates.empty()) {
    TK_ASSIGN_OR_RETURN(auto updated, s.records.Update(call.principal, app, updates,
                                                       upsert.value_or(false), false));
    for (const auto& u : updated) {
      json::object o{{"id", std::to_string(u.id)}, {"revision", std::to_string(u.revision)}};
      if (upsert.value_or(false)) o["operation"] = u.inserted ? "INSERT" : "UPDATE";
      out.push_back(std::move(o));
    }
  }
  return json::object{{"records", std::move(out)}};
}

}  // namespace api

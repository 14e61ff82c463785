#include "api/kintone/endpoints.h"
#include "api/kintone/record_body.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult PostRecords(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("records"));
  if (!list) return Error::Invalid("records", Text::kRequiredParam);
  if (list->size() > 100) return Error::Invalid("records", Text::kAddAtMost100);
  std::vector<json::object> records;
  for (size_t i = 0; i < list->size(); ++i) {
    TK_ASSIGN_OR_RETURN(auto r, RecordObject(&(*list)[i], "records[" + std::to_string(i) + "]"));
    records.push_back(std::move(r));
  }
  json::array ids, revisions;
  if (!records.empty()) {
    TK_ASSIGN_OR_RETURN(auto added, s.records.Add(call.principal, app, records, false));
    for (const auto& a : added) {
      ids.emplace_back(std::to_string(a.id));
      revisions.emplace_back(std::to_string(a.revision));
    }
  }
  return json::object{{"ids", std::move(ids)}, {"revisions", std::move(revisions)}};
}

}  // namespace api

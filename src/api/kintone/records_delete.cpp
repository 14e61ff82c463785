#include "api/kintone/endpoints.h"
#include "domain/records/record_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult DeleteRecords(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(int64_t app, call.params.RequiredId("app"));
  TK_ASSIGN_OR_RETURN(auto list, call.params.OptionalArray("ids"));
  if (!list || list->empty()) {
    Error e = Error::Validation();
    e.AddField("ids", call.lang == common::Lang::kJa ? Text::kRequiredParam : Text::kDeleteBetween1And100);
    e.AddField("ids", call.lang == common::Lang::kJa ? Text::kDeleteBetween1And100 : Text::kRequiredParam);
    return e;
  }
  if (list->size() > 100) return Error::Invalid("ids", Text::kDeleteBetween1And100);
  std::vector<int64_t> ids;
  for (size_t i = 0; i < list->size(); ++i) {
    auto id = AsInt((*list)[i]);
    if (!id || *id < 1) return Error::Invalid("ids[" + std::to_string(i) + "]", Text::kMinOne);
    ids.push_back(*id);
  }
  std::vector<std::optional<int64_t>> revisions;
  TK_ASSIGN_OR_RETURN(auto revs, call.params.OptionalArray("revisions"));
  if (revs) {
    for (size_t i = 0; i < revs->size(); ++i) {
      const json::value& v = (*revs)[i];
      if (v.is_null() || (v.is_string() && v.as_string().empty())) {
        revisions.emplace_back();
        continue;
      }
      auto r = AsInt(v);
      if (!r) return Error::Invalid("revisions[" + std::to_string(i) + "]", Text::kNotInteger);
      revisions.emplace_back(*r);
    }
  }
  TK_RETURN_IF_ERROR(s.records.Delete(call.principal, app, ids, revisions));
  return json::object{};
}

}  // namespace api

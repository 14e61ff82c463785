#include "api/kintone/endpoints.h"
#include "common/utf8.h"
#include "domain/apps/app_service.h"

namespace api {

JsonResult PostPreviewApp(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string name, call.params.RequiredString("name"));
  if (name.empty()) return common::Error::Invalid("name", common::Text::kRequiredParam);
  if (common::Utf8Length(name) > 64) {
    return common::Error::Invalid("name", common::Text::kTooLongParam, {"64"});
  }
  TK_ASSIGN_OR_RETURN(auto space, call.params.OptionalId("space"));
  TK_ASSIGN_OR_RETURN(auto thread, call.params.OptionalId("thread"));
  TK_ASSIGN_OR_RETURN(auto created, s.apps.Create(call.principal, name, space, thread));
  return boost::json::object{{"app", std::to_string(created.app)},
                             {"revision", std::to_string(created.revision)}};
}

}  // namespace api

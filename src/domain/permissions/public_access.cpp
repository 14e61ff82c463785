#include "domain/permissions/public_access.h"

#include <algorithm>

#include "domain/permissions/access.h"

namespace domain {

using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

Status CheckPublicFormApp(const Principal& who, const App& app) {
  if (!who.public_form || who.public_form->app_id != app.id) return Error(ErrorCode::kNoPrivilege);
  return Status::Ok();
}

Result<AppAccess> PublicFormAccess(const Principal& who, const App& app) {
  TK_RETURN_IF_ERROR(CheckPublicFormApp(who, app));
  AppAccess access;
  access.rights = RightBit(AppRight::kAdd);
  return access;
}

Status CheckPublicFormFields(const Principal& who, const boost::json::object& record,
                             const std::string& base) {
  if (!who.public_form) return Status::Ok();
  const auto& allowed = who.public_form->fields;
  Error errors = Error::Validation();
  for (const auto& kv : record) {
    if (std::find(allowed.begin(), allowed.end(), kv.key()) == allowed.end()) {
      errors.AddField(base + "." + std::string(kv.key()), common::Text::kFieldNotPublishable,
                      {std::string(kv.key())});
    }
  }
  if (errors.has_fields()) return errors;
  return Status::Ok();
}

}  // namespace domain

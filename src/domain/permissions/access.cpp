#include "domain/permissions/access.h"

namespace domain {

using common::Error;
using common::ErrorCode;
using common::Status;

Status CheckAppRight(const Principal& who, const App& app, AppRight right) {
  if (who.via_token) {
    // Several tokens of the same app combine their rights.
    bool found = false;
    bool ok = false;
    for (const TokenGrant& g : who.tokens) {
      if (g.app_id != app.id) continue;
      found = true;
      switch (right) {
        case AppRight::kView:
        case AppRight::kExport:
          ok = ok || g.view;
          break;
        case AppRight::kAdd:
        case AppRight::kImport:
          ok = ok || g.add;
          break;
        case AppRight::kEdit:
          ok = ok || g.edit;
          break;
        case AppRight::kDelete:
          ok = ok || g.remove;
          break;
        case AppRight::kManage:
          ok = ok || g.manage;
          break;
      }
    }
    if (!found) return Error(ErrorCode::kTokenNotForApp);
    return ok ? Status::Ok() : Status(Error(ErrorCode::kTokenNoPermission));
  }
  if (right != AppRight::kManage) return Status::Ok();
  if (who.is_admin || who.user_id == app.creator) return Status::Ok();
  return Error(ErrorCode::kNoPrivilege);
}

Status CheckAppAccess(const Principal& who, const App& app) {
  if (!who.via_token) return Status::Ok();
  for (const TokenGrant& g : who.tokens) {
    if (g.app_id == app.id) return Status::Ok();
  }
  return Error(ErrorCode::kTokenNotForApp);
}

Status RequireUser(const Principal& who) {
  if (who.via_token) return Error(ErrorCode::kNoPrivilege);
  return Status::Ok();
}

Status RequireAdmin(const Principal& who) {
  if (who.via_token || !who.is_admin) return Error(ErrorCode::kNoPrivilege);
  return Status::Ok();
}

}  // namespace domain

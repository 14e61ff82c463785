#include "domain/permissions/access.h"

namespace domain {

using common::Error;
using common::ErrorCode;
using common::Status;

Status CheckAppRight(const Principal& who, const App& app, AppRight right) {
  if (who.via_token) {
    const TokenGrant* grant = nullptr;
    for (const TokenGrant& g : who.tokens) {
      if (g.app_id == app.id) grant = &g;
    }
    if (!grant) return Error(ErrorCode::kTokenNotForApp);
    bool ok = false;
    switch (right) {
      case AppRight::kView:
      case AppRight::kExport:
        ok = grant->view;
        break;
      case AppRight::kAdd:
      case AppRight::kImport:
        ok = grant->add;
        break;
      case AppRight::kEdit:
        ok = grant->edit;
        break;
      case AppRight::kDelete:
        ok = grant->remove;
        break;
      case AppRight::kManage:
        ok = grant->manage;
        break;
    }
    return ok ? Status::Ok() : Status(Error(ErrorCode::kTokenNoPermission));
  }
  if (right != AppRight::kManage) return Status::Ok();
  if (who.is_admin || who.user_id == app.creator) return Status::Ok();
  return Error(ErrorCode::kNoPrivilege);
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

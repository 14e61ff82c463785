#include "domain/permissions/access.h"

#include "domain/permissions/public_access.h"

#include "domain/permissions/acl_repository.h"

namespace domain {

using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

uint32_t RightBit(AppRight right) {
  switch (right) {
    case AppRight::kView:
      return kAclView;
    case AppRight::kAdd:
      return kAclAdd;
    case AppRight::kEdit:
      return kAclEdit;
    case AppRight::kDelete:
      return kAclDelete;
    case AppRight::kManage:
      return kAclManage;
    case AppRight::kImport:
      return kAclImport;
    case AppRight::kExport:
      return kAclExport;
  }
  return 0;
}

bool AppAccess::CanViewField(std::string_view code) const {
  auto it = fields.find(code);
  return it == fields.end() || (it->second & kAclView) != 0;
}

bool AppAccess::CanEditField(std::string_view code) const {
  auto it = fields.find(code);
  return it == fields.end() || (it->second & kAclEdit) != 0;
}

Result<AppAccess> ResolveAccess(Transaction& tx, const Principal& who, const App& app) {
  if (who.public_form) return PublicFormAccess(who, app);
  AppAccess access;
  if (who.via_token) {
    // Several tokens of the same app combine their rights; export and import follow view and add.
    access.via_token = true;
    bool found = false;
    for (const TokenGrant& g : who.tokens) {
      if (g.app_id != app.id) continue;
      found = true;
      if (g.view) access.rights |= kAclView | kAclExport;
      if (g.add) access.rights |= kAclAdd | kAclImport;
      if (g.edit) access.rights |= kAclEdit;
      if (g.remove) access.rights |= kAclDelete;
      if (g.manage) access.rights |= kAclManage;
    }
    if (!found) return Error(ErrorCode::kTokenNotForApp);
    return access;
  }
  TK_ASSIGN_OR_RETURN(auto acls, tx.acls().LoadLive(app));
  TK_ASSIGN_OR_RETURN(access.membership, tx.acls().MembershipOf(who.user_id));
  const Membership& m = *access.membership;
  access.rights = acls->app ? AppAclRights(*acls->app, m, app.creator)
                            : AppAclRights(DefaultAppAcl(), m, app.creator);
  if (who.is_admin) access.rights |= kAclManage;
  access.record_rules = RecordRulesForUser(acls->records, m);
  access.fields = FieldRightsForUser(acls->fields, m);
  return access;
}

Status CheckRight(const AppAccess& access, AppRight right) {
  if (access.has(RightBit(right))) return Status::Ok();
  return Error(access.via_token ? ErrorCode::kTokenNoPermission : ErrorCode::kNoPrivilege);
}

Status CheckAppRight(Transaction& tx, const Principal& who, const App& app, AppRight right) {
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, app));
  return CheckRight(access, right);
}

Status CheckAppAccess(const Principal& who, const App& app) {
  if (who.public_form) return CheckPublicFormApp(who, app);
  if (!who.via_token) return Status::Ok();
  for (const TokenGrant& g : who.tokens) {
    if (g.app_id == app.id) return Status::Ok();
  }
  return Error(ErrorCode::kTokenNotForApp);
}

Status CheckAppVisible(Transaction& tx, const Principal& who, const App& app) {
  if (who.via_token || who.public_form || who.is_admin) return CheckAppAccess(who, app);
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, app));
  if (access.rights == 0) return Error(ErrorCode::kNoPrivilege);
  return Status::Ok();
}

Status RequireUser(const Principal& who) {
  if (who.via_token || who.public_form) return Error(ErrorCode::kNoPrivilege);
  return Status::Ok();
}

Status RequireAdmin(const Principal& who) {
  if (who.via_token || !who.is_admin) return Error(ErrorCode::kNoPrivilege);
  return Status::Ok();
}

}  // namespace domain

#include "domain/permissions/access.h"

#include "domain/permissions/public_access.h"

#include "domain/apps/form_service.h"
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

bool FieldRights::CanView(std::string_view code) const {
  auto it = restricted.find(code);
  return it == restricted.end() || (it->second & kAclView) != 0;
}

bool FieldRights::CanEdit(std::string_view code) const {
  auto it = restricted.find(code);
  return it == restricted.end() || (it->second & kAclEdit) != 0;
}

namespace {

uint32_t OnEveryRecord(const AppAccess& access, std::string_view code) {
  if (!access.fields_resolved) return 0;
  auto it = access.fields.find(code);
  if (it == access.fields.end()) return kAclView | kAclEdit;
  uint32_t rights = kAclView | kAclEdit;
  for (const EntriesForUser& rule : it->second) rights &= rule.OnEveryRecord();
  return rights;
}

}  // namespace

bool AppAccess::CanViewField(std::string_view code) const {
  return (OnEveryRecord(*this, code) & kAclView) != 0;
}

bool AppAccess::CanEditField(std::string_view code) const {
  return (OnEveryRecord(*this, code) & kAclEdit) != 0;
}

FieldRights AppAccess::FieldsOn(const std::function<bool(const AclEntry&)>& names) const {
  FieldRights out;
  for (const auto& [code, rules] : fields) {
    uint32_t rights = kAclView | kAclEdit;
    for (const EntriesForUser& rule : rules) {
      uint32_t held = rule.otherwise;
      for (const AclEntry& e : rule.per_record) {
        if (names(e)) {
          held = e.rights;
          break;
        }
      }
      rights &= held;
    }
    out.restricted.emplace(code, rights);
  }
  return out;
}

namespace {

// The app-level part: token grants, or the live app ACL and record rules for a user.
Result<AppAccess> AppLevel(Transaction& tx, const Principal& who, const App& app,
                           std::shared_ptr<const AppAcls>* acls_out) {
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
  *acls_out = std::move(acls);
  return access;
}

}  // namespace

Result<AppAccess> ResolveAccess(Transaction& tx, const Principal& who, const App& app,
                                const LiveForm& live) {
  std::shared_ptr<const AppAcls> acls;
  TK_ASSIGN_OR_RETURN(AppAccess access, AppLevel(tx, who, app, &acls));
  if (!acls) return access;  // tokens and public forms: no field ACL applies
  auto rules = FieldRulesForUser(acls->fields, *access.membership);
  for (auto& [code, rule] : rules) {
    const FieldDef* f = live.form.FindTopLevel(code);
    if (f && f->type == common::FieldType::kGroup) continue;
    access.fields[code].push_back(rule);
  }
  // A group's rule also decides every field laid out inside the group, after the field's own.
  for (const auto& [field, group] : live.group_of) {
    auto it = rules.find(group);
    if (it != rules.end()) access.fields[field].push_back(it->second);
  }
  return access;
}

Result<AppAccess> ResolveAppRights(Transaction& tx, const Principal& who, const App& app) {
  std::shared_ptr<const AppAcls> acls;
  TK_ASSIGN_OR_RETURN(AppAccess access, AppLevel(tx, who, app, &acls));
  if (acls) access.fields_resolved = false;
  return access;
}

Status CheckRight(const AppAccess& access, AppRight right) {
  if (access.has(RightBit(right))) return Status::Ok();
  return Error(access.via_token ? ErrorCode::kTokenNoPermission : ErrorCode::kNoPrivilege);
}

Status CheckAppRight(Transaction& tx, const Principal& who, const App& app, AppRight right) {
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAppRights(tx, who, app));
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
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAppRights(tx, who, app));
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

// Access decisions for apps, records and fields, made once here for every path (API, UI,
// export…). A user's rights come from the app's live ACLs (kintone's default list when the
// app ACL was never changed: the creator may do everything, everyone may view, add, edit,
// delete, import and export); administrators always keep app management. API tokens act
// within their granted rights only: as in kintone, the user ACLs do not apply to them.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/permissions/acl_evaluation.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

enum class AppRight { kView, kAdd, kEdit, kDelete, kManage, kImport, kExport };

// The caller's effective access to one app. Plain value.
struct AppAccess {
  bool via_token = false;
  uint32_t rights = 0;  // app-level AclRight bits (tokens: their grants mapped to bits)
  std::vector<RecordRuleForUser> record_rules;          // empty: every record as the app rights say
  std::map<std::string, uint32_t, std::less<>> fields;  // restricted fields only
  std::shared_ptr<const Membership> membership;         // users only

  bool has(uint32_t bit) const { return (rights & bit) != 0; }
  bool restricts_records() const { return !record_rules.empty(); }
  bool CanViewField(std::string_view code) const;
  bool CanEditField(std::string_view code) const;
};

// Resolves `who`'s access to `app` (live ACLs). GAIA_IA02 for a token of another app.
common::Result<AppAccess> ResolveAccess(Transaction& tx, const Principal& who, const App& app);

// OK, or CB_NO02 (user), GAIA_NO01 (token lacking the right).
common::Status CheckRight(const AppAccess& access, AppRight right);
// ResolveAccess + CheckRight.
common::Status CheckAppRight(Transaction& tx, const Principal& who, const App& app, AppRight right);
// The app is addressable by `who` at all: any user, or a token granted on this app with any
// right (GAIA_IA02 otherwise). Endpoints then check the right they need.
common::Status CheckAppAccess(const Principal& who, const App& app);
// The app's live definition (app.json, fields, layout, views, settings) may be read by `who`:
// a user holding any right on it (as apps.json lists it), an administrator, or a token or
// public form CheckAppAccess let through. CB_NO02 otherwise, so a user without rights does
// not learn an app's fields.
common::Status CheckAppVisible(Transaction& tx, const Principal& who, const App& app);
// For endpoints that accept no API tokens (apps.json, creating apps): CB_NO02 for tokens.
common::Status RequireUser(const Principal& who);
common::Status RequireAdmin(const Principal& who);

uint32_t RightBit(AppRight right);

}  // namespace domain

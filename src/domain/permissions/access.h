// Access decisions for apps and records, made once here for every path (API, UI, export…).
// Until app ACLs are editable (the permissions issue) every app uses kintone's default ACL:
// the app's creator and administrators may do everything; everyone may view, add, edit,
// delete, import and export records. API tokens never exceed their granted rights.
#pragma once

#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/permissions/principal.h"

namespace domain {

enum class AppRight { kView, kAdd, kEdit, kDelete, kManage, kImport, kExport };

// OK, or CB_NO02 (user), GAIA_IA02 (token of another app) / GAIA_NO01 (token lacking a right).
common::Status CheckAppRight(const Principal& who, const App& app, AppRight right);
// The app is addressable by `who` at all: any user, or a token granted on this app with any
// right (GAIA_IA02 otherwise). Endpoints then check the right they need.
common::Status CheckAppAccess(const Principal& who, const App& app);
// For endpoints that accept no API tokens (apps.json, creating apps): CB_NO02 for tokens.
common::Status RequireUser(const Principal& who);
common::Status RequireAdmin(const Principal& who);

}  // namespace domain

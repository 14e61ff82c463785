// Access decisions for apps, records and fields, made once here for every path (API, UI,
// export…). A user's rights come from the app's live ACLs (kintone's default list when the
// app ACL was never changed: the creator may do everything, everyone may view, add, edit,
// delete, import and export); administrators always keep app management. API tokens act
// within their granted rights only: as in kintone, the user ACLs do not apply to them.
#pragma once

#include <functional>
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

struct LiveForm;

// The caller's rights on the fields of one record: kAclView/kAclEdit bits per top-level field
// a rule restricts (fields not listed are fully accessible). Plain value.
struct FieldRights {
  std::map<std::string, uint32_t, std::less<>> restricted;

  bool CanView(std::string_view code) const;
  bool CanEdit(std::string_view code) const;
};

// The caller's effective access to one app. Plain value.
struct AppAccess {
  bool via_token = false;
  uint32_t rights = 0;  // app-level AclRight bits (tokens: their grants mapped to bits)
  std::vector<RecordRuleForUser> record_rules;  // empty: every record as the app rights say
  // Restricted top-level fields -> the rules deciding them for the caller: the field's own and,
  // for a field laid out inside a field group, the group's; each of them must allow.
  std::map<std::string, std::vector<EntriesForUser>, std::less<>> fields;
  // false when resolved for the app rights only (ResolveAppRights): every field reads hidden.
  bool fields_resolved = true;
  std::shared_ptr<const Membership> membership;  // users only

  bool has(uint32_t bit) const { return (rights & bit) != 0; }
  bool restricts_records() const { return !record_rules.empty(); }
  bool restricts_fields() const { return !fields_resolved || !fields.empty(); }
  // Whether the field may be viewed / edited on every record. A field whose rule depends on
  // the record (FIELD_ENTITY, CREATOR) counts as hidden where no record decides: in query
  // filters and sorts, aggregates and look-ups, so its values cannot be inferred.
  bool CanViewField(std::string_view code) const;
  bool CanEditField(std::string_view code) const;
  // The rights on one record; `names(e)` says whether that record names the caller in the
  // entity field of the record-dependent entry `e`.
  FieldRights FieldsOn(const std::function<bool(const AclEntry&)>& names) const;
};

// Resolves `who`'s access to `app` (live ACLs); field-group rules apply to the fields `live`
// lays out inside the group. GAIA_IA02 for a token of another app.
common::Result<AppAccess> ResolveAccess(Transaction& tx, const Principal& who, const App& app,
                                        const LiveForm& live);
// The app rights and record rules only, for checks that touch no field value.
common::Result<AppAccess> ResolveAppRights(Transaction& tx, const Principal& who, const App& app);

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

// Every kintone endpoint handler, one per file (named after path and method); routes.cpp
// binds them to paths. Each takes the parsed call and the domain services.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "api/call.h"
#include "api/services.h"
#include "domain/apps/app.h"
#include "domain/permissions/acl.h"

namespace api {

using JsonResult = common::Result<boost::json::object>;
// Record reads answer text written straight from the rows (domain::RecordsJson).
using TextResult = common::Result<JsonText>;

// Apps (§7.1)
JsonResult GetApp(Call& call, Services& s);
JsonResult GetApps(Call& call, Services& s);
JsonResult PostPreviewApp(Call& call, Services& s);
// Settings documents stored and returned as kintone shapes them (§7.3–7.12).
JsonResult GetSettingsDocument(Call& call, Services& s, domain::Stage stage,
                               const std::string& kind);
JsonResult PutSettingsDocument(Call& call, Services& s, const std::string& kind, bool merge);
JsonResult PutViews(Call& call, Services& s);
// PUT of reports and actions: entries keyed by name get stable ids (§7.10, §7.11).
JsonResult PutNamedSettings(Call& call, Services& s, const std::string& kind);
// Deploy (§7.0)
JsonResult PostDeploy(Call& call, Services& s);
JsonResult GetDeployStatus(Call& call, Services& s);
// Form fields (§7.2)
JsonResult GetFormFields(Call& call, Services& s, domain::Stage stage);
JsonResult PostFormFields(Call& call, Services& s);
JsonResult PutFormFields(Call& call, Services& s);
JsonResult DeleteFormFields(Call& call, Services& s);
JsonResult GetFormLayout(Call& call, Services& s, domain::Stage stage);
JsonResult PutFormLayout(Call& call, Services& s);
// Permissions (§7.7): `deploy` for the non-preview PUT, which also deploys the app.
JsonResult GetAcl(Call& call, Services& s, domain::Stage stage, domain::AclKind kind);
JsonResult PutAcl(Call& call, Services& s, domain::AclKind kind, bool deploy);
JsonResult GetRecordsAclEvaluate(Call& call, Services& s);
JsonResult GetAclCheckAsUser(Call& call, Services& s);
// Records (§5)
TextResult GetRecord(Call& call, Services& s);
JsonResult PostRecord(Call& call, Services& s);
JsonResult PutRecord(Call& call, Services& s);
TextResult GetRecords(Call& call, Services& s);
JsonResult PostRecords(Call& call, Services& s);
// POST /api/records/import.json (Tsumiki): a spreadsheet's rows in one transaction.
JsonResult PostRecordsImport(Call& call, Services& s);
JsonResult PutRecords(Call& call, Services& s);
JsonResult DeleteRecords(Call& call, Services& s);
JsonResult PostCursor(Call& call, Services& s);
TextResult GetCursor(Call& call, Services& s);
JsonResult DeleteCursor(Call& call, Services& s);
common::Result<http::Response> PostBulkRequest(Call& call, Services& s);
// Comments (§5.9)
JsonResult GetRecordComments(Call& call, Services& s);
JsonResult PostRecordComment(Call& call, Services& s);
JsonResult DeleteRecordComment(Call& call, Services& s);
// Tsumiki's own: a record's history, and the caller's rights for the record form.
JsonResult GetRecordHistory(Call& call, Services& s);
JsonResult GetRecordRights(Call& call, Services& s);
// Files (§8)
JsonResult PostFile(Call& call, Services& s);
common::Result<http::Response> GetFile(Call& call, Services& s);

}  // namespace api

// Tsumiki's own endpoints under /api/ (what kintone lacks), in kintone's style.
#pragma once

#include <string>

#include "api/kintone/endpoints.h"
#include "domain/audit/audit_log.h"

namespace api {

common::Result<http::Response> PostLogin(Call& call, Services& s, const std::string& cookie);
common::Result<http::Response> PostLogout(Call& call, Services& s, const std::string& cookie);
common::Result<http::Response> GetSession(Call& call, Services& s, const std::string& cookie);
common::Result<http::Response> PostLogoutEverywhere(Call& call, Services& s,
                                                    const std::string& cookie);
common::Result<http::Response> PostPassword(Call& call, Services& s, const std::string& cookie);
JsonResult PostTotpBegin(Call& call, Services& s);
JsonResult PostTotpConfirm(Call& call, Services& s);
JsonResult PostTotpDisable(Call& call, Services& s);
JsonResult GetApiTokens(Call& call, Services& s);
JsonResult PostApiToken(Call& call, Services& s);
JsonResult DeleteApiToken(Call& call, Services& s);

class Dispatcher;
// GET /api/audit/log.json and /api/audit/export.csv (administrators only).
void AddAuditRoutes(Dispatcher& d, domain::AuditLog& log);
// `cell` made safe to open in a spreadsheet: a leading = + - @ tab or CR gets a "'".
std::string DefuseCsvFormula(std::string cell);

}  // namespace api

// Tsumiki's own endpoints under /api/ (what kintone lacks), in kintone's style.
#pragma once

#include <string>

#include "api/kintone/endpoints.h"

namespace api {

common::Result<http::Response> PostLogin(Call& call, Services& s, const std::string& cookie);
common::Result<http::Response> PostLogout(Call& call, Services& s, const std::string& cookie);
common::Result<http::Response> GetSession(Call& call, Services& s, const std::string& cookie);
JsonResult GetApiTokens(Call& call, Services& s);
JsonResult PostApiToken(Call& call, Services& s);
JsonResult DeleteApiToken(Call& call, Services& s);

}  // namespace api

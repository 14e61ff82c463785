// Public dashboards: the residents' endpoints (no account) behind /public/d/<token> — the
// page document and its open data as JSON and CSV, served from the cached snapshot with
// ETag/Last-Modified revalidation — and the staff preview of unsaved settings.
#pragma once

#include "api/kintone/endpoints.h"
#include "http/response.h"

namespace api {

// GET /api/public/dashboard.json?token=
common::Result<http::Response> GetPublicDashboard(Call& call, Services& s);
// GET /api/public/dashboard/data.json?token=&lang=ja|en
common::Result<http::Response> GetPublicDashboardJson(Call& call, Services& s);
// GET /api/public/dashboard/data.csv?token=&lang=ja|en
common::Result<http::Response> GetPublicDashboardCsv(Call& call, Services& s);
// POST /api/public/dashboard/preview.json {app, settings} (app management right)
JsonResult PostDashboardPreview(Call& call, Services& s);

}  // namespace api

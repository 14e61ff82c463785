// GET /api/directory/export.csv?kind=users|organizations|memberships|groupMemberships (UTF-8
// with BOM) and
// POST /api/directory/import.json {kind, csv, dryRun}: the yearly reshuffle as one file.
#include "domain/users/directory_csv.h"

#include "api/v1/directory_endpoints.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

common::Result<domain::DirectoryCsvKind> ReadKind(const Params& p) {
  TK_ASSIGN_OR_RETURN(std::string kind, p.RequiredString("kind"));
  if (kind == "users") return domain::DirectoryCsvKind::kUsers;
  if (kind == "organizations") return domain::DirectoryCsvKind::kOrganizations;
  if (kind == "memberships") return domain::DirectoryCsvKind::kMemberships;
  if (kind == "groupMemberships") return domain::DirectoryCsvKind::kGroupMemberships;
  return Error::Invalid("kind", Text::kEnumValue);
}

}  // namespace

common::Result<http::Response> GetDirectoryExport(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto kind, ReadKind(call.params));
  TK_ASSIGN_OR_RETURN(std::string csv, s.directory_csv.Export(call.principal, kind));
  std::string name = call.params.RequiredString("kind").value() + ".csv";
  http::Response r = http::Response::Text(200, std::move(csv), "text/csv; charset=utf-8");
  r.AddHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  r.AddHeader("Cache-Control", "no-store");
  r.AddHeader("X-Content-Type-Options", "nosniff");
  return r;
}

JsonResult PostDirectoryImport(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto kind, ReadKind(call.params));
  TK_ASSIGN_OR_RETURN(std::string csv, call.params.RequiredString("csv"));
  TK_ASSIGN_OR_RETURN(auto dry_run, call.params.OptionalBool("dryRun"));
  TK_ASSIGN_OR_RETURN(auto result,
                      s.directory_csv.Import(call.principal, kind, csv, dry_run.value_or(false)));
  return json::object{{"dryRun", dry_run.value_or(false)},
                      {"rows", result.rows},
                      {"added", result.added},
                      {"updated", result.updated}};
}

}  // namespace api

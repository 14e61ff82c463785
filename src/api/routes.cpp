#include "api/routes.h"

#include "api/admin/admin_endpoints.h"
#include "api/kintone/app_aggregate.h"
#include "api/kintone/endpoints.h"
#include "api/public/public_dashboard.h"
#include "api/public/public_endpoints.h"
#include "api/v1/directory_endpoints.h"

namespace api {

using domain::Stage;

void AddRoutes(Dispatcher& d, Services& s) {
  auto json = [&s](JsonResult (*f)(Call&, Services&)) {
    return [f, &s](Call& c) { return f(c, s); };
  };
  auto text = [&s](TextResult (*f)(Call&, Services&)) {
    return [f, &s](Call& c) { return f(c, s); };
  };
  auto raw = [&s](common::Result<http::Response> (*f)(Call&, Services&)) {
    return [f, &s](Call& c) { return f(c, s); };
  };
  constexpr Access kAuth = Access::kAuthenticated;

  // Apps (§7.1)
  d.Kintone("GET", "app.json", kAuth, json(&GetApp));
  d.Kintone("GET", "apps.json", Access::kUserOnly, json(&GetApps));
  d.Kintone("POST", "preview/app.json", Access::kUserOnly, json(&PostPreviewApp));
  d.Kintone("POST", "preview/app/deploy.json", kAuth, json(&PostDeploy));
  d.Kintone("GET", "preview/app/deploy.json", kAuth, json(&GetDeployStatus));

  // Form (§7.2, §7.3)
  d.Kintone("GET", "app/form/fields.json", kAuth,
            [&s](Call& c) { return GetFormFields(c, s, Stage::kLive); });
  d.Kintone("GET", "preview/app/form/fields.json", kAuth,
            [&s](Call& c) { return GetFormFields(c, s, Stage::kPreview); });
  d.Kintone("POST", "preview/app/form/fields.json", kAuth, json(&PostFormFields));
  d.Kintone("PUT", "preview/app/form/fields.json", kAuth, json(&PutFormFields));
  d.Kintone("DELETE", "preview/app/form/fields.json", kAuth, json(&DeleteFormFields));
  d.Kintone("GET", "app/form/layout.json", kAuth,
            [&s](Call& c) { return GetFormLayout(c, s, Stage::kLive); });
  d.Kintone("GET", "preview/app/form/layout.json", kAuth,
            [&s](Call& c) { return GetFormLayout(c, s, Stage::kPreview); });
  d.Kintone("PUT", "preview/app/form/layout.json", kAuth, json(&PutFormLayout));

  // Settings documents stored and returned (§7.4-7.12). `merge`: omitted keys keep values;
  // `named`: a set keyed by name whose entries get ids (reports, actions).
  struct Document {
    const char* path;
    const char* kind;
    bool merge;
    bool named = false;
  };
  static constexpr Document kDocuments[] = {
      {"app/settings.json", "settings", true},
      {"app/status.json", "status", true},
      {"app/customize.json", "customize", true},
      {"app/notifications/general.json", "notifications/general", true},
      {"app/notifications/perRecord.json", "notifications/perRecord", false},
      {"app/notifications/reminder.json", "notifications/reminder", true},
      {"app/reports.json", "reports", false, true},
      {"app/actions.json", "actions", false, true},
      {"app/adminNotes.json", "adminNotes", true},
  };
  for (const Document& doc : kDocuments) {
    std::string kind = doc.kind;
    bool merge = doc.merge;
    bool named = doc.named;
    d.Kintone("GET", doc.path, kAuth,
              [&s, kind](Call& c) { return GetSettingsDocument(c, s, Stage::kLive, kind); });
    d.Kintone("GET", std::string("preview/") + doc.path, kAuth,
              [&s, kind](Call& c) { return GetSettingsDocument(c, s, Stage::kPreview, kind); });
    d.Kintone("PUT", std::string("preview/") + doc.path, kAuth, [&s, kind, merge, named](Call& c) {
      return named ? PutNamedSettings(c, s, kind) : PutSettingsDocument(c, s, kind, merge);
    });
  }
  d.Kintone("GET", "app/views.json", kAuth,
            [&s](Call& c) { return GetSettingsDocument(c, s, Stage::kLive, "views"); });
  d.Kintone("GET", "preview/app/views.json", kAuth,
            [&s](Call& c) { return GetSettingsDocument(c, s, Stage::kPreview, "views"); });
  d.Kintone("PUT", "preview/app/views.json", kAuth, json(&PutViews));

  // Permissions (§7.7)
  using domain::AclKind;
  for (auto [name, kind] :
       {std::pair{"app/acl.json", AclKind::kApp}, std::pair{"record/acl.json", AclKind::kRecord},
        std::pair{"field/acl.json", AclKind::kField}}) {
    AclKind k = kind;
    d.Kintone("GET", name, kAuth, [&s, k](Call& c) { return GetAcl(c, s, Stage::kLive, k); });
    d.Kintone("GET", std::string("preview/") + name, kAuth,
              [&s, k](Call& c) { return GetAcl(c, s, Stage::kPreview, k); });
    d.Kintone("PUT", std::string("preview/") + name, kAuth,
              [&s, k](Call& c) { return PutAcl(c, s, k, false); });
    d.Kintone("PUT", name, kAuth, [&s, k](Call& c) { return PutAcl(c, s, k, true); });
  }
  d.Kintone("GET", "records/acl/evaluate.json", kAuth, json(&GetRecordsAclEvaluate));
  d.At("GET", "/api/app/acl/evaluate.json", Access::kUserOnly, json(&GetAclCheckAsUser));

  // Records (§5)
  d.KintoneText("GET", "record.json", kAuth, text(&GetRecord));
  d.Kintone("POST", "record.json", kAuth, json(&PostRecord));
  d.Kintone("PUT", "record.json", kAuth, json(&PutRecord));
  d.KintoneText("GET", "records.json", kAuth, text(&GetRecords));
  d.Kintone("POST", "records.json", kAuth, json(&PostRecords));
  d.Kintone("PUT", "records.json", kAuth, json(&PutRecords));
  d.Kintone("DELETE", "records.json", kAuth, json(&DeleteRecords));
  d.Kintone("POST", "records/cursor.json", kAuth, json(&PostCursor));
  d.KintoneText("GET", "records/cursor.json", kAuth, text(&GetCursor));
  d.Kintone("DELETE", "records/cursor.json", kAuth, json(&DeleteCursor));
  d.KintoneRaw("POST", "bulkRequest.json", kAuth, raw(&PostBulkRequest));
  // Record writes keep nothing of their body beyond the request; freeing it as a whole saves
  // ~1/8 of a 100-record POST's instructions (docs/benchmarks.md).
  for (const char* name : {"record.json", "records.json"}) {
    for (const char* method : {"POST", "PUT"}) d.ParseIntoArena(method, name);
  }
  d.At("POST", "/api/records/import.json", kAuth, json(&PostRecordsImport));  // Tsumiki

  // Comments (§5.9), and Tsumiki's record history and form rights (kintone has neither).
  d.Kintone("GET", "record/comments.json", kAuth, json(&GetRecordComments));
  d.Kintone("POST", "record/comment.json", kAuth, json(&PostRecordComment));
  d.Kintone("DELETE", "record/comment.json", kAuth, json(&DeleteRecordComment));
  d.At("GET", "/api/record/history.json", kAuth, json(&GetRecordHistory));
  d.At("GET", "/api/record/rights.json", Access::kUserOnly, json(&GetRecordRights));

  // Files (§8)
  d.Kintone("POST", "file.json", kAuth, json(&PostFile));
  d.KintoneRaw("GET", "file.json", kAuth, raw(&GetFile));

  // Tsumiki's own: browser sessions and API tokens.
  std::string cookie = d.options().session_cookie;
  d.AtRaw("POST", "/api/session/login.json", Access::kPublic,
          [&s, cookie](Call& c) { return PostLogin(c, s, cookie); });
  d.AtRaw("POST", "/api/session/logout.json", Access::kPublic,
          [&s, cookie](Call& c) { return PostLogout(c, s, cookie); });
  d.AtRaw("GET", "/api/session.json", Access::kPublic,
          [&s, cookie](Call& c) { return GetSession(c, s, cookie); });
  d.AtRaw("POST", "/api/session/logoutAll.json", Access::kUserOnly,
          [&s, cookie](Call& c) { return PostLogoutEverywhere(c, s, cookie); });
  d.AtRaw("POST", "/api/session/password.json", Access::kUserOnly,
          [&s, cookie](Call& c) { return PostPassword(c, s, cookie); });
  d.At("POST", "/api/session/totp/begin.json", Access::kUserOnly, json(&PostTotpBegin));
  d.At("POST", "/api/session/totp/confirm.json", Access::kUserOnly, json(&PostTotpConfirm));
  d.At("POST", "/api/session/totp/disable.json", Access::kUserOnly, json(&PostTotpDisable));
  d.At("GET", "/api/app/tokens.json", Access::kUserOnly, json(&GetApiTokens));
  d.At("POST", "/api/app/tokens.json", Access::kUserOnly, json(&PostApiToken));
  d.At("DELETE", "/api/app/tokens.json", Access::kUserOnly, json(&DeleteApiToken));

  // cybozu User API (§10): reads for any user, writes for administrators; no API tokens.
  constexpr Access kUser = Access::kUserOnly;
  d.At("GET", "/v1/users.json", kUser, json(&GetUsers));
  d.At("POST", "/v1/users.json", kUser, json(&PostUsers));
  d.At("PUT", "/v1/users.json", kUser, json(&PutUsers));
  d.At("DELETE", "/v1/users.json", kUser, json(&DeleteUsers));
  d.At("GET", "/v1/organizations.json", kUser, json(&GetOrganizations));
  d.At("POST", "/v1/organizations.json", kUser, json(&PostOrganizations));
  d.At("PUT", "/v1/organizations.json", kUser, json(&PutOrganizations));
  d.At("DELETE", "/v1/organizations.json", kUser, json(&DeleteOrganizations));
  d.At("GET", "/v1/user/organizations.json", kUser, json(&GetUserOrganizations));
  d.At("GET", "/v1/organization/users.json", kUser, json(&GetOrganizationUsers));
  d.At("PUT", "/v1/userOrganizations.json", kUser, json(&PutUserOrganizations));
  d.At("GET", "/v1/groups.json", kUser, json(&GetGroups));
  d.At("POST", "/v1/groups.json", kUser, json(&PostGroups));
  d.At("PUT", "/v1/groups.json", kUser, json(&PutGroups));
  d.At("DELETE", "/v1/groups.json", kUser, json(&DeleteGroups));
  d.At("GET", "/v1/user/groups.json", kUser, json(&GetUserGroups));
  d.At("GET", "/v1/group/users.json", kUser, json(&GetGroupUsers));
  d.At("PUT", "/v1/userGroups.json", kUser, json(&PutUserGroups));
  d.AtRaw("GET", "/api/directory/export.csv", kUser, raw(&GetDirectoryExport));
  d.At("POST", "/api/directory/import.json", kUser, json(&PostDirectoryImport));
  d.At("POST", "/api/directory/user.json", kUser, json(&PostUserAccount));
  d.At("PUT", "/api/directory/user.json", kUser, json(&PutUserAccount));

  // Public pages: publishing (app administrators) and the residents' side (no account).
  d.At("GET", "/api/public/pages.json", kUser, json(&GetPublicPages));
  d.At("POST", "/api/public/pages.json", kUser, json(&PostPublicPage));
  d.At("PUT", "/api/public/pages.json", kUser, json(&PutPublicPage));
  d.At("DELETE", "/api/public/pages.json", kUser, json(&DeletePublicPage));
  d.At("GET", "/api/app/receipt.json", kUser, json(&GetReceiptFormat));
  d.At("PUT", "/api/app/receipt.json", kUser, json(&PutReceiptFormat));
  d.At("GET", "/api/public/form.json", Access::kPublic, json(&GetPublicForm));
  d.At("POST", "/api/public/form/submit.json", Access::kPublic, json(&PostPublicFormSubmission));
  d.At("GET", "/api/public/lookup.json", Access::kPublic, json(&GetPublicLookup));
  d.At("POST", "/api/public/lookup/search.json", Access::kPublic, json(&PostPublicLookupSearch));
  d.At("GET", "/api/app/aggregate.json", kAuth, json(&GetAppAggregate));
  d.At("POST", "/api/public/dashboard/preview.json", kUser, json(&PostDashboardPreview));
  d.AtRaw("GET", "/api/public/dashboard.json", Access::kPublic, raw(&GetPublicDashboard));
  d.AtRaw("GET", "/api/public/dashboard/data.json", Access::kPublic, raw(&GetPublicDashboardJson));
  d.AtRaw("GET", "/api/public/dashboard/data.csv", Access::kPublic, raw(&GetPublicDashboardCsv));
}

}  // namespace api

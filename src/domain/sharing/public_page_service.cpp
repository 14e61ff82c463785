#include "domain/sharing/public_page_service.h"

#include "common/random.h"
#include "domain/apps/app_repository.h"
#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"
#include "domain/sharing/public_dashboard_settings.h"
#include "domain/sharing/public_form_settings.h"
#include "domain/sharing/public_lookup_settings.h"
#include "domain/sharing/receipt_service.h"
#include "domain/users/user_repository.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

namespace {

Result<App> LoadManaged(Transaction& tx, const Principal& who, int64_t app_id) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, app_id, true));
  TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
  return app;
}

}  // namespace

Result<json::object> PublicPageService::Validate(Transaction& tx, const App& app,
                                                 PublicPageKind kind,
                                                 const json::object& settings) {
  TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
  if (kind == PublicPageKind::kDashboard) {
    TK_ASSIGN_OR_RETURN(auto s, PublicDashboardSettings::FromJson(settings, *live->lookup));
    return s.ToJson();
  }
  if (kind == PublicPageKind::kLookup) {
    TK_ASSIGN_OR_RETURN(auto s, PublicLookupSettings::FromJson(settings, live->form));
    return s.ToJson();
  }
  TK_ASSIGN_OR_RETURN(auto receipt, LoadReceiptFormat(tx, app.id, live->form));
  TK_ASSIGN_OR_RETURN(
      auto s, PublicFormSettings::FromJson(settings, live->form, receipt ? receipt->field : ""));
  return s.ToJson();
}

Result<std::vector<PublicPage>> PublicPageService::List(const Principal& who, int64_t app_id) {
  std::vector<PublicPage> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadManaged(tx, who, app_id));
    TK_ASSIGN_OR_RETURN(out, tx.sharing().ListPages(app.id));
    return Status::Ok();
  }));
  return out;
}

Result<PublicPage> PublicPageService::Create(const Principal& who, int64_t app_id,
                                             PublicPageKind kind, const json::object& settings,
                                             bool enabled) {
  PublicPage page;
  bool new_user = false;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadManaged(tx, who, app_id));
    TK_ASSIGN_OR_RETURN(page.settings, Validate(tx, app, kind, settings));
    page.token = common::RandomId(32);
    page.app_id = app.id;
    page.kind = kind;
    page.enabled = enabled;
    page.publisher = who.user_id;
    page.created_at = page.updated_at = clock_.NowSeconds();
    if (kind == PublicPageKind::kForm) {
      TK_ASSIGN_OR_RETURN(auto before, tx.users().FindByCode(kPublicFormUserCode));
      new_user = !before;
      TK_RETURN_IF_ERROR(
          tx.sharing().EnsureSystemUser(kPublicFormUserCode, "公開フォーム", page.created_at));
    }
    return tx.sharing().InsertPage(page);
  }));
  if (new_user && directory_changed_) directory_changed_();
  return page;
}

Result<PublicPage> PublicPageService::LoadForManager(Transaction& tx, const Principal& who,
                                                     int64_t id) {
  TK_ASSIGN_OR_RETURN(auto page, tx.sharing().FindPage(id));
  if (!page) return Error(ErrorCode::kPublicPageNotFound);
  TK_RETURN_IF_ERROR(LoadManaged(tx, who, page->app_id));
  return *page;
}

Result<PublicPage> PublicPageService::Update(const Principal& who, int64_t id,
                                             const std::optional<json::object>& settings,
                                             std::optional<bool> enabled) {
  PublicPage page;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(page, LoadForManager(tx, who, id));
    if (settings) {
      TK_ASSIGN_OR_RETURN(auto app, tx.apps().Find(page.app_id));
      if (!app) return Error(ErrorCode::kPublicPageNotFound);
      TK_ASSIGN_OR_RETURN(page.settings, Validate(tx, *app, page.kind, *settings));
      // What the page says and computes is now the editor's: it runs as them from here on.
      page.publisher = who.user_id;
    }
    if (enabled) page.enabled = *enabled;
    page.updated_at = clock_.NowSeconds();
    return tx.sharing().UpdatePage(page);
  }));
  if (page_changed_) page_changed_(page.token);
  return page;
}

Status PublicPageService::Delete(const Principal& who, int64_t id) {
  std::string token;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(PublicPage page, LoadForManager(tx, who, id));
    token = page.token;
    return tx.sharing().DeletePage(page.id);
  }));
  if (page_changed_) page_changed_(token);
  return Status::Ok();
}

}  // namespace domain

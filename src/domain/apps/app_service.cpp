#include "domain/apps/app_service.h"

#include "domain/apps/app_repository.h"
#include "domain/apps/general_settings.h"
#include "domain/apps/view_rules.h"
#include "domain/permissions/access.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;

Result<App> LoadApp(Transaction& tx, const Principal& who, int64_t id, bool require_deployed) {
  TK_ASSIGN_OR_RETURN(auto app, tx.apps().Find(id));
  if (!app || (require_deployed && !app->deployed())) {
    return Error(ErrorCode::kAppNotFound, {std::to_string(id)});
  }
  // A token of another app learns nothing about this one; a token of this app with any
  // right (an add-only token of a web form, a management-only token) may read its live
  // settings, and each endpoint checks the right it needs.
  TK_RETURN_IF_ERROR(CheckAppAccess(who, *app));
  return *app;
}

Result<int64_t> BumpRevision(Transaction& tx, App& app, const Principal& who,
                             const common::Clock& clock) {
  app.revision += 1;
  app.modifier = who.user_id;
  app.modified_at_ms = clock.NowMillis();
  TK_RETURN_IF_ERROR(tx.apps().Update(app));
  return app.revision;
}

Status CheckAppRevision(const App& app, std::optional<int64_t> expected) {
  if (expected && *expected != -1 && *expected != app.revision) {
    return Error(ErrorCode::kAppRevisionConflict);
  }
  return Status::Ok();
}

json::object AppService::DefaultSettings(const std::string& kind, const std::string& app_name) {
  if (kind == "settings") {
    return json::object{
        {"name", app_name},
        {"description", ""},
        {"icon", json::object{{"type", "PRESET"}, {"key", "APP72"}}},
        {"theme", "WHITE"},
        {"titleField", json::object{{"selectionMode", "AUTO"}, {"code", ""}}},
        {"enableThumbnails", true},
        {"enableBulkDeletion", false},
        {"enableComments", true},
        {"enableDuplicateRecord", true},
        {"enableInlineRecordEditing", true},
        {"numberPrecision",
         json::object{{"digits", "16"}, {"decimalPlaces", "4"}, {"roundingMode", "HALF_EVEN"}}},
        {"firstMonthOfFiscalYear", "4"}};
  }
  if (kind == "views") return json::object{{"views", json::object()}};
  if (kind == "layout") return json::object{{"layout", json::array()}};
  if (kind == "status") {
    return json::object{{"enable", false}, {"states", nullptr}, {"actions", nullptr}};
  }
  if (kind == "customize") {
    json::object side{{"js", json::array()}, {"css", json::array()}};
    return json::object{{"scope", "ALL"}, {"desktop", side}, {"mobile", side}};
  }
  if (kind == "notifications/general") {
    return json::object{{"notifications", json::array()}, {"notifyToCommenter", false}};
  }
  if (kind == "notifications/reminder") {
    return json::object{{"notifications", json::array()}, {"timezone", nullptr}};
  }
  if (kind == "reports") return json::object{{"reports", json::object()}};
  if (kind == "actions") return json::object{{"actions", json::object()}};
  if (kind == "adminNotes") {
    return json::object{{"content", ""}, {"includeInTemplateAndDuplicates", false}};
  }
  if (kind == "plugins") return json::object{{"plugins", json::array()}};
  // notifications/perRecord, acl documents and anything else: a list under one key.
  return json::object{{"notifications", json::array()}};
}

Result<CreatedApp> AppService::Create(const Principal& who, const std::string& name,
                                      std::optional<int64_t> space, std::optional<int64_t> thread) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  if (name.empty()) return Error::Invalid("name", common::Text::kRequiredParam);
  CreatedApp created;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    App app;
    app.name = name;
    app.space_id = space;
    app.thread_id = thread;
    app.creator = app.modifier = who.user_id;
    app.created_at_ms = app.modified_at_ms = clock_.NowMillis();
    app.revision = 2;  // kintone answers a new app with revision "2"
    TK_ASSIGN_OR_RETURN(app.id, tx.apps().Insert(app));
    TK_RETURN_IF_ERROR(InitializeForm(tx, registry_, app));
    for (const char* kind : {"settings", "views", "layout", "status"}) {
      TK_RETURN_IF_ERROR(
          tx.apps().SaveSettings(app.id, Stage::kPreview, kind, DefaultSettings(kind, name)));
    }
    TK_RETURN_IF_ERROR(tx.apps().Update(app));
    created = {app.id, app.revision};
    return Status::Ok();
  }));
  return created;
}

Result<App> AppService::Get(const Principal& who, int64_t id) {
  App app;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(app, LoadApp(tx, who, id, true));
    return CheckAppVisible(tx, who, app);
  }));
  return app;
}

Result<std::vector<App>> AppService::List(const Principal& who, const AppFilter& filter) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<App> visible;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto apps, tx.apps().List(filter));
    // An app is listed to whoever holds any right on it (kintone lists apps one may open).
    for (App& a : apps) {
      TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAppRights(tx, who, a));
      if (access.rights != 0) visible.push_back(std::move(a));
    }
    return Status::Ok();
  }));
  return visible;
}

Result<SettingsDocument> AppService::GetSettings(const Principal& who, int64_t id, Stage stage,
                                                 const std::string& kind) {
  SettingsDocument doc;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, stage == Stage::kLive));
    // The administrators' notes are for app administrators even when deployed (as kintone).
    bool manage_only = stage == Stage::kPreview || kind == "adminNotes";
    TK_RETURN_IF_ERROR(manage_only ? CheckAppRight(tx, who, app, AppRight::kManage)
                                   : CheckAppVisible(tx, who, app));
    TK_ASSIGN_OR_RETURN(auto body, tx.apps().LoadSettings(id, stage, kind));
    doc.body = body ? std::move(*body) : DefaultSettings(kind, app.name);
    doc.revision = stage == Stage::kLive ? app.live_revision : app.revision;
    return Status::Ok();
  }));
  return doc;
}

Result<int64_t> AppService::PutSettings(const Principal& who, int64_t id, const std::string& kind,
                                        json::object body, bool merge,
                                        std::optional<int64_t> revision) {
  int64_t new_revision = 0;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, false));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_RETURN_IF_ERROR(CheckAppRevision(app, revision));
    json::object doc;
    if (merge) {
      TK_ASSIGN_OR_RETURN(auto current, tx.apps().LoadSettings(id, Stage::kPreview, kind));
      doc = current ? std::move(*current) : DefaultSettings(kind, app.name);
      if (kind == "settings") {
        // The general settings drive record values (numberPrecision): checked, not stored as sent.
        TK_ASSIGN_OR_RETURN(doc, MergeGeneralSettings(std::move(doc), body));
      } else {
        for (auto& kv : body) doc[kv.key()] = std::move(kv.value());
      }
    } else {
      doc = std::move(body);
    }
    if (kind == "views") {
      TK_RETURN_IF_ERROR(CheckViewsToSave(tx, registry_, who, id, doc, clock_.NowSeconds()));
    }
    TK_RETURN_IF_ERROR(tx.apps().SaveSettings(id, Stage::kPreview, kind, doc));
    TK_ASSIGN_OR_RETURN(new_revision, BumpRevision(tx, app, who, clock_));
    return Status::Ok();
  }));
  return new_revision;
}

Result<std::vector<DeployState>> AppService::DeployStatus(const Principal& who,
                                                          const std::vector<int64_t>& ids) {
  std::vector<DeployState> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    for (int64_t id : ids) {
      TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, false));
      TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
      out.push_back({id, app.deploy_status});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace domain

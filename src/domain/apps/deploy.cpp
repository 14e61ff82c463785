// AppService::Deploy: makes every listed app's preview live in one transaction — the
// record tables change with it — or, with revert, throws the preview away. Synchronous: the
// status reads SUCCESS (or FAIL, with the error returned to the caller) when it returns.
#include <algorithm>

#include "domain/apps/app_repository.h"
#include "domain/apps/app_service.h"
#include "domain/apps/datasource_rules.h"
#include "domain/apps/form_service.h"
#include "domain/apps/lookup_dependents.h"
#include "domain/permissions/access.h"
#include "domain/permissions/acl_repository.h"
#include "domain/records/record_context.h"
#include "domain/records/record_schema_lookup.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Status;

namespace {

// A record-permission condition naming a field this deploy removes (or whose type no longer
// takes its operator) would fail every query of the users it restricts: the deploy is
// refused with the query error, before anything changes.
Status CheckRecordAclConditions(Transaction& tx, const Principal& who, int64_t app,
                                const FieldSet& form, int64_t now) {
  TK_ASSIGN_OR_RETURN(AppAcls acls, tx.acls().Load(app, Stage::kPreview));
  NoEntities entities;
  query::QueryContext qc = MakeQueryContext(who, now, entities, {});
  for (size_t i = 0; i < acls.records.size(); ++i) {
    Status ok = CheckCondition(acls.records[i].subject, app, form, qc);
    if (!ok.ok()) {
      return Error(ok.error())
          .WithDetail("record/acl.json rights[" + std::to_string(i) + "].filterCond");
    }
  }
  return Status::Ok();
}

// The field codes `after` renames from `before` (fields kept by id), inside tables too.
HistoryRenames RenamesBetween(const FieldSet& before, const FieldSet& after) {
  HistoryRenames renames;
  for (const FieldDef& was : before.fields()) {
    const FieldDef* now = after.FindById(was.id);
    if (!now) continue;
    if (now->code != was.code) renames.fields[was.code] = now->code;
    for (const FieldDef& inner_was : was.fields) {
      auto same = [&](const FieldDef& inner_now) { return inner_now.id == inner_was.id; };
      auto inner_now = std::find_if(now->fields.begin(), now->fields.end(), same);
      if (inner_now != now->fields.end() && inner_now->code != inner_was.code) {
        renames.inner[now->code][inner_was.code] = inner_now->code;
      }
    }
  }
  return renames;
}

}  // namespace

Status AppService::Deploy(const Principal& who, const std::vector<DeployTarget>& targets,
                          bool revert) {
  size_t failing = 0;  // the target being deployed when an error ends the transaction
  Status result = db_.Write([&](Transaction& tx) -> Status {
    // Fields each deployed app's live form loses, checked once every listed app is live: a
    // lookup another app gives up in this same deploy no longer holds the field.
    std::vector<std::vector<std::string>> taken(targets.size());
    std::vector<DatasourceRef> deployed(targets.size());
    for (failing = 0; failing < targets.size(); ++failing) {
      const DeployTarget& t = targets[failing];
      TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, t.app, false));
      TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
      TK_RETURN_IF_ERROR(CheckAppRevision(app, t.revision));
      if (revert) {
        if (app.deployed()) {
          TK_RETURN_IF_ERROR(tx.apps().CopySettings(app.id, Stage::kLive, Stage::kPreview));
          TK_RETURN_IF_ERROR(tx.acls().Copy(app.id, Stage::kLive, Stage::kPreview));
          app.revision = app.live_revision;
        }
      } else {
        TK_ASSIGN_OR_RETURN(FieldSet after, LoadForm(tx, registry_, app.id, Stage::kPreview));
        TK_RETURN_IF_ERROR(CheckRecordAclConditions(tx, who, app.id, after, clock_.NowSeconds()));
        // A datasource may have changed since the form was saved: every lookup and
        // related-records definition is checked again against what goes live.
        DatasourceFinder find = MakeDatasourceFinder(tx, registry_, who, app.id, after);
        NoEntities entities;
        TK_RETURN_IF_ERROR(CheckDatasourceFields(
            nullptr, after, {}, find, MakeQueryContext(who, clock_.NowSeconds(), entities, {})));
        TK_RETURN_IF_ERROR(CheckLookupKeysUnique(after, find));
        std::optional<FieldSet> before;
        if (app.deployed()) {
          TK_ASSIGN_OR_RETURN(before, LoadForm(tx, registry_, app.id, Stage::kLive));
          taken[failing] = CodesTakenByDeploy(*before, after);
          deployed[failing] = DatasourceRef{app.id, app.code};
        }
        // Views go live with this deploy: index what they filter and sort by.
        TK_ASSIGN_OR_RETURN(auto views, tx.apps().LoadSettings(app.id, Stage::kPreview, "views"));
        TK_RETURN_IF_ERROR(tx.apps().ApplySchema(app, before ? &*before : nullptr, after,
                                                 PlanIndexes(after, views ? &*views : nullptr)));
        if (before) {
          // History names fields by code: a renamed field keeps its past changes.
          TK_RETURN_IF_ERROR(
              tx.records().RenameHistoryFields(app.id, RenamesBetween(*before, after)));
        }
        TK_RETURN_IF_ERROR(tx.apps().CopySettings(app.id, Stage::kPreview, Stage::kLive));
        // Permissions go live with the form they refer to.
        TK_RETURN_IF_ERROR(tx.acls().Copy(app.id, Stage::kPreview, Stage::kLive));
        TK_ASSIGN_OR_RETURN(auto settings,
                            tx.apps().LoadSettings(app.id, Stage::kLive, "settings"));
        if (settings) {
          if (auto* n = settings->if_contains("name"); n && n->is_string()) {
            app.name = std::string(n->as_string());
          }
          if (auto* d = settings->if_contains("description"); d && d->is_string()) {
            app.description = std::string(d->as_string());
          }
        }
        app.live_revision = app.revision;
      }
      app.deploy_status = "SUCCESS";
      TK_RETURN_IF_ERROR(tx.apps().Update(app));
    }
    for (failing = 0; failing < targets.size(); ++failing) {
      if (taken[failing].empty()) continue;
      TK_ASSIGN_OR_RETURN(std::vector<StoredLookup> others,
                          tx.apps().LookupsOn(deployed[failing].id, deployed[failing].code));
      TK_RETURN_IF_ERROR(CheckNotUsedByLookups(taken[failing], deployed[failing], others));
    }
    return Status::Ok();
  });
  if (!result.ok() && result.error().code() != common::ErrorCode::kAppNotFound &&
      result.error().code() != common::ErrorCode::kNoPrivilege &&
      result.error().code() != common::ErrorCode::kTokenNotForApp &&
      result.error().code() != common::ErrorCode::kTokenNoPermission &&
      result.error().code() != common::ErrorCode::kAppRevisionConflict) {
    // The deploy itself failed: the failing app reports FAIL, the others CANCEL (rolled back
    // with it), until their next successful deploy.
    Status marked = db_.Write([&](Transaction& tx) -> Status {
      for (size_t i = 0; i < targets.size(); ++i) {
        TK_ASSIGN_OR_RETURN(auto app, tx.apps().Find(targets[i].app));
        if (!app) continue;
        app->deploy_status = i == failing ? "FAIL" : "CANCEL";
        TK_RETURN_IF_ERROR(tx.apps().Update(*app));
      }
      return Status::Ok();
    });
    (void)marked;
  }
  return result;
}

}  // namespace domain

#include "domain/apps/form_service.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <map>
#include <optional>

#include "domain/apps/app_repository.h"
#include "domain/apps/app_service.h"
#include "domain/apps/datasource_rules.h"
#include "domain/apps/follow_form.h"
#include "domain/apps/layout.h"
#include "domain/apps/lookup_dependents.h"
#include "domain/fields/form_edit.h"
#include "domain/permissions/access.h"
#include "domain/permissions/acl_repository.h"
#include "domain/records/record_context.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Status;

FormFeatures LoadFeatures(const json::object* status) {
  FormFeatures f;
  if (status) {
    if (const json::value* e = status->if_contains("enable"); e && e->is_bool()) {
      f.process_management = e->as_bool();
    }
  }
  return f;
}

Result<FieldSet> LoadForm(Transaction& tx, const FieldTypeRegistry& registry, int64_t app,
                          Stage stage) {
  TK_ASSIGN_OR_RETURN(auto stored, tx.apps().LoadSettings(app, stage, "form"));
  if (!stored) {
    int64_t next = 1;
    return FieldSet::NewForm(registry, common::Lang::kJa, next);
  }
  return FieldSet::FromStored(json::value(std::move(*stored)));
}

Status InitializeForm(Transaction& tx, const FieldTypeRegistry& registry, App& app) {
  FieldSet form = FieldSet::NewForm(registry, common::Lang::kJa, app.next_field_id);
  return tx.apps().SaveSettings(app.id, Stage::kPreview, "form", form.ToStored());
}

Result<FormService::FieldsResult> FormService::GetFields(const Principal& who, int64_t id,
                                                         Stage stage) {
  FieldsResult out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, stage == Stage::kLive));
    TK_RETURN_IF_ERROR(stage == Stage::kPreview ? CheckAppRight(tx, who, app, AppRight::kManage)
                                                : CheckAppVisible(tx, who, app));
    TK_ASSIGN_OR_RETURN(FieldSet form, LoadForm(tx, registry_, id, stage));
    TK_ASSIGN_OR_RETURN(auto status, tx.apps().LoadSettings(id, stage, "status"));
    out.properties = form.PropertiesJson(LoadFeatures(status ? &*status : nullptr));
    out.revision = stage == Stage::kLive ? app.live_revision : app.revision;
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> FormService::EditForm(
    const Principal& who, int64_t id, std::optional<int64_t> revision,
    const std::function<Result<FieldSet>(const FieldSet&, int64_t&)>& edit) {
  int64_t new_revision = 0;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, false));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_RETURN_IF_ERROR(CheckAppRevision(app, revision));
    TK_ASSIGN_OR_RETURN(FieldSet before, LoadForm(tx, registry_, id, Stage::kPreview));
    TK_ASSIGN_OR_RETURN(FieldSet edited, edit(before, app.next_field_id));
    query::FieldChanges changes = DiffFields(before, edited);
    if (!changes.empty()) {  // a removed or renamed field may be another app's lookup source
      std::optional<FieldSet> live;
      if (app.deployed()) {
        TK_ASSIGN_OR_RETURN(live, LoadForm(tx, registry_, id, Stage::kLive));
      }
      TK_ASSIGN_OR_RETURN(std::vector<StoredLookup> others, tx.apps().LookupsOn(id, app.code));
      TK_RETURN_IF_ERROR(
          CheckNotUsedByLookups(CodesTakenByEdit(before, live ? &*live : nullptr, changes),
                                DatasourceRef{id, app.code}, others));
    }
    FieldSet followed = FollowChangesInDatasourceFields(edited, changes);
    DatasourceFinder find = MakeDatasourceFinder(tx, registry_, who, id, followed);
    TK_ASSIGN_OR_RETURN(FieldSet after, FillDatasourceSorts(followed, find));
    NoEntities entities;
    TK_RETURN_IF_ERROR(CheckDatasourceFields(
        &before, after, changes, find, MakeQueryContext(who, clock_.NowSeconds(), entities, {})));
    TK_RETURN_IF_ERROR(tx.apps().SaveSettings(id, Stage::kPreview, "form", after.ToStored()));
    TK_ASSIGN_OR_RETURN(auto layout, tx.apps().LoadSettings(id, Stage::kPreview, "layout"));
    json::array rows;
    if (layout && layout->contains("layout") && layout->at("layout").is_array()) {
      rows = layout->at("layout").as_array();
    }
    TK_RETURN_IF_ERROR(tx.apps().SaveSettings(
        id, Stage::kPreview, "layout",
        json::object{{"layout", SyncLayout(std::move(rows), before, after)}}));
    TK_RETURN_IF_ERROR(FollowFormEdit(tx, who, id, before, after, clock_.NowSeconds()));
    TK_ASSIGN_OR_RETURN(new_revision, BumpRevision(tx, app, who, clock_));
    return Status::Ok();
  }));
  return new_revision;
}

Result<int64_t> FormService::AddFields(const Principal& who, int64_t app,
                                       const json::value& properties,
                                       std::optional<int64_t> revision) {
  return EditForm(who, app, revision, [&](const FieldSet& form, int64_t& next) {
    return domain::AddFields(registry_, form, properties, next);
  });
}

Result<int64_t> FormService::UpdateFields(const Principal& who, int64_t app,
                                          const json::value& properties,
                                          std::optional<int64_t> revision) {
  return EditForm(who, app, revision, [&](const FieldSet& form, int64_t& next) {
    return domain::UpdateFields(registry_, form, properties, next);
  });
}

Result<int64_t> FormService::DeleteFields(const Principal& who, int64_t app,
                                          const std::vector<std::string>& codes,
                                          std::optional<int64_t> revision) {
  return EditForm(who, app, revision, [&](const FieldSet& form, int64_t&) {
    return domain::DeleteFields(registry_, form, codes);
  });
}

Result<FormService::FieldsResult> FormService::GetLayout(const Principal& who, int64_t id,
                                                         Stage stage) {
  FieldsResult out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, stage == Stage::kLive));
    TK_RETURN_IF_ERROR(stage == Stage::kPreview ? CheckAppRight(tx, who, app, AppRight::kManage)
                                                : CheckAppVisible(tx, who, app));
    TK_ASSIGN_OR_RETURN(auto layout, tx.apps().LoadSettings(id, stage, "layout"));
    out.properties = layout ? std::move(*layout) : json::object{{"layout", json::array()}};
    out.revision = stage == Stage::kLive ? app.live_revision : app.revision;
    return Status::Ok();
  }));
  return out;
}

Result<int64_t> FormService::PutLayout(const Principal& who, int64_t id, const json::value& layout,
                                       std::optional<int64_t> revision) {
  if (!layout.is_array()) return Error::Invalid("layout", common::Text::kNotArray);
  int64_t new_revision = 0;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, false));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, who, app, AppRight::kManage));
    TK_RETURN_IF_ERROR(CheckAppRevision(app, revision));
    TK_ASSIGN_OR_RETURN(FieldSet form, LoadForm(tx, registry_, id, Stage::kPreview));
    // Every element naming a field must name one of this form; sizes become strings.
    Error errors = Error::Validation();
    json::array rows = layout.as_array();
    std::function<void(json::array&, const std::string&)> check = [&](json::array& elems,
                                                                      const std::string& key) {
      for (size_t i = 0; i < elems.size(); ++i) {
        std::string at = key + "[" + std::to_string(i) + "]";
        if (!elems[i].is_object()) {
          errors.AddField(at, common::Text::kNotObject);
          continue;
        }
        json::object& o = elems[i].as_object();
        if (const json::value* code = o.if_contains("code"); code && code->is_string()) {
          if (!form.Find(code->as_string())) {
            errors.AddField(at + ".code", common::Text::kFieldCodeNotFound,
                            {std::string(code->as_string())});
          }
        }
        if (json::value* size = o.if_contains("size"); size && size->is_object()) {
          for (auto& kv : size->as_object()) {
            if (kv.value().is_number()) kv.value() = json::serialize(kv.value());
          }
        }
        if (json::value* f = o.if_contains("fields"); f && f->is_array()) {
          check(f->as_array(), at + ".fields");
        }
        if (json::value* l = o.if_contains("layout"); l && l->is_array()) {
          check(l->as_array(), at + ".layout");
        }
      }
    };
    check(rows, "layout");
    if (errors.has_fields()) return errors;
    TK_RETURN_IF_ERROR(
        tx.apps().SaveSettings(id, Stage::kPreview, "layout", json::object{{"layout", rows}}));
    TK_ASSIGN_OR_RETURN(new_revision, BumpRevision(tx, app, who, clock_));
    return Status::Ok();
  }));
  return new_revision;
}

Result<std::shared_ptr<const LiveForm>> FormService::Live(Transaction& tx, const App& app) {
  {
    std::lock_guard lock(cache_mutex_);
    auto it = live_cache_.find(app.id);
    if (it != live_cache_.end() && it->second->live_revision == app.live_revision) {
      return it->second;
    }
  }
  auto live = std::make_shared<LiveForm>();
  live->app = app.id;
  live->live_revision = app.live_revision;
  live->app_code = app.code;
  TK_ASSIGN_OR_RETURN(live->form, LoadForm(tx, registry_, app.id, Stage::kLive));
  TK_ASSIGN_OR_RETURN(auto status, tx.apps().LoadSettings(app.id, Stage::kLive, "status"));
  live->features = LoadFeatures(status ? &*status : nullptr);
  TK_ASSIGN_OR_RETURN(auto settings, tx.apps().LoadSettings(app.id, Stage::kLive, "settings"));
  live->settings =
      settings ? std::move(*settings) : AppService::DefaultSettings("settings", app.name);
  if (const json::value* p = live->settings.if_contains("numberPrecision")) {
    live->precision = NumberPrecision::FromJson(*p);
  }
  if (status && status->contains("states") && status->at("states").is_object()) {
    std::vector<std::pair<int64_t, std::string>> states;
    for (const auto& kv : status->at("states").as_object()) {
      int64_t index = 0;
      if (const json::value* i =
              kv.value().is_object() ? kv.value().as_object().if_contains("index") : nullptr) {
        if (i->is_string()) index = std::atoll(std::string(i->as_string()).c_str());
        if (i->is_int64()) index = i->as_int64();
      }
      states.emplace_back(index, std::string(kv.key()));
    }
    std::sort(states.begin(), states.end());
    for (auto& s : states) live->statuses.push_back(std::move(s.second));
  }
  TK_ASSIGN_OR_RETURN(auto layout, tx.apps().LoadSettings(app.id, Stage::kLive, "layout"));
  if (layout && layout->contains("layout") && layout->at("layout").is_array()) {
    live->group_of = FieldGroups(layout->at("layout").as_array());
  }
  live->codec = std::make_unique<RecordCodec>(registry_, live->form);
  live->writer = std::make_unique<RecordWriter>(registry_, live->form);
  live->lookup = std::make_unique<FormSchemaLookup>(app.id, live->form, live->statuses);
  std::shared_ptr<const LiveForm> shared = live;
  std::lock_guard lock(cache_mutex_);
  live_cache_[app.id] = shared;
  return shared;
}

}  // namespace domain

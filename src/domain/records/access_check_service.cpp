#include "domain/records/access_check_service.h"

#include "domain/apps/app_service.h"
#include "domain/permissions/access.h"
#include "domain/records/record_access.h"
#include "domain/records/record_context.h"
#include "domain/records/record_schema_lookup.h"
#include "domain/users/user_repository.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::FieldType;
using common::Result;
using common::Status;

namespace {

constexpr size_t kMaxIds = 100;

// Fields holding a value, at the top level and inside tables: (code, top-level code,
// whether a record write may set it).
struct ValueField {
  std::string code;
  std::string top;
  bool writable = false;
};
void ValueFields(const std::vector<FieldDef>& fields, const FieldTypeRegistry& registry,
                 const std::string& table, std::vector<ValueField>& out) {
  for (const FieldDef& f : fields) {
    if (f.type == FieldType::kSubtable) {
      out.push_back({f.code, f.code, true});
      ValueFields(f.fields, registry, f.code, out);
      continue;
    }
    const FieldTypeBehavior& b = registry.Get(f.type);
    if (!b.HasValue()) continue;
    bool writable = !b.IsSystem() && f.type != FieldType::kCalc;
    out.push_back({f.code, table.empty() ? f.code : table, writable});
  }
}

// Fields a record update can write: data fields at the top level and inside tables.
void WritableFields(const std::vector<FieldDef>& fields, const FieldTypeRegistry& registry,
                    const std::string& table,
                    std::vector<std::pair<std::string, std::string>>& out) {
  for (const FieldDef& f : fields) {
    if (f.type == FieldType::kSubtable) {
      WritableFields(f.fields, registry, f.code, out);
      continue;
    }
    const FieldTypeBehavior& b = registry.Get(f.type);
    if (b.IsSystem() || !b.HasValue() || f.type == FieldType::kCalc) continue;
    out.emplace_back(f.code, table.empty() ? f.code : table);  // (code, top-level code)
  }
}

// Whether a rule on field `top` (or its group) holds record-dependent entries.
bool DependsOnRecord(const AppAccess& access, std::string_view top) {
  auto it = access.fields.find(top);
  if (it == access.fields.end()) return false;
  for (const EntriesForUser& rule : it->second) {
    if (!rule.per_record.empty()) return true;
  }
  return false;
}

}  // namespace

Result<json::object> AccessCheckService::EvaluateIn(Transaction& tx, const Principal& who,
                                                    int64_t id, const std::vector<int64_t>& ids,
                                                    bool with_app_rights) {
  if (ids.size() > kMaxIds) {
    return Error::Invalid("ids", common::Text::kTooManyItems, {std::to_string(kMaxIds)});
  }
  TK_ASSIGN_OR_RETURN(App app, LoadApp(tx, who, id, true));
  TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, app));
  TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, app, *live));
  RecordSchema schema{app.id, live->form, *live->codec, directory_};
  DirectoryEntityResolver resolver(directory_);
  query::QueryContext qc = MakeQueryContext(who, clock_.NowSeconds(), resolver, {});
  std::vector<int64_t> existing;
  std::map<int64_t, FieldRights> record_fields;  // field rules may depend on the record
  for (int64_t record : ids) {
    TK_ASSIGN_OR_RETURN(auto found, tx.records().Find(schema, record));
    if (!found) return Error(ErrorCode::kRecordNotFound, {std::to_string(record)});
    existing.push_back(record);
    record_fields[record] =
        FieldRightsOn(who, access, live->form, directory_,
                      RecordEntities{&found->fields, found->creator, found->modifier});
  }
  auto allowing = [&](uint32_t right) -> Result<std::set<int64_t>> {
    if (!access.has(right)) return std::set<int64_t>();
    return RecordsAllowing(tx, who, access, *live, schema, directory_, qc, existing, right);
  };
  TK_ASSIGN_OR_RETURN(auto viewable, allowing(kAclView));
  TK_ASSIGN_OR_RETURN(auto editable, allowing(kAclEdit));
  TK_ASSIGN_OR_RETURN(auto deletable, allowing(kAclDelete));
  std::vector<std::pair<std::string, std::string>> fields;
  WritableFields(live->form.fields(), forms_.registry(), "", fields);

  json::array rights;
  for (int64_t record : existing) {
    bool view = viewable.count(record) > 0;
    bool edit = view && editable.count(record) > 0;
    bool remove = view && deletable.count(record) > 0;
    json::object field_rights;
    const FieldRights& on_record = record_fields[record];
    for (const auto& [code, top] : fields) {
      bool field_view = view && on_record.CanView(top);
      field_rights[code] = json::object{{"viewable", field_view},
                                        {"editable", field_view && edit && on_record.CanEdit(top)}};
    }
    rights.push_back(json::object{
        {"id", std::to_string(record)},
        {"record", json::object{{"viewable", view}, {"editable", edit}, {"deletable", remove}}},
        {"fields", std::move(field_rights)}});
  }
  json::object out{{"rights", std::move(rights)}};
  if (with_app_rights) {
    // App-wide: a field whose rule depends on the record is reported with
    // "dependsOnRecord" (viewable/editable then say what holds on every record).
    json::object fields_json;
    for (const auto& [code, top] : fields) {
      bool field_view = access.has(kAclView) && access.CanViewField(top);
      json::object f{{"viewable", field_view},
                     {"editable", field_view && access.has(kAclEdit) && access.CanEditField(top)}};
      if (DependsOnRecord(access, top)) f["dependsOnRecord"] = true;
      fields_json[code] = std::move(f);
    }
    out["app"] = json::object{
        {"appEditable", access.has(kAclManage)},     {"recordViewable", access.has(kAclView)},
        {"recordAddable", access.has(kAclAdd)},      {"recordEditable", access.has(kAclEdit)},
        {"recordDeletable", access.has(kAclDelete)}, {"recordImportable", access.has(kAclImport)},
        {"recordExportable", access.has(kAclExport)}};
    out["fields"] = std::move(fields_json);
  }
  return out;
}

Result<json::object> AccessCheckService::Evaluate(const Principal& who, int64_t app,
                                                  const std::vector<int64_t>& ids) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App a, LoadApp(tx, who, app, true));
    TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAppRights(tx, who, a));
    if (!access.has(kAclView) && !access.has(kAclAdd)) {
      return CheckRight(access, AppRight::kView);
    }
    TK_ASSIGN_OR_RETURN(out, EvaluateIn(tx, who, app, ids, false));
    return Status::Ok();
  }));
  return out;
}

Result<json::object> AccessCheckService::EvaluateAs(const Principal& manager, int64_t app,
                                                    const std::string& user_code,
                                                    const std::vector<int64_t>& ids) {
  TK_RETURN_IF_ERROR(RequireUser(manager));
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App a, LoadApp(tx, manager, app, true));
    TK_RETURN_IF_ERROR(CheckAppRight(tx, manager, a, AppRight::kManage));
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(user_code));
    if (!user) return Error(ErrorCode::kUserNotFound, {user_code});
    Principal as;
    as.user_id = user->id;
    as.user_code = user->code;
    as.user_name = user->name;
    as.is_admin = user->is_admin;
    as.time_zone = user->time_zone;
    as.primary_organization_id = user->primary_organization_id;
    TK_ASSIGN_OR_RETURN(out, EvaluateIn(tx, as, app, ids, true));
    return Status::Ok();
  }));
  return out;
}

Result<json::object> AccessCheckService::Rights(const Principal& who, int64_t app,
                                                std::optional<int64_t> record) {
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(App a, LoadApp(tx, who, app, true));
    TK_ASSIGN_OR_RETURN(auto live, forms_.Live(tx, a));
    TK_ASSIGN_OR_RETURN(AppAccess access, ResolveAccess(tx, who, a, *live));
    if (!access.has(kAclView) && !access.has(kAclAdd)) return CheckRight(access, AppRight::kView);
    bool view = false, edit = false, remove = false;
    FieldRights field_rules;
    if (record) {
      // The record's own rights, as its reads and writes evaluate them (record ACL included).
      RecordSchema schema{a.id, live->form, *live->codec, directory_};
      TK_ASSIGN_OR_RETURN(auto found, tx.records().FindMany(schema, {*record}, false));
      if (found.empty()) return Error(ErrorCode::kRecordNotFound, {std::to_string(*record)});
      field_rules =
          FieldRightsOn(who, access, live->form, directory_,
                        RecordEntities{&found[0].fields, found[0].creator, found[0].modifier});
      DirectoryEntityResolver resolver(directory_);
      query::QueryContext qc = MakeQueryContext(who, clock_.NowSeconds(), resolver, {});
      auto holds = [&](uint32_t right) -> Result<bool> {
        if (!access.has(right)) return false;
        TK_ASSIGN_OR_RETURN(auto allowed, RecordsAllowing(tx, who, access, *live, schema,
                                                          directory_, qc, {*record}, right));
        return allowed.count(*record) > 0;
      };
      TK_ASSIGN_OR_RETURN(view, holds(kAclView));
      TK_ASSIGN_OR_RETURN(edit, holds(kAclEdit));
      TK_ASSIGN_OR_RETURN(remove, holds(kAclDelete));
      edit = edit && view;
      remove = remove && view;
    } else {
      // A record being added has no creator, fields or id yet: record ACL rules (their
      // CREATOR and FIELD_ENTITY entries included) cannot apply, and the add is decided by
      // the app right alone, as RecordService::Add decides it. Field rules are matched
      // against an empty record created by the caller (CREATOR entries name them).
      view = edit = access.has(kAclAdd);
      json::object empty;
      field_rules = FieldRightsOn(who, access, live->form, directory_,
                                  RecordEntities{&empty, who.user_id, who.user_id});
    }
    std::vector<ValueField> fields;
    ValueFields(live->form.fields(), forms_.registry(), "", fields);
    json::object field_rights;
    for (const ValueField& f : fields) {
      bool field_view = view && field_rules.CanView(f.top);
      field_rights[f.code] = json::object{
          {"viewable", field_view},
          {"editable", field_view && edit && f.writable && field_rules.CanEdit(f.top)}};
    }
    json::object record_rights{{"viewable", view}, {"editable", edit}, {"deletable", remove}};
    if (!record) record_rights = json::object{{"addable", access.has(kAclAdd)}};
    out = json::object{{"app", json::object{{"appEditable", access.has(kAclManage)},
                                            {"recordViewable", access.has(kAclView)},
                                            {"recordAddable", access.has(kAclAdd)},
                                            {"recordEditable", access.has(kAclEdit)},
                                            {"recordDeletable", access.has(kAclDelete)},
                                            {"recordImportable", access.has(kAclImport)},
                                            {"recordExportable", access.has(kAclExport)}}},
                       {"record", std::move(record_rights)},
                       {"fields", std::move(field_rights)}};
    return Status::Ok();
  }));
  return out;
}

}  // namespace domain

#include "domain/apps/follow_form.h"

#include <map>
#include <set>

#include "domain/apps/app_repository.h"
#include "domain/apps/follow_settings.h"
#include "domain/apps/view_rules.h"
#include "domain/permissions/acl_repository.h"
#include "domain/records/record_context.h"
#include "domain/records/record_schema_lookup.h"
#include "query/parser.h"
#include "query/printer.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Status;

namespace {

// Field id -> code of every field, table columns included.
std::map<int64_t, std::string> CodesById(const FieldSet& form) {
  std::map<int64_t, std::string> out;
  for (const FieldDef& f : form.fields()) {
    out[f.id] = f.code;
    for (const FieldDef& inner : f.fields) out[inner.id] = inner.code;
  }
  return out;
}

// FIELD_ENTITY entries of `rule` naming a renamed field name it by its new code.
bool RenameFieldEntities(AclRule& rule, const query::FieldChanges& changes) {
  bool changed = false;
  for (AclEntry& e : rule.entries) {
    if (e.entity.type != AclEntityType::kFieldEntity) continue;
    if (auto it = changes.renamed.find(e.entity.code); it != changes.renamed.end()) {
      e.entity.code = it->second;
      changed = true;
    }
  }
  return changed;
}

// Field permissions: a renamed field keeps its rule under the new code (else a hidden field
// would show once renamed), a removed field's rule goes. Record-permission conditions follow
// renames; one naming a removed field stays for the deploy to refuse (dropping a condition
// would widen what the restricted users see). FIELD_ENTITY entries of both follow renames.
Status FollowAcls(Transaction& tx, int64_t app, const query::FieldChanges& changes) {
  TK_ASSIGN_OR_RETURN(AppAcls acls, tx.acls().Load(app, Stage::kPreview));
  std::vector<AclRule> fields;
  bool fields_changed = false;
  for (AclRule& rule : acls.fields) {
    if (RenameFieldEntities(rule, changes)) fields_changed = true;
    if (changes.removed.contains(rule.subject)) {
      fields_changed = true;
      continue;
    }
    if (auto it = changes.renamed.find(rule.subject); it != changes.renamed.end()) {
      rule.subject = it->second;
      fields_changed = true;
    }
    fields.push_back(std::move(rule));
  }
  if (fields_changed) TK_RETURN_IF_ERROR(tx.acls().SavePreview(app, AclKind::kField, fields));

  query::FieldChanges renames_only;
  renames_only.renamed = changes.renamed;
  bool records_changed = false;
  for (AclRule& rule : acls.records) {
    if (RenameFieldEntities(rule, changes)) records_changed = true;
    auto parsed = query::ParseCondition(rule.subject);
    if (!parsed.ok() || !*parsed) continue;
    bool touched = false;
    auto after = query::ApplyFieldChanges(**parsed, renames_only, touched);
    if (touched && after) {
      rule.subject = query::PrintCondition(*after);
      records_changed = true;
    }
  }
  if (records_changed) {
    TK_RETURN_IF_ERROR(tx.acls().SavePreview(app, AclKind::kRecord, acls.records));
  }
  return Status::Ok();
}

// Views follow; a view this edit breaks (it worked with the form before) refuses the edit.
Status FollowViews(Transaction& tx, const Principal& who, int64_t app, const FieldSet& before,
                   const FieldSet& after, const query::FieldChanges& changes, int64_t now) {
  TK_ASSIGN_OR_RETURN(auto doc, tx.apps().LoadSettings(app, Stage::kPreview, "views"));
  json::object* views =
      doc ? doc->if_contains("views") ? doc->at("views").if_object() : nullptr : nullptr;
  if (!views || views->empty()) return Status::Ok();
  NoEntities entities;
  query::QueryContext qc = MakeQueryContext(who, now, entities, {});
  std::set<std::string> broken_before;
  for (const ViewProblem& p : CheckViews(*views, app, before, qc)) {
    broken_before.insert(p.Key());
  }
  bool changed = FollowFieldChanges(*views, changes);
  Error errors = Error::Validation();
  for (const ViewProblem& p : CheckViews(*views, app, after, qc)) {
    if (broken_before.contains(p.Key())) continue;
    errors.AddField(p.Key(), common::Text::kViewBrokenByFormChange, {p.view, p.property});
    for (const common::Message& m : p.messages) errors.AddField(p.Key(), m);
  }
  if (errors.has_fields()) return errors;
  if (!changed) return Status::Ok();
  return tx.apps().SaveSettings(app, Stage::kPreview, "views", *doc);
}

// The general settings' title field follows a rename; a removed one falls back to AUTO.
Status FollowTitleField(Transaction& tx, int64_t app, const query::FieldChanges& changes) {
  TK_ASSIGN_OR_RETURN(auto doc, tx.apps().LoadSettings(app, Stage::kPreview, "settings"));
  json::object* title =
      doc && doc->contains("titleField") ? doc->at("titleField").if_object() : nullptr;
  const json::value* code = title ? title->if_contains("code") : nullptr;
  if (!code || !code->is_string() || code->as_string().empty()) return Status::Ok();
  std::string current(code->as_string());
  if (changes.removed.contains(current)) {
    (*title)["selectionMode"] = "AUTO";
    (*title)["code"] = "";
  } else if (auto it = changes.renamed.find(current); it != changes.renamed.end()) {
    (*title)["code"] = it->second;
  } else {
    return Status::Ok();
  }
  return tx.apps().SaveSettings(app, Stage::kPreview, "settings", *doc);
}

}  // namespace

query::FieldChanges DiffFields(const FieldSet& before, const FieldSet& after) {
  query::FieldChanges changes;
  std::map<int64_t, std::string> now = CodesById(after);
  for (const auto& [field_id, code] : CodesById(before)) {
    auto it = now.find(field_id);
    if (it == now.end()) {
      changes.removed.insert(code);
    } else if (it->second != code) {
      changes.renamed[code] = it->second;
    }
  }
  return changes;
}

Status FollowFormEdit(Transaction& tx, const Principal& who, int64_t app, const FieldSet& before,
                      const FieldSet& after, int64_t now) {
  query::FieldChanges changes = DiffFields(before, after);
  // Views are checked even without renames: a type change can break a condition.
  TK_RETURN_IF_ERROR(FollowViews(tx, who, app, before, after, changes, now));
  if (changes.empty()) return Status::Ok();
  TK_RETURN_IF_ERROR(FollowAcls(tx, app, changes));
  TK_RETURN_IF_ERROR(FollowTitleField(tx, app, changes));
  for (std::string_view kind : kFieldNamingSettings) {
    TK_ASSIGN_OR_RETURN(auto doc, tx.apps().LoadSettings(app, Stage::kPreview, kind));
    if (doc && FollowRenamesInSettings(kind, *doc, changes, app)) {
      TK_RETURN_IF_ERROR(tx.apps().SaveSettings(app, Stage::kPreview, kind, *doc));
    }
  }
  return Status::Ok();
}

}  // namespace domain

#include "domain/apps/datasource_rules.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>

#include "common/error_code.h"
#include "domain/apps/app_repository.h"
#include "domain/apps/app_service.h"
#include "domain/apps/form_service.h"
#include "domain/apps/json_at.h"
#include "domain/apps/view_rules.h"
#include "domain/permissions/access.h"
#include "domain/records/record_schema_lookup.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::FieldType;
using common::Result;
using common::Status;
using common::Text;

namespace {

const json::object* ObjectAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

const json::array* ArrayAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_array() : nullptr;
}

bool OneOf(FieldType t, std::initializer_list<FieldType> types) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

// kintone's copy rules: a lookup copies a value only into a field of the same kind, with
// the system fields copied as the kind they show (§4.7: NUMBER into SINGLE_LINE_TEXT is a
// mismatch). A record number, plain or prefixed with the app code, fits text and numbers.
bool Copyable(FieldType from, FieldType to) {
  switch (from) {
    case FieldType::kRecordNumber:
      return OneOf(to, {FieldType::kSingleLineText, FieldType::kNumber});
    case FieldType::kCalc:
      return to == FieldType::kNumber;
    case FieldType::kCreator:
    case FieldType::kModifier:
      return to == FieldType::kUserSelect;
    case FieldType::kCreatedTime:
    case FieldType::kUpdatedTime:
      return to == FieldType::kDateTime;
    case FieldType::kSingleLineText:
    case FieldType::kNumber:
    case FieldType::kMultiLineText:
    case FieldType::kRichText:
    case FieldType::kLink:
    case FieldType::kCheckBox:
    case FieldType::kRadioButton:
    case FieldType::kDropDown:
    case FieldType::kMultiSelect:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDateTime:
    case FieldType::kUserSelect:
    case FieldType::kOrganizationSelect:
    case FieldType::kGroupSelect:
      return to == from;
    default:  // files, tables, related records, layout and process fields are not copied
      return false;
  }
}

// A lookup key must be unique in its app (§4.7), so only types that can prohibit duplicates,
// and the record number; a number lookup keys on numbers, a text lookup on text.
bool KeyFits(FieldType lookup, FieldType key) {
  if (key == FieldType::kRecordNumber) return true;
  if (lookup == FieldType::kNumber) return key == FieldType::kNumber;
  return OneOf(key, {FieldType::kSingleLineText, FieldType::kLink});
}

// The two sides of a related-records condition are compared as text or as numbers; the
// record number (plain or prefixed with the app code) compares with either.
enum class ConditionKind { kNone, kText, kNumber };
ConditionKind KindOf(FieldType t) {
  if (OneOf(t, {FieldType::kSingleLineText, FieldType::kLink})) return ConditionKind::kText;
  if (OneOf(t, {FieldType::kNumber, FieldType::kCalc})) return ConditionKind::kNumber;
  return ConditionKind::kNone;
}
bool Comparable(FieldType t) {
  return t == FieldType::kRecordNumber || KindOf(t) != ConditionKind::kNone;
}
bool ConditionFits(FieldType ours, FieldType theirs) {
  if (!Comparable(ours) || !Comparable(theirs)) return false;
  if (ours == FieldType::kRecordNumber || theirs == FieldType::kRecordNumber) return true;
  return KindOf(ours) == KindOf(theirs);
}

// Errors of LoadApp that mean "the caller cannot see that app".
bool Hidden(const Error& e) {
  switch (e.code()) {
    case common::ErrorCode::kAppNotFound:
    case common::ErrorCode::kNoPrivilege:
    case common::ErrorCode::kTokenNotForApp:
    case common::ErrorCode::kTokenNoPermission:
      return true;
    default:
      return false;
  }
}

std::string TypeName(FieldType t) { return std::string(common::FieldTypeName(t)); }

// Checks one field's lookup or referenceTable definition; errors go to `errors` under `key`.
class DefinitionCheck {
 public:
  DefinitionCheck(const FieldSet& form, const DatasourceFinder& find, const query::QueryContext& qc,
                  Error& errors)
      : form_(form), find_(find), qc_(qc), errors_(errors) {}

  Status Lookup(const FieldDef& field, const json::object& lookup, const std::string& key) {
    TK_ASSIGN_OR_RETURN(auto source, Resolve(lookup, key));
    if (!source) return Status::Ok();
    std::string_view key_code = StringAt(lookup, "relatedKeyField");
    if (!key_code.empty() && key_code != "$id") {  // empty and $id: the definition reader
      if (const FieldDef* k = SourceField(*source, key_code, key + ".relatedKeyField")) {
        if (!KeyFits(field.type, k->type)) {
          errors_.AddField(key + ".relatedKeyField", Text::kBadLookupKeyField);
        }
      }
    }
    const FieldDef* table = form_.TableOf(field.code);
    if (const json::array* mappings = ArrayAt(lookup, "fieldMappings")) {
      for (size_t i = 0; i < mappings->size(); ++i) {
        const json::object* m = (*mappings)[i].if_object();
        if (!m) continue;
        std::string at = key + ".fieldMappings[" + std::to_string(i) + "]";
        std::string_view target_code = StringAt(*m, "field");
        std::string_view related = StringAt(*m, "relatedField");
        if (target_code.empty() || related.empty()) continue;  // the definition reader's
        const FieldDef* target = form_.Find(target_code);
        if (!target) {
          errors_.AddField(at + ".field", Text::kFieldCodeNotFound, {std::string(target_code)});
        } else if (form_.TableOf(target_code) != table || target->code == field.code) {
          errors_.AddField(at + ".field", Text::kLookupTargetOutOfScope);
          target = nullptr;
        }
        const FieldDef* from = SourceField(*source, related, at + ".relatedField");
        if (target && from && !Copyable(from->type, target->type)) {
          errors_.AddField(at + ".field", Text::kDatasourceTypeMismatch,
                           {from->code, TypeName(from->type), TypeName(target->type)});
        }
      }
    }
    if (const json::array* picker = ArrayAt(lookup, "lookupPickerFields")) {
      for (size_t i = 0; i < picker->size(); ++i) {
        if (!(*picker)[i].is_string()) continue;
        SourceField(*source, (*picker)[i].as_string(),
                    key + ".lookupPickerFields[" + std::to_string(i) + "]");
      }
    }
    Queries(*source, lookup, key);
    return Status::Ok();
  }

  Status ReferenceTable(const json::object& table, const std::string& key) {
    TK_ASSIGN_OR_RETURN(auto source, Resolve(table, key));
    if (!source) return Status::Ok();
    if (const json::object* condition = ObjectAt(table, "condition")) {
      std::string_view ours_code = StringAt(*condition, "field");
      std::string_view theirs_code = StringAt(*condition, "relatedField");
      const FieldDef* ours = nullptr;
      if (!ours_code.empty()) {
        ours = form_.FindTopLevel(ours_code);
        if (!ours) {
          errors_.AddField(
              key + ".condition.field",
              form_.Find(ours_code) ? Text::kRelatedConditionType : Text::kFieldCodeNotFound,
              {std::string(ours_code)});
        } else if (!Comparable(ours->type)) {
          errors_.AddField(key + ".condition.field", Text::kRelatedConditionType);
          ours = nullptr;
        }
      }
      const FieldDef* theirs = nullptr;
      if (!theirs_code.empty()) {
        theirs = SourceField(*source, theirs_code, key + ".condition.relatedField");
      }
      if (ours && theirs && !ConditionFits(ours->type, theirs->type)) {
        errors_.AddField(key + ".condition.relatedField", Text::kRelatedConditionType);
      }
    }
    if (const json::array* display = ArrayAt(table, "displayFields")) {
      for (size_t i = 0; i < display->size(); ++i) {
        if (!(*display)[i].is_string()) continue;
        SourceField(*source, (*display)[i].as_string(),
                    key + ".displayFields[" + std::to_string(i) + "]");
      }
    }
    Queries(*source, table, key);
    return Status::Ok();
  }

 private:
  Result<std::optional<Datasource>> Resolve(const json::object& definition,
                                            const std::string& key) {
    const json::object* related = ObjectAt(definition, "relatedApp");
    if (!related) return std::optional<Datasource>();  // the definition reader's error
    std::string_view app = StringAt(*related, "app");
    std::string_view code = StringAt(*related, "code");
    if (app.empty() && code.empty()) return std::optional<Datasource>();
    TK_ASSIGN_OR_RETURN(auto source, find_(app, code));
    if (!source) {
      errors_.AddField(key + (code.empty() ? ".relatedApp.app" : ".relatedApp.code"),
                       Text::kDatasourceAppNotFound, {std::string(code.empty() ? app : code)});
    }
    return source;
  }

  // A top-level field of the datasource (fields inside its tables cannot be looked up,
  // copied or listed), or nullptr with the error under `key`.
  const FieldDef* SourceField(const Datasource& source, std::string_view code,
                              const std::string& key) {
    if (const FieldDef* f = source.form.FindTopLevel(code)) return f;
    if (source.form.Find(code)) {
      errors_.AddField(key, Text::kDatasourceFieldInTable);
    } else {
      errors_.AddField(key, Text::kFieldCodeNotFound, {std::string(code)});
    }
    return nullptr;
  }

  // filterCond and sort select and order the datasource's records: they name its fields.
  void Queries(const Datasource& source, const json::object& definition, const std::string& key) {
    if (std::string_view cond = StringAt(definition, "filterCond"); !cond.empty()) {
      Status ok = CheckCondition(cond, source.app, source.form, qc_);
      if (!ok.ok()) {
        for (common::Message& m : QueryErrorMessages(ok.error())) {
          errors_.AddField(key + ".filterCond", std::move(m));
        }
      }
    }
    if (std::string_view sort = StringAt(definition, "sort"); !sort.empty()) {
      Status ok = CheckSort(sort, source.app, source.form, qc_);
      if (!ok.ok()) {
        for (common::Message& m : QueryErrorMessages(ok.error())) {
          errors_.AddField(key + ".sort", std::move(m));
        }
      }
    }
  }

  const FieldSet& form_;
  const DatasourceFinder& find_;
  const query::QueryContext& qc_;
  Error& errors_;
};

// Calls `visit(field, key)` for every field of `form`, inner ones included, with the key
// prefix of its definition errors.
template <typename Visit>
Status ForEachField(const FieldSet& form, Visit visit) {
  for (const FieldDef& f : form.fields()) {
    std::string key = "properties[" + f.code + "]";
    TK_RETURN_IF_ERROR(visit(f, key));
    for (const FieldDef& inner : f.fields) {
      TK_RETURN_IF_ERROR(visit(inner, key + ".fields[" + inner.code + "]"));
    }
  }
  return Status::Ok();
}

const json::object* DefinitionOf(const FieldDef* f, std::string_view kind) {
  return f ? ObjectAt(f->properties, kind) : nullptr;
}

bool NamesRemoved(const json::object& definition, const query::FieldChanges& changes) {
  if (const json::array* mappings = ArrayAt(definition, "fieldMappings")) {
    for (const json::value& m : *mappings) {
      if (m.is_object() && changes.removed.contains(StringAt(m.as_object(), "field"))) {
        return true;
      }
    }
  }
  const json::object* condition = ObjectAt(definition, "condition");
  return condition && changes.removed.contains(StringAt(*condition, "field"));
}

}  // namespace

Status CheckDatasourceFields(const FieldSet* before, const FieldSet& after,
                             const query::FieldChanges& changes, const DatasourceFinder& find,
                             const query::QueryContext& qc) {
  Error errors = Error::Validation();
  DefinitionCheck check(after, find, qc, errors);
  TK_RETURN_IF_ERROR(ForEachField(after, [&](const FieldDef& f, const std::string& key) -> Status {
    const FieldDef* old = before ? before->FindById(f.id) : nullptr;
    for (std::string_view kind : {"lookup", "referenceTable"}) {
      const json::object* now = DefinitionOf(&f, kind);
      if (!now) continue;
      const json::object* was = DefinitionOf(old, kind);
      if (was && *was == *now && !NamesRemoved(*now, changes)) continue;
      std::string at = key + "." + std::string(kind);
      TK_RETURN_IF_ERROR(kind == "lookup" ? check.Lookup(f, *now, at)
                                          : check.ReferenceTable(*now, at));
    }
    return Status::Ok();
  }));
  if (errors.has_fields()) return errors;
  return Status::Ok();
}

Status CheckLookupKeysUnique(const FieldSet& form, const DatasourceFinder& find) {
  return ForEachField(form, [&](const FieldDef& f, const std::string&) -> Status {
    const json::object* lookup = DefinitionOf(&f, "lookup");
    if (!lookup) return Status::Ok();
    const json::object* related = ObjectAt(*lookup, "relatedApp");
    if (!related) return Status::Ok();
    TK_ASSIGN_OR_RETURN(auto source, find(StringAt(*related, "app"), StringAt(*related, "code")));
    if (!source) return Status::Ok();
    const FieldDef* key = source->form.FindTopLevel(StringAt(*lookup, "relatedKeyField"));
    if (key && key->type != FieldType::kRecordNumber && !key->unique) {
      return Error(common::ErrorCode::kLookupKeyNotUnique)
          .WithDetail("properties[" + f.code + "].lookup.relatedKeyField");
    }
    return Status::Ok();
  });
}

FieldSet FollowChangesInDatasourceFields(const FieldSet& form, const query::FieldChanges& changes) {
  if (changes.empty()) return form;
  std::vector<FieldDef> fields = form.fields();
  auto follow = [&](FieldDef& f) {
    bool changed = false;
    if (json::value* l = f.properties.if_contains("lookup"); l && l->is_object()) {
      if (json::value* m = l->as_object().if_contains("fieldMappings"); m && m->is_array()) {
        json::array kept;
        for (json::value& item : m->as_array()) {
          json::object* o = item.if_object();
          json::value* target = o ? o->if_contains("field") : nullptr;
          if (target && target->is_string()) {
            std::string_view code = target->as_string();
            if (changes.removed.contains(code)) {
              changed = true;
              continue;
            }
            if (auto it = changes.renamed.find(code); it != changes.renamed.end()) {
              *target = it->second;
              changed = true;
            }
          }
          kept.push_back(std::move(item));
        }
        *m = std::move(kept);
      }
    }
    if (json::value* t = f.properties.if_contains("referenceTable"); t && t->is_object()) {
      if (json::value* c = t->as_object().if_contains("condition"); c && c->is_object()) {
        json::value* ours = c->as_object().if_contains("field");
        if (ours && ours->is_string()) {
          if (auto it = changes.renamed.find(ours->as_string()); it != changes.renamed.end()) {
            *ours = it->second;
            changed = true;
          }
        }
      }
    }
    if (changed) ParseDefinitionProperties(f);  // lookup_mappings follow the JSON
  };
  for (FieldDef& f : fields) {
    follow(f);
    for (FieldDef& inner : f.fields) follow(inner);
  }
  return FieldSet(std::move(fields));
}

Result<FieldSet> FillDatasourceSorts(const FieldSet& form, const DatasourceFinder& find) {
  std::vector<FieldDef> fields = form.fields();
  bool changed = false;
  auto fill = [&](FieldDef& f) -> Status {
    for (const char* kind : {"lookup", "referenceTable"}) {
      json::value* v = f.properties.if_contains(kind);
      json::object* o = v ? v->if_object() : nullptr;
      if (!o || !StringAt(*o, "sort").empty()) continue;
      const json::object* related = ObjectAt(*o, "relatedApp");
      if (!related) continue;
      TK_ASSIGN_OR_RETURN(auto source, find(StringAt(*related, "app"), StringAt(*related, "code")));
      if (!source) continue;
      if (const FieldDef* number = source->form.FindByType(FieldType::kRecordNumber)) {
        (*o)["sort"] = number->code + " desc";
        changed = true;
      }
    }
    return Status::Ok();
  };
  for (FieldDef& f : fields) {
    TK_RETURN_IF_ERROR(fill(f));
    for (FieldDef& inner : f.fields) TK_RETURN_IF_ERROR(fill(inner));
  }
  if (!changed) return form;
  return FieldSet(std::move(fields));
}

DatasourceFinder MakeDatasourceFinder(Transaction& tx, const FieldTypeRegistry& registry,
                                      const Principal& who, int64_t self,
                                      const FieldSet& self_form) {
  return [&tx, &registry, &who, self, &self_form](
             std::string_view app, std::string_view code) -> Result<std::optional<Datasource>> {
    int64_t id = 0;
    if (!code.empty()) {
      AppFilter filter;
      filter.codes = {std::string(code)};
      filter.limit = 1;
      TK_ASSIGN_OR_RETURN(std::vector<App> found, tx.apps().List(filter));
      if (found.empty()) return std::optional<Datasource>();
      id = found.front().id;
    } else if (std::from_chars(app.data(), app.data() + app.size(), id).ec != std::errc() ||
               id <= 0) {
      return std::optional<Datasource>();
    }
    if (id == self) return std::optional<Datasource>(Datasource{self, self_form});
    Result<App> loaded = LoadApp(tx, who, id, true);
    if (!loaded.ok()) {
      if (Hidden(loaded.error())) return std::optional<Datasource>();
      return loaded.error();
    }
    if (Status visible = CheckAppVisible(tx, who, loaded.value()); !visible.ok()) {
      if (Hidden(visible.error())) return std::optional<Datasource>();
      return visible.error();
    }
    TK_ASSIGN_OR_RETURN(FieldSet form, LoadForm(tx, registry, id, Stage::kLive));
    return std::optional<Datasource>(Datasource{id, std::move(form)});
  };
}

}  // namespace domain

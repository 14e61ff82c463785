#include "domain/apps/follow_settings.h"

#include <string>

#include "query/parser.h"
#include "query/printer.h"

namespace domain {

namespace json = boost::json;

namespace {

// Replaces the string `v` by its new code when it names a renamed field.
bool RenameCode(json::value* v, const query::FieldChanges& changes) {
  if (!v || !v->is_string()) return false;
  auto it = changes.renamed.find(v->as_string());
  if (it == changes.renamed.end()) return false;
  *v = it->second;
  return true;
}

// A condition string rewritten through the query AST, never by text.
bool RenameInCondition(json::value* v, const query::FieldChanges& changes) {
  if (!v || !v->is_string() || v->as_string().empty()) return false;
  auto parsed = query::ParseCondition(v->as_string());
  if (!parsed.ok() || !*parsed) return false;
  bool touched = false;
  auto after = query::ApplyFieldChanges(**parsed, changes, touched);
  if (!touched || !after) return false;
  *v = query::PrintCondition(*after);
  return true;
}

// Walks `value`: every `filterCond` is a condition on this app, every {type: FIELD_ENTITY,
// code} a recipient, assignee or executor chosen by a field, and `codes_under` names the
// members whose `code` is a field of this app (a report's groups and aggregations, a
// reminder's timing), `srcField` an app action's source field, and `destField` one too when
// the action copies into this same app (`self_dest`).
bool Walk(json::value& value, std::string_view parent, const query::FieldChanges& changes,
          std::string_view self, bool self_dest) {
  bool changed = false;
  if (json::array* a = value.if_array()) {
    for (json::value& item : *a) changed |= Walk(item, parent, changes, self, self_dest);
    return changed;
  }
  json::object* o = value.if_object();
  if (!o) return false;
  const json::value* type = o->if_contains("type");
  bool field_entity = type && type->is_string() && type->as_string() == "FIELD_ENTITY";
  if (field_entity || parent == "groups" || parent == "aggregations" || parent == "timing") {
    changed |= RenameCode(o->if_contains("code"), changes);
  }
  changed |= RenameCode(o->if_contains("srcField"), changes);
  if (self_dest) changed |= RenameCode(o->if_contains("destField"), changes);
  changed |= RenameInCondition(o->if_contains("filterCond"), changes);
  if (const json::object* dest =
          o->if_contains("destApp") ? o->at("destApp").if_object() : nullptr) {
    const json::value* id = dest->if_contains("app");
    self_dest = id && id->is_string() && id->as_string() == self;
  }
  for (auto& kv : *o) {
    if (kv.value().is_structured()) changed |= Walk(kv.value(), kv.key(), changes, self, self_dest);
  }
  return changed;
}

}  // namespace

bool FollowRenamesInSettings(std::string_view kind, json::object& doc,
                             const query::FieldChanges& changes, int64_t app) {
  if (changes.renamed.empty()) return false;
  query::FieldChanges renames_only;
  renames_only.renamed = changes.renamed;
  json::value root(std::move(doc));
  bool changed = Walk(root, kind, renames_only, std::to_string(app), false);
  doc = std::move(root.as_object());
  return changed;
}

}  // namespace domain

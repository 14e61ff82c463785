#include "domain/fields/entity_field.h"

#include "domain/fields/behavior_support.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

boost::json::object EntityJson(const Entity& e) {
  return boost::json::object{{"code", JsonString(e.code)}, {"name", JsonString(e.name)}};
}

// An array of {code, type} with `type` from `allowed`.
void NormalizeEntityList(DefinitionReader& r, std::string_view prop,
                         std::initializer_list<std::string_view> allowed,
                         std::string_view function) {
  boost::json::array out;
  if (const boost::json::value* v = r.Get(prop)) {
    if (!v->is_array()) {
      r.Error(prop, common::Text::kNotArray);
    } else {
      for (const boost::json::value& item : v->get_array()) {
        const boost::json::object* o = item.if_object();
        const boost::json::value* code = o != nullptr ? o->if_contains("code") : nullptr;
        const boost::json::value* type = o != nullptr ? o->if_contains("type") : nullptr;
        if (code == nullptr || !code->is_string() || code->get_string().empty() ||
            type == nullptr || !type->is_string()) {
          r.Error(prop, common::Text::kBadValueShape);
          continue;
        }
        std::string_view t = type->get_string();
        bool ok = false;
        for (std::string_view a : allowed) ok = ok || a == t;
        if (t == "FUNCTION") ok = !function.empty() && code->get_string() == function;
        if (!ok) {
          r.Error(prop, common::Text::kEnumValue);
          continue;
        }
        out.push_back(boost::json::object{{"code", *code}, {"type", *type}});
      }
    }
  }
  r.out()[prop] = std::move(out);
}

}  // namespace

void EntitySelectBehavior::NormalizeDefinition(DefinitionReader& r) const {
  r.Bool("required", false);
  NormalizeEntityList(r, "entities", {"USER", "GROUP", "ORGANIZATION"}, {});
  NormalizeEntityList(r, "defaultValue", {"USER", "GROUP", "ORGANIZATION", "FUNCTION"}, function_);
}

boost::json::value EntitySelectBehavior::Coerce(const boost::json::value& sent,
                                                WriteArgs& args) const {
  if (sent.is_null()) return boost::json::array();
  const boost::json::array* in = sent.if_array();
  if (in == nullptr) {
    args.Fail(args.key.With(".values.value"), common::Text::kBadValueShape);
    return boost::json::array();
  }
  boost::json::array out;
  out.reserve(in->size());
  for (const boost::json::value& item : *in) {
    const boost::json::object* o = item.if_object();
    const boost::json::value* code = o != nullptr ? o->if_contains("code") : nullptr;
    if (code == nullptr || !code->is_string()) {
      args.Fail(args.key.With(".values.value"), common::Text::kBadValueShape);
      continue;
    }
    std::optional<Entity> e = args.context.directory.Find(kind_, Sv(code->get_string()));
    if (!e) {
      args.Fail(args.key.With(".values.value"), common::Text::kBadEntity,
                {std::string(Sv(code->get_string()))});
      continue;
    }
    out.push_back(EntityJson(*e));
  }
  return out;
}

boost::json::value EntitySelectBehavior::DefaultValue(WriteArgs& args) const {
  boost::json::array out;
  const boost::json::array* defaults = args.def.default_value.if_array();
  if (defaults == nullptr) return out;
  for (const boost::json::value& item : *defaults) {
    const boost::json::object* o = item.if_object();
    const boost::json::value* code = o != nullptr ? o->if_contains("code") : nullptr;
    const boost::json::value* type = o != nullptr ? o->if_contains("type") : nullptr;
    if (code == nullptr || type == nullptr || !code->is_string() || !type->is_string()) continue;
    std::string_view c = code->get_string();
    if (type->get_string() == "FUNCTION") {
      if (c != function_) continue;
      c = kind_ == EntityKind::kUser ? args.context.login_user : args.context.primary_organization;
    } else if (type->get_string() != kind_name_) {
      continue;  // e.g. an organization among a USER_SELECT's defaults
    }
    if (c.empty()) continue;
    // A default naming someone who has since left the directory is skipped, not an error.
    if (std::optional<Entity> e = args.context.directory.Find(kind_, c))
      out.push_back(EntityJson(*e));
  }
  return out;
}

void EntitySelectBehavior::AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const {
  out.push_back(TextColumn(def.id, true, "[]"));
}

void EntitySelectBehavior::AppendIds(const boost::json::value& value,
                                     const EntityDirectory& directory, boost::json::array* json,
                                     std::vector<common::SqlValue>* sql) const {
  const boost::json::array* items = value.if_array();
  if (items == nullptr) return;
  for (const boost::json::value& item : *items) {
    const boost::json::object* o = item.if_object();
    const boost::json::value* code = o != nullptr ? o->if_contains("code") : nullptr;
    if (code == nullptr || !code->is_string()) continue;
    std::optional<Entity> e = directory.Find(kind_, Sv(code->get_string()));
    if (!e) continue;
    if (json != nullptr) json->push_back(e->id);
    if (sql != nullptr) sql->emplace_back(e->id);
  }
}

void EntitySelectBehavior::AppendSqlValues(const FieldDef&, const boost::json::value& value,
                                           const EntityDirectory& directory,
                                           std::vector<common::SqlValue>& out) const {
  boost::json::array ids;
  AppendIds(value, directory, &ids, nullptr);
  out.push_back(SqlJson(ids));
}

boost::json::value EntitySelectBehavior::FromSql(const FieldDef&,
                                                 std::span<const common::SqlValue> columns,
                                                 const EntityDirectory& directory) const {
  boost::json::array out;
  for (const boost::json::value& id : SqlJsonArray(columns)) {
    if (!id.is_int64()) continue;
    // Ids of entities deleted from the directory are dropped from the value.
    if (std::optional<Entity> e = directory.FindById(kind_, id.get_int64())) {
      out.push_back(EntityJson(*e));
    }
  }
  return out;
}

void EntitySelectBehavior::AppendMultiValues(const FieldDef&, const boost::json::value& value,
                                             const EntityDirectory& directory,
                                             std::vector<common::SqlValue>& out) const {
  AppendIds(value, directory, nullptr, &out);
}

}  // namespace domain

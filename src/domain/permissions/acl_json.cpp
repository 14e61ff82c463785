#include "domain/permissions/acl_json.h"

#include <algorithm>
#include <boost/json/object.hpp>

namespace domain {

namespace json = boost::json;
using common::Error;
using common::FieldType;
using common::Result;
using common::Status;
using common::Text;

namespace {

// Collects CB_VA01 field errors; the first non-validation error (unknown code) wins outright.
struct Parse {
  explicit Parse(AclEntityCodes& c) : codes(c) {}
  AclEntityCodes& codes;
  Error errors = Error::Validation();
  std::optional<Error> fatal;

  void Fail(Error e) {
    if (!fatal) fatal = std::move(e);
  }

  // A flag: absent → false; true/false or "true"/"false".
  bool Flag(const json::object& o, std::string_view name, const std::string& base) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return false;
    if (v->is_bool()) return v->as_bool();
    if (v->is_string() && (v->as_string() == "true" || v->as_string() == "false")) {
      return v->as_string() == "true";
    }
    errors.AddField(base + "." + std::string(name), Text::kNotBoolean);
    return false;
  }

  const json::array* List(const json::value* v, const std::string& key) {
    if (!v || v->is_null()) {
      errors.AddField(key, Text::kRequired);
      return nullptr;
    }
    if (!v->is_array()) {
      errors.AddField(key, Text::kNotArray);
      return nullptr;
    }
    return &v->as_array();
  }

  const json::object* Object(const json::value& v, const std::string& key) {
    if (!v.is_object()) {
      errors.AddField(key, Text::kNotObject);
      return nullptr;
    }
    return &v.as_object();
  }

  // entity {type, code} of an entry at `base` (its includeSubs read from `entry`).
  std::optional<AclEntity> Entity(const json::object& entry, const std::string& base,
                                  const std::vector<AclEntityType>& allowed, const FieldSet* form) {
    const json::value* v = entry.if_contains("entity");
    std::string key = base + ".entity";
    if (!v || v->is_null()) {
      errors.AddField(key, Text::kRequired);
      return std::nullopt;
    }
    const json::object* o = Object(*v, key);
    if (!o) return std::nullopt;
    const json::value* type = o->if_contains("type");
    std::optional<AclEntityType> t;
    if (type && type->is_string()) t = ParseAclEntityType(type->as_string());
    if (!type || type->is_null()) {
      errors.AddField(key + ".type", Text::kRequired);
      return std::nullopt;
    }
    if (!t || std::find(allowed.begin(), allowed.end(), *t) == allowed.end()) {
      errors.AddField(key + ".type", Text::kEnumValue);
      return std::nullopt;
    }
    AclEntity e;
    e.type = *t;
    bool subs = Flag(entry, "includeSubs", base);
    if (e.type == AclEntityType::kCreator) return e;
    const json::value* code = o->if_contains("code");
    if (!code || code->is_null() || (code->is_string() && code->as_string().empty())) {
      errors.AddField(key + ".code", Text::kRequired);
      return std::nullopt;
    }
    if (!code->is_string()) {
      errors.AddField(key + ".code", Text::kNotString);
      return std::nullopt;
    }
    std::string c(code->as_string());
    if (e.type == AclEntityType::kFieldEntity) {
      const FieldDef* f = form ? form->FindTopLevel(c) : nullptr;
      static constexpr FieldType kEntityFields[] = {
          FieldType::kUserSelect, FieldType::kOrganizationSelect, FieldType::kGroupSelect,
          FieldType::kCreator, FieldType::kModifier};
      if (!f || std::find(std::begin(kEntityFields), std::end(kEntityFields), f->type) ==
                    std::end(kEntityFields)) {
        errors.AddField(key + ".code", Text::kFieldCodeNotFound, {c});
        return std::nullopt;
      }
      e.code = c;
      e.include_subs = subs && f->type == FieldType::kOrganizationSelect;
      return e;
    }
    if (e.type == AclEntityType::kGroup && c == kEveryoneGroup) {
      e.code = c;
      return e;
    }
    auto id = codes.Id(e.type, c);
    if (!id.ok()) {
      Fail(std::move(id).error());
      return std::nullopt;
    }
    e.id = *id;
    e.include_subs = subs && e.type == AclEntityType::kOrganization;
    return e;
  }

  template <typename T>
  Result<T> Finish(T value) {
    if (fatal) return *fatal;
    if (errors.has_fields()) return errors;
    return value;
  }
};

std::string Index(const std::string& base, size_t i) {
  return base + "[" + std::to_string(i) + "]";
}

json::value EntityJson(const AclEntity& e, AclEntityCodes& codes, bool& alive) {
  json::object o{{"type", AclEntityTypeName(e.type)}};
  alive = true;
  switch (e.type) {
    case AclEntityType::kCreator:
      o["code"] = nullptr;
      break;
    case AclEntityType::kFieldEntity:
      o["code"] = e.code;
      break;
    default:
      if (e.is_everyone()) {
        o["code"] = e.code;
      } else if (auto code = codes.Code(e.type, e.id)) {
        o["code"] = *code;
      } else {
        alive = false;
      }
  }
  return o;
}

}  // namespace

Result<std::vector<AclEntry>> ParseAppAcl(const json::value& rights, AclEntityCodes& codes) {
  Parse p(codes);
  std::vector<AclEntry> out;
  const json::array* list = p.List(&rights, "rights");
  for (size_t i = 0; list && i < list->size(); ++i) {
    std::string base = Index("rights", i);
    const json::object* o = p.Object((*list)[i], base);
    if (!o) continue;
    auto entity = p.Entity(*o, base,
                           {AclEntityType::kUser, AclEntityType::kGroup,
                            AclEntityType::kOrganization, AclEntityType::kCreator},
                           nullptr);
    AclEntry e;
    static constexpr std::pair<const char*, AclRight> kFlags[] = {
        {"appEditable", kAclManage},     {"recordViewable", kAclView},
        {"recordAddable", kAclAdd},      {"recordEditable", kAclEdit},
        {"recordDeletable", kAclDelete}, {"recordImportable", kAclImport},
        {"recordExportable", kAclExport}};
    for (const auto& [name, bit] : kFlags) {
      if (p.Flag(*o, name, base)) e.rights |= bit;
    }
    // kintone: editing or deleting needs viewing; importing needs adding.
    if ((e.rights & (kAclEdit | kAclDelete)) && !(e.rights & kAclView)) {
      p.errors.AddField(base + ".recordViewable", Text::kAclViewRequired);
    }
    if ((e.rights & kAclImport) && !(e.rights & kAclAdd)) {
      p.errors.AddField(base + ".recordAddable", Text::kAclAddRequired);
    }
    if (!entity) continue;
    e.entity = *entity;
    out.push_back(std::move(e));
  }
  return p.Finish(std::move(out));
}

Result<std::vector<AclRule>> ParseRecordAcl(const json::value& rights, AclEntityCodes& codes,
                                            const FieldSet& form, const FilterCheck& check_filter) {
  Parse p(codes);
  std::vector<AclRule> out;
  const json::array* list = p.List(&rights, "rights");
  for (size_t i = 0; list && i < list->size(); ++i) {
    std::string base = Index("rights", i);
    const json::object* o = p.Object((*list)[i], base);
    if (!o) continue;
    AclRule rule;
    if (const json::value* f = o->if_contains("filterCond"); f && !f->is_null()) {
      if (!f->is_string()) {
        p.errors.AddField(base + ".filterCond", Text::kNotString);
      } else {
        rule.subject = std::string(f->as_string());
        Status s = check_filter(rule.subject);
        if (!s.ok()) p.Fail(std::move(s).error());
      }
    }
    const json::array* entities = p.List(o->if_contains("entities"), base + ".entities");
    for (size_t j = 0; entities && j < entities->size(); ++j) {
      std::string eb = Index(base + ".entities", j);
      const json::object* eo = p.Object((*entities)[j], eb);
      if (!eo) continue;
      auto entity =
          p.Entity(*eo, eb,
                   {AclEntityType::kUser, AclEntityType::kGroup, AclEntityType::kOrganization,
                    AclEntityType::kFieldEntity, AclEntityType::kCreator},
                   &form);
      AclEntry e;
      if (p.Flag(*eo, "viewable", eb)) e.rights |= kAclView;
      if (p.Flag(*eo, "editable", eb)) e.rights |= kAclEdit;
      if (p.Flag(*eo, "deletable", eb)) e.rights |= kAclDelete;
      if ((e.rights & (kAclEdit | kAclDelete)) && !(e.rights & kAclView)) {
        p.errors.AddField(eb + ".viewable", Text::kAclViewRequired);
      }
      if (!entity) continue;
      e.entity = *entity;
      rule.entries.push_back(std::move(e));
    }
    out.push_back(std::move(rule));
  }
  return p.Finish(std::move(out));
}

Result<std::vector<AclRule>> ParseFieldAcl(const json::value& rights, AclEntityCodes& codes,
                                           const FieldSet& form) {
  Parse p(codes);
  std::vector<AclRule> out;
  const json::array* list = p.List(&rights, "rights");
  for (size_t i = 0; list && i < list->size(); ++i) {
    std::string base = Index("rights", i);
    const json::object* o = p.Object((*list)[i], base);
    if (!o) continue;
    AclRule rule;
    const json::value* code = o->if_contains("code");
    if (!code || code->is_null()) {
      p.errors.AddField(base + ".code", Text::kRequired);
    } else if (!code->is_string()) {
      p.errors.AddField(base + ".code", Text::kNotString);
    } else if (const FieldDef* f = form.FindTopLevel(code->as_string()); !f) {
      p.errors.AddField(base + ".code", Text::kFieldCodeNotFound, {std::string(code->as_string())});
    } else {
      // A field group's (GROUP) rule also decides the fields laid out inside it (ResolveAccess).
      rule.subject = std::string(code->as_string());
    }
    const json::array* entities = p.List(o->if_contains("entities"), base + ".entities");
    for (size_t j = 0; entities && j < entities->size(); ++j) {
      std::string eb = Index(base + ".entities", j);
      const json::object* eo = p.Object((*entities)[j], eb);
      if (!eo) continue;
      // FIELD_ENTITY: the users a record's user/organisation/group selection, creator or
      // modifier field names; such a rule is decided record by record.
      auto entity = p.Entity(*eo, eb,
                             {AclEntityType::kUser, AclEntityType::kGroup,
                              AclEntityType::kOrganization, AclEntityType::kFieldEntity},
                             &form);
      AclEntry e;
      const json::value* a = eo->if_contains("accessibility");
      std::string access = a && a->is_string() ? std::string(a->as_string()) : "";
      if (!a || a->is_null()) {
        p.errors.AddField(eb + ".accessibility", Text::kRequired);
      } else if (access == "WRITE") {
        e.rights = kAclView | kAclEdit;
      } else if (access == "READ") {
        e.rights = kAclView;
      } else if (access != "NONE") {
        p.errors.AddField(eb + ".accessibility", Text::kEnumValue);
      }
      if (!entity) continue;
      e.entity = *entity;
      rule.entries.push_back(std::move(e));
    }
    out.push_back(std::move(rule));
  }
  return p.Finish(std::move(out));
}

json::array AppAclJson(const std::vector<AclEntry>& entries, AclEntityCodes& codes) {
  json::array out;
  for (const AclEntry& e : entries) {
    bool alive = true;
    json::value entity = EntityJson(e.entity, codes, alive);
    if (!alive) continue;
    out.push_back(json::object{{"entity", std::move(entity)},
                               {"includeSubs", e.entity.include_subs},
                               {"appEditable", (e.rights & kAclManage) != 0},
                               {"recordViewable", (e.rights & kAclView) != 0},
                               {"recordAddable", (e.rights & kAclAdd) != 0},
                               {"recordEditable", (e.rights & kAclEdit) != 0},
                               {"recordDeletable", (e.rights & kAclDelete) != 0},
                               {"recordImportable", (e.rights & kAclImport) != 0},
                               {"recordExportable", (e.rights & kAclExport) != 0}});
  }
  return out;
}

json::array RecordAclJson(const std::vector<AclRule>& rules, AclEntityCodes& codes) {
  json::array out;
  for (const AclRule& r : rules) {
    json::array entities;
    for (const AclEntry& e : r.entries) {
      bool alive = true;
      json::value entity = EntityJson(e.entity, codes, alive);
      if (!alive) continue;
      entities.push_back(json::object{{"entity", std::move(entity)},
                                      {"viewable", (e.rights & kAclView) != 0},
                                      {"editable", (e.rights & kAclEdit) != 0},
                                      {"deletable", (e.rights & kAclDelete) != 0},
                                      {"includeSubs", e.entity.include_subs}});
    }
    out.push_back(json::object{{"filterCond", r.subject}, {"entities", std::move(entities)}});
  }
  return out;
}

json::array FieldAclJson(const std::vector<AclRule>& rules, AclEntityCodes& codes) {
  json::array out;
  for (const AclRule& r : rules) {
    json::array entities;
    for (const AclEntry& e : r.entries) {
      bool alive = true;
      json::value entity = EntityJson(e.entity, codes, alive);
      if (!alive) continue;
      const char* access = (e.rights & kAclEdit)   ? "WRITE"
                           : (e.rights & kAclView) ? "READ"
                                                   : "NONE";
      entities.push_back(json::object{{"accessibility", access},
                                      {"entity", std::move(entity)},
                                      {"includeSubs", e.entity.include_subs}});
    }
    out.push_back(json::object{{"code", r.subject}, {"entities", std::move(entities)}});
  }
  return out;
}

}  // namespace domain

#include "domain/records/record_schema_lookup.h"

#include "query/compiler.h"
#include "query/sqlite_dialect.h"

namespace domain {

FormSchemaLookup::FormSchemaLookup(int64_t app, const FieldSet& form,
                                   std::vector<std::string> status_names)
    : app_(app) {
  auto add = [&](const FieldDef& f, int64_t table) {
    query::FieldInfo info;
    info.code = f.code;
    info.label = f.label;
    info.type = f.type;
    info.id = f.id;
    info.subtable_id = table;
    for (const OptionDef& o : f.options) info.options.push_back(o.name);
    if (f.type == common::FieldType::kStatus) info.options = status_names;
    info.is_lookup = f.lookup;
    fields_.emplace(f.code, std::move(info));
  };
  for (const FieldDef& f : form.fields()) {
    add(f, 0);
    for (const FieldDef& inner : f.fields) add(inner, f.id);
  }
}

const query::FieldInfo* FormSchemaLookup::Find(std::string_view code) const {
  auto it = fields_.find(code);
  return it == fields_.end() ? nullptr : &it->second;
}

std::optional<int64_t> DirectoryEntityResolver::Find(query::EntityKind kind,
                                                     std::string_view code) const {
  std::optional<Entity> e;
  switch (kind) {
    case query::EntityKind::kUser:
      e = directory_.FindUser(code);
      break;
    case query::EntityKind::kOrganization:
      e = directory_.FindOrganization(code);
      break;
    case query::EntityKind::kGroup:
      e = directory_.FindGroup(code);
      break;
  }
  if (!e) return std::nullopt;
  return e->id;
}

common::Status CheckCondition(std::string_view condition, int64_t app, const FieldSet& form,
                              const query::QueryContext& qc) {
  FormSchemaLookup lookup(app, form, {});
  query::SqliteDialect dialect;
  TK_ASSIGN_OR_RETURN(auto compiled, query::CompileCondition(condition, lookup, qc, dialect));
  (void)compiled;
  return common::Status::Ok();
}

common::Status CheckSort(std::string_view sort, int64_t app, const FieldSet& form,
                         const query::QueryContext& qc) {
  FormSchemaLookup lookup(app, form, {});
  query::SqliteDialect dialect;
  TK_ASSIGN_OR_RETURN(auto compiled, query::CompileSort(sort, lookup, qc, dialect));
  (void)compiled;
  return common::Status::Ok();
}

}  // namespace domain

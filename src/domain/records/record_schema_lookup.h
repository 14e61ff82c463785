// Adapts an app's live form to the query layer: field codes (system fields included) ->
// query::FieldInfo, and entity codes -> ids through the directory. Immutable once built.
#pragma once

#include <map>
#include <string>

#include "common/result.h"
#include "domain/fields/entity_directory.h"
#include "domain/fields/field_set.h"
#include "query/schema.h"

namespace domain {

class FormSchemaLookup final : public query::SchemaLookup {
 public:
  FormSchemaLookup(int64_t app, const FieldSet& form, std::vector<std::string> status_names);
  const query::FieldInfo* Find(std::string_view code) const override;
  int64_t app_id() const override { return app_; }

 private:
  int64_t app_;
  std::map<std::string, query::FieldInfo, std::less<>> fields_;
};

// OK when `condition` (a record permission's or view's filterCond) compiles against `form`;
// else the query error (an unknown field, an operator its type does not take, …).
common::Status CheckCondition(std::string_view condition, int64_t app, const FieldSet& form,
                              const query::QueryContext& qc);

// OK when `sort` (a view's sort keys) compiles against `form`; else the query error.
common::Status CheckSort(std::string_view sort, int64_t app, const FieldSet& form,
                         const query::QueryContext& qc);

// For checking stored settings, where only field references matter: every entity code is
// unknown (an unknown one matches nothing, it is not an error).
class NoEntities final : public query::EntityResolver {
 public:
  std::optional<int64_t> Find(query::EntityKind, std::string_view) const override {
    return std::nullopt;
  }
};

class DirectoryEntityResolver final : public query::EntityResolver {
 public:
  explicit DirectoryEntityResolver(const EntityDirectory& directory) : directory_(directory) {}
  std::optional<int64_t> Find(query::EntityKind kind, std::string_view code) const override;

 private:
  const EntityDirectory& directory_;
};

}  // namespace domain

// USER_SELECT, ORGANIZATION_SELECT and GROUP_SELECT share everything but the directory they
// look codes up in: values are [{code, name}] resolved through the EntityDirectory port,
// stored as a JSON array of entity ids plus the multi-value index. Stateless.
#pragma once

#include <string_view>

#include "domain/fields/field_type_behavior.h"

namespace domain {

class EntitySelectBehavior : public FieldTypeBehavior {
 public:
  // `kind_name` is the entity type word of definitions ("USER"); `function` the FUNCTION
  // default this type accepts ("LOGINUSER()"), or "" for none.
  EntitySelectBehavior(EntityKind kind, std::string_view kind_name, std::string_view function)
      : kind_(kind), kind_name_(kind_name), function_(function) {}

  bool AllowedInTable() const override { return true; }
  std::string_view ErrorSuffix() const override { return ".values.value"; }
  boost::json::value EmptyValue() const override { return boost::json::array(); }
  bool HasMultiValueIndex() const override { return true; }

  void NormalizeDefinition(DefinitionReader& reader) const override;
  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override;
  boost::json::value DefaultValue(WriteArgs& args) const override;
  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override;
  void AppendSqlValues(const FieldDef& def, const boost::json::value& value,
                       const EntityDirectory& directory,
                       std::vector<common::SqlValue>& out) const override;
  boost::json::value FromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                             const EntityDirectory& directory) const override;
  void AppendMultiValues(const FieldDef& def, const boost::json::value& value,
                         const EntityDirectory& directory,
                         std::vector<common::SqlValue>& out) const override;

 private:
  void AppendIds(const boost::json::value& value, const EntityDirectory& directory,
                 boost::json::array* json, std::vector<common::SqlValue>* sql) const;

  EntityKind kind_;
  std::string_view kind_name_;
  std::string_view function_;
};

}  // namespace domain

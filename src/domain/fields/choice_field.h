// The choice field types share their options: CHECK_BOX and MULTI_SELECT hold several
// option names (a JSON array column plus the multi-value index), RADIO_BUTTON and DROP_DOWN
// one (a nullable TEXT column). Each type's file adds its definition. Stateless.
#pragma once

#include <string>
#include <vector>

#include "domain/fields/definition_reader.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {

// Normalises `options` ({name: {label, index}}, at least one, label == name, index an
// integer defaulting to the position) and returns the names in index order.
std::vector<std::string> NormalizeOptions(DefinitionReader& reader);

class SingleChoiceBehavior : public FieldTypeBehavior {
 public:
  bool AllowedInTable() const override { return true; }
  boost::json::value EmptyValue() const override { return nullptr; }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override;
  boost::json::value DefaultValue(WriteArgs& args) const override;
  void Validate(const boost::json::value& value, WriteArgs& args) const override;
  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override;
  void AppendSqlValues(const FieldDef& def, const boost::json::value& value,
                       const EntityDirectory& directory,
                       std::vector<common::SqlValue>& out) const override;
  boost::json::value FromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                             const EntityDirectory& directory) const override;
  void AppendJsonFromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                         const EntityDirectory& directory, std::string& out) const override;

 protected:
  // `defaultValue`: "" or one of `names`.
  static void NormalizeDefault(DefinitionReader& reader, const std::vector<std::string>& names,
                               std::string_view fallback);
};

class MultiChoiceBehavior : public FieldTypeBehavior {
 public:
  bool AllowedInTable() const override { return true; }
  std::string_view ErrorSuffix() const override { return ".values"; }
  boost::json::value EmptyValue() const override { return boost::json::array(); }
  bool HasMultiValueIndex() const override { return true; }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override;
  boost::json::value DefaultValue(WriteArgs& args) const override;
  void Validate(const boost::json::value& value, WriteArgs& args) const override;
  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override;
  void AppendSqlValues(const FieldDef& def, const boost::json::value& value,
                       const EntityDirectory& directory,
                       std::vector<common::SqlValue>& out) const override;
  boost::json::value FromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                             const EntityDirectory& directory) const override;
  void AppendMultiValues(const FieldDef& def, const boost::json::value& value,
                         const EntityDirectory& directory,
                         std::vector<common::SqlValue>& out) const override;

 protected:
  // `defaultValue`: an array of names from `names`.
  static void NormalizeDefault(DefinitionReader& reader, const std::vector<std::string>& names);
};

}  // namespace domain

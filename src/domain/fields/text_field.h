// The text field types (SINGLE_LINE_TEXT, MULTI_LINE_TEXT, RICH_TEXT, LINK) share their
// value handling and storage: a string, one TEXT NOT NULL DEFAULT '' column, a full-text
// index. Each type's file adds its definition and checks. Stateless.
#pragma once

#include "domain/fields/definition_reader.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {

class TextFieldBehavior : public FieldTypeBehavior {
 public:
  bool AllowedInTable() const override { return true; }
  bool HasFullTextIndex() const override { return true; }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override;
  boost::json::value DefaultValue(WriteArgs& args) const override;
  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override;
  void AppendSqlValues(const FieldDef& def, const boost::json::value& value,
                       const EntityDirectory& directory,
                       std::vector<common::SqlValue>& out) const override;
  boost::json::value FromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                             const EntityDirectory& directory) const override;
  void AppendJsonFromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                         const EntityDirectory& directory, std::string& out) const override;

 protected:
  // minLength / maxLength properties ("" or 0..64000, min <= max).
  static void NormalizeLengths(DefinitionReader& reader);
  // maxLength and minLength (empty values included) with kintone's N+1 / N-1 messages.
  static void CheckLength(const boost::json::value& value, WriteArgs& args);
};

}  // namespace domain

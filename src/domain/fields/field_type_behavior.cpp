#include "domain/fields/field_type_behavior.h"

#include "common/json_text.h"

namespace domain {

std::string ValueKey::With(std::string_view suffix) const {
  std::string key;
  key.reserve(base.size() + code.size() + suffix.size() + 1);
  key += base;
  key += '.';
  key += code;
  key += suffix;
  return key;
}

std::string ValueKey::Bracket() const {
  std::string key;
  key.reserve(base.size() + code.size() + 8);
  key += base;
  key += '[';
  key += code;
  key += "].value";
  return key;
}

boost::json::object FieldValueJson(common::FieldType type, boost::json::value value) {
  boost::json::storage_ptr storage = value.storage();
  return FieldValueJson(type, std::move(value), std::move(storage));
}

boost::json::object FieldValueJson(common::FieldType type, boost::json::value value,
                                   boost::json::storage_ptr storage) {
  boost::json::object o(std::move(storage));
  o.reserve(2);
  o.emplace("type", common::FieldTypeName(type));
  o.emplace("value", std::move(value));
  return o;
}

void WriteArgs::Fail(std::string error_key, common::Text text, std::vector<std::string> args) {
  errors.AddField(std::move(error_key), text, std::move(args));
  failed = true;
}

boost::json::value FieldTypeBehavior::DefaultValue(WriteArgs&) const { return EmptyValue(); }

void FieldTypeBehavior::Validate(const boost::json::value&, WriteArgs&) const {}

bool FieldTypeBehavior::IsEmpty(const boost::json::value& value) const {
  if (value.is_null()) return true;
  if (const boost::json::string* s = value.if_string()) return s->empty();
  if (const boost::json::array* a = value.if_array()) return a->empty();
  return false;
}

void FieldTypeBehavior::AppendColumns(const FieldDef&, std::vector<ColumnSpec>&) const {}

void FieldTypeBehavior::AppendSqlValues(const FieldDef&, const boost::json::value&,
                                        const EntityDirectory&,
                                        std::vector<common::SqlValue>&) const {}

boost::json::value FieldTypeBehavior::FromSql(const FieldDef&, std::span<const common::SqlValue>,
                                              const EntityDirectory&) const {
  return EmptyValue();
}

void FieldTypeBehavior::AppendJsonFromSql(const FieldDef& def,
                                          std::span<const common::SqlValue> columns,
                                          const EntityDirectory& directory,
                                          std::string& out) const {
  common::AppendJson(out, FromSql(def, columns, directory));
}

void FieldTypeBehavior::AppendMultiValues(const FieldDef&, const boost::json::value&,
                                          const EntityDirectory&,
                                          std::vector<common::SqlValue>&) const {}

}  // namespace domain

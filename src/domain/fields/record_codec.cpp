#include "domain/fields/record_codec.h"

#include "common/json_text.h"

namespace domain {

RecordCodec::RecordCodec(const FieldTypeRegistry& registry, const FieldSet& form)
    : registry_(registry), form_(form) {
  for (const FieldDef& def : form.fields()) {
    size_t before = record_columns_.size();
    registry.Get(def.type).AppendColumns(def, record_columns_);
    widths_[def.id] = record_columns_.size() - before;
    std::vector<ColumnSpec> inner_columns;
    for (const FieldDef& inner : def.fields) {
      inner_columns.clear();
      registry.Get(inner.type).AppendColumns(inner, inner_columns);
      widths_[inner.id] = inner_columns.size();
    }
  }
  record_slots_ = Slots(form.fields());
  for (const FieldDef& def : form.fields()) {
    if (def.type == common::FieldType::kSubtable) row_slots_[def.id] = Slots(def.fields);
  }
}

std::string RecordCodec::JsonKey(std::string_view code) {
  std::string key;
  common::AppendJsonString(key, code);
  key += ':';
  return key;
}

std::string RecordCodec::JsonOpening(common::FieldType type) {
  std::string opening = R"({"type":)";
  common::AppendJsonString(opening, common::FieldTypeName(type));
  opening += R"(,"value":)";
  return opening;
}

std::vector<RecordCodec::FieldSlot> RecordCodec::Slots(const std::vector<FieldDef>& fields) const {
  std::vector<FieldSlot> out;
  size_t pos = 0;
  for (const FieldDef& def : fields) {
    if (!registry_.Get(def.type).HasValue()) continue;
    auto it = widths_.find(def.id);
    FieldSlot slot{&def, pos, it != widths_.end() ? it->second : 0, JsonKey(def.code),
                   JsonOpening(def.type)};
    pos += slot.width;
    out.push_back(std::move(slot));
  }
  return out;
}

std::vector<ColumnSpec> RecordCodec::RowColumns(const FieldDef& table) const {
  std::vector<ColumnSpec> out;
  for (const FieldDef& inner : table.fields) registry_.Get(inner.type).AppendColumns(inner, out);
  return out;
}

std::vector<ColumnSpec> RecordCodec::FieldColumns(const FieldDef& def) const {
  std::vector<ColumnSpec> out;
  registry_.Get(def.type).AppendColumns(def, out);
  return out;
}

std::vector<const FieldDef*> RecordCodec::Tables() const {
  std::vector<const FieldDef*> out;
  for (const FieldDef& def : form_.fields()) {
    if (def.type == common::FieldType::kSubtable) out.push_back(&def);
  }
  return out;
}

std::vector<const FieldDef*> RecordCodec::FullTextFields() const {
  std::vector<const FieldDef*> out;
  for (const FieldDef& def : form_.fields()) {
    if (registry_.Get(def.type).HasFullTextIndex()) out.push_back(&def);
    for (const FieldDef& inner : def.fields) {
      if (registry_.Get(inner.type).HasFullTextIndex()) out.push_back(&inner);
    }
  }
  return out;
}

std::vector<const FieldDef*> RecordCodec::UniqueFields() const {
  std::vector<const FieldDef*> out;
  for (const FieldDef& def : form_.fields()) {
    if (def.unique) out.push_back(&def);
  }
  return out;
}

bool RecordCodec::HasMultiValueIndex(const FieldDef& def) const {
  return registry_.Get(def.type).HasMultiValueIndex();
}

void RecordCodec::AppendValues(const FieldDef& def, FieldCursor& values,
                               const EntityDirectory& directory,
                               std::vector<common::SqlValue>& out) const {
  const FieldTypeBehavior& behavior = registry_.Get(def.type);
  const boost::json::value* v = values.ValueOf(def.code);
  if (v != nullptr) {
    behavior.AppendSqlValues(def, *v, directory, out);
  } else {
    behavior.AppendSqlValues(def, behavior.EmptyValue(), directory, out);
  }
}

std::vector<common::SqlValue> RecordCodec::RecordValues(const boost::json::object& record,
                                                        const EntityDirectory& directory) const {
  std::vector<common::SqlValue> out;
  out.reserve(record_columns_.size());
  FieldCursor cursor(record);
  // Fields without columns (record number, creator, …) are not looked up: in a record built in
  // form order each would be a search that finds nothing.
  for (const FieldSlot& slot : record_slots_) {
    if (slot.width > 0) AppendValues(*slot.def, cursor, directory, out);
  }
  return out;
}

std::vector<common::SqlValue> RecordCodec::FieldValues(const FieldDef& def,
                                                       const boost::json::value& value,
                                                       const EntityDirectory& directory) const {
  std::vector<common::SqlValue> out;
  registry_.Get(def.type).AppendSqlValues(def, value, directory, out);
  return out;
}

std::vector<common::SqlValue> RecordCodec::RowValues(const FieldDef& table,
                                                     const boost::json::object& row_value,
                                                     const EntityDirectory& directory) const {
  std::vector<common::SqlValue> out;
  out.reserve(table.fields.size() + 2);
  FieldCursor cursor(row_value);
  for (const FieldDef& inner : table.fields) AppendValues(inner, cursor, directory, out);
  return out;
}

void RecordCodec::AppendMultiValues(const FieldDef& def, FieldCursor& values,
                                    const EntityDirectory& directory,
                                    std::vector<MultiValueEntry>& out) const {
  const FieldTypeBehavior& behavior = registry_.Get(def.type);
  if (!behavior.HasMultiValueIndex()) return;
  const boost::json::value* v = values.ValueOf(def.code);
  if (v == nullptr) return;
  std::vector<common::SqlValue> items;
  behavior.AppendMultiValues(def, *v, directory, items);
  for (common::SqlValue& item : items) out.push_back({def.id, std::move(item)});
}

std::vector<MultiValueEntry> RecordCodec::RecordMultiValues(
    const boost::json::object& record, const EntityDirectory& directory) const {
  std::vector<MultiValueEntry> out;
  FieldCursor cursor(record);
  for (const FieldDef& def : form_.fields()) AppendMultiValues(def, cursor, directory, out);
  return out;
}

std::vector<MultiValueEntry> RecordCodec::RowMultiValues(const FieldDef& table,
                                                         const boost::json::object& row_value,
                                                         const EntityDirectory& directory) const {
  std::vector<MultiValueEntry> out;
  FieldCursor cursor(row_value);
  for (const FieldDef& inner : table.fields) AppendMultiValues(inner, cursor, directory, out);
  return out;
}

void RecordCodec::ReadField(const FieldDef& def, std::span<const common::SqlValue> columns,
                            size_t& pos, const EntityDirectory& directory,
                            boost::json::object& out) const {
  const FieldTypeBehavior& behavior = registry_.Get(def.type);
  if (!behavior.HasValue()) return;
  auto it = widths_.find(def.id);
  size_t width = it != widths_.end() ? it->second : 0;
  size_t start = std::min(pos, columns.size());
  size_t n = std::min(width, columns.size() - start);
  boost::json::value value = width == 0
                                 ? behavior.EmptyValue()
                                 : behavior.FromSql(def, columns.subspan(start, n), directory);
  pos += width;
  out[def.code] = FieldValueJson(def.type, std::move(value));
}

void RecordCodec::ReadRecord(std::span<const common::SqlValue> columns,
                             const EntityDirectory& directory, boost::json::object& record) const {
  size_t pos = 0;
  record.reserve(record.size() + form_.fields().size());
  for (const FieldDef& def : form_.fields()) ReadField(def, columns, pos, directory, record);
}

void RecordCodec::AppendRow(const FieldDef& table, int64_t row_id,
                            std::span<const common::SqlValue> columns,
                            const EntityDirectory& directory, boost::json::object& record) const {
  boost::json::object value;
  value.reserve(table.fields.size());
  size_t pos = 0;
  for (const FieldDef& inner : table.fields) ReadField(inner, columns, pos, directory, value);
  boost::json::value& entry = record[table.code];
  if (!entry.is_object()) entry = FieldValueJson(table.type, boost::json::array());
  boost::json::value& rows = entry.get_object()["value"];
  if (!rows.is_array()) rows = boost::json::array();
  rows.get_array().push_back(
      boost::json::object{{"id", std::to_string(row_id)}, {"value", std::move(value)}});
}

void RecordCodec::AppendFieldJson(const FieldSlot& slot, std::span<const common::SqlValue> columns,
                                  const EntityDirectory& directory, std::string& out) const {
  const FieldTypeBehavior& behavior = registry_.Get(slot.def->type);
  // As ReadField: a short row reads as far as it goes.
  size_t start = std::min(slot.start, columns.size());
  size_t n = std::min(slot.width, columns.size() - start);
  out += slot.opening;
  if (slot.width == 0) {
    common::AppendJson(out, behavior.EmptyValue());
  } else {
    behavior.AppendJsonFromSql(*slot.def, columns.subspan(start, n), directory, out);
  }
  out += '}';
}

void RecordCodec::AppendRowJson(const FieldDef& table, int64_t row_id,
                                std::span<const common::SqlValue> columns,
                                const EntityDirectory& directory, std::string& out) const {
  out += R"({"id":)";
  common::AppendJsonString(out, std::to_string(row_id));
  out += R"(,"value":{)";
  auto slots = row_slots_.find(table.id);
  if (slots != row_slots_.end()) {
    bool first = true;
    for (const FieldSlot& slot : slots->second) {
      if (!first) out += ',';
      first = false;
      out += slot.key;
      AppendFieldJson(slot, columns, directory, out);
    }
  }
  out += "}}";
}

}  // namespace domain

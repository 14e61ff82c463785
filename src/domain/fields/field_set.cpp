#include "domain/fields/field_set.h"

#include "domain/fields/definition_reader.h"
#include "domain/fields/field_type_registry.h"

namespace domain {
namespace {

struct SystemField {
  common::FieldType type;
  std::string_view ja;
  std::string_view en_code;
  std::string_view en_label;
};

constexpr SystemField kSystemFields[] = {
    {common::FieldType::kRecordNumber, "レコード番号", "Record_number", "Record number"},
    {common::FieldType::kCreator, "作成者", "Created_by", "Created by"},
    {common::FieldType::kCreatedTime, "作成日時", "Created_datetime", "Created datetime"},
    {common::FieldType::kModifier, "更新者", "Updated_by", "Updated by"},
    {common::FieldType::kUpdatedTime, "更新日時", "Updated_datetime", "Updated datetime"},
    {common::FieldType::kStatus, "ステータス", "Status", "Status"},
    {common::FieldType::kStatusAssignee, "作業者", "Assignee", "Assignee"},
    {common::FieldType::kCategory, "カテゴリー", "Categories", "Categories"},
};

common::Error Damaged(std::string_view what) {
  return common::Error::Internal("damaged form document: " + std::string(what));
}

common::Result<FieldDef> FieldFromStored(const boost::json::value& stored) {
  const boost::json::object* o = stored.if_object();
  const boost::json::value* id = o != nullptr ? o->if_contains("id") : nullptr;
  const boost::json::value* props = o != nullptr ? o->if_contains("properties") : nullptr;
  if (id == nullptr || !id->is_int64() || props == nullptr || !props->is_object()) {
    return Damaged("field entry");
  }
  const boost::json::value* type_name = props->get_object().if_contains("type");
  std::optional<common::FieldType> type;
  if (type_name != nullptr && type_name->is_string()) {
    type = common::ParseFieldType(type_name->get_string());
  }
  if (!type) return Damaged("field type");
  FieldDef def;
  def.id = id->get_int64();
  def.type = *type;
  def.properties = props->get_object();
  ParseDefinitionProperties(def);
  if (const boost::json::value* inner = o->if_contains("fields")) {
    if (!inner->is_array()) return Damaged("table fields");
    for (const boost::json::value& f : inner->get_array()) {
      TK_ASSIGN_OR_RETURN(FieldDef inner_def, FieldFromStored(f));
      def.fields.push_back(std::move(inner_def));
    }
  }
  return def;
}

boost::json::object FieldToStored(const FieldDef& def) {
  boost::json::object o{{"id", def.id}, {"properties", def.properties}};
  if (!def.fields.empty() || def.type == common::FieldType::kSubtable) {
    boost::json::array inner;
    for (const FieldDef& f : def.fields) inner.push_back(FieldToStored(f));
    o["fields"] = std::move(inner);
  }
  return o;
}

}  // namespace

FieldSet::FieldSet(std::vector<FieldDef> fields) : fields_(std::move(fields)) { BuildIndex(); }

void FieldSet::BuildIndex() {
  by_code_.clear();
  by_id_.clear();
  for (size_t i = 0; i < fields_.size(); ++i) {
    by_code_.emplace(fields_[i].code, Location{i, kTopLevel});
    by_id_.emplace(fields_[i].id, Location{i, kTopLevel});
    for (size_t j = 0; j < fields_[i].fields.size(); ++j) {
      by_code_.emplace(fields_[i].fields[j].code, Location{i, j});
      by_id_.emplace(fields_[i].fields[j].id, Location{i, j});
    }
  }
}

const FieldDef* FieldSet::At(const Location& at) const {
  const FieldDef& top = fields_[at.top];
  return at.inner == kTopLevel ? &top : &top.fields[at.inner];
}

FieldSet FieldSet::NewForm(const FieldTypeRegistry& registry, common::Lang lang,
                           int64_t& next_field_id) {
  std::vector<FieldDef> fields;
  for (const SystemField& s : kSystemFields) {
    FieldDef def;
    def.id = next_field_id++;
    def.type = s.type;
    std::string_view code = lang == common::Lang::kJa ? s.ja : s.en_code;
    std::string_view label = lang == common::Lang::kJa ? s.ja : s.en_label;
    def.properties = {{"type", common::FieldTypeName(s.type)}, {"code", code}, {"label", label}};
    const FieldTypeBehavior& behavior = registry.Get(s.type);
    common::Error ignored = common::Error::Validation();
    const boost::json::object nothing_sent;
    DefinitionReader reader(nothing_sent, def.properties, "", ignored, true, false);
    if (behavior.HasNoLabel()) reader.Bool("noLabel", false);
    behavior.NormalizeDefinition(reader);
    ParseDefinitionProperties(def);
    fields.push_back(std::move(def));
  }
  return FieldSet(std::move(fields));
}

common::Result<FieldSet> FieldSet::FromStored(const boost::json::value& stored) {
  const boost::json::object* o = stored.if_object();
  const boost::json::value* list = o != nullptr ? o->if_contains("fields") : nullptr;
  if (list == nullptr || !list->is_array()) return Damaged("no field list");
  std::vector<FieldDef> fields;
  fields.reserve(list->get_array().size());
  for (const boost::json::value& f : list->get_array()) {
    TK_ASSIGN_OR_RETURN(FieldDef def, FieldFromStored(f));
    fields.push_back(std::move(def));
  }
  return FieldSet(std::move(fields));
}

boost::json::object FieldSet::ToStored() const {
  boost::json::array list;
  list.reserve(fields_.size());
  for (const FieldDef& f : fields_) list.push_back(FieldToStored(f));
  return boost::json::object{{"fields", std::move(list)}};
}

boost::json::object FieldSet::PropertiesJson(const FormFeatures& features) const {
  boost::json::object out;
  for (const FieldDef& f : fields_) {
    boost::json::object def = DefinitionJson(f);
    if (f.type == common::FieldType::kStatus || f.type == common::FieldType::kStatusAssignee) {
      def["enabled"] = features.process_management;
    } else if (f.type == common::FieldType::kCategory) {
      def["enabled"] = features.categories;
    }
    out[f.code] = std::move(def);
  }
  return out;
}

const FieldDef* FieldSet::Find(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() ? nullptr : At(it->second);
}

const FieldDef* FieldSet::FindTopLevel(std::string_view code) const {
  auto it = by_code_.find(code);
  return it == by_code_.end() || it->second.inner != kTopLevel ? nullptr : At(it->second);
}

const FieldDef* FieldSet::FindById(int64_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : At(it->second);
}

const FieldDef* FieldSet::TableOf(std::string_view code) const {
  auto it = by_code_.find(code);
  if (it == by_code_.end() || it->second.inner == kTopLevel) return nullptr;
  return &fields_[it->second.top];
}

const FieldDef* FieldSet::FindByType(common::FieldType type) const {
  for (const FieldDef& f : fields_) {
    if (f.type == type) return &f;
  }
  return nullptr;
}

}  // namespace domain

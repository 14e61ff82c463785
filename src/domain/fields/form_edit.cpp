#include "domain/fields/form_edit.h"

#include <algorithm>
#include <optional>
#include <set>

#include "domain/fields/definition_reader.h"
#include "domain/fields/field_code.h"

namespace domain {
namespace {

std::string PropertiesKey(std::string_view code) {
  std::string k = "properties[";
  k += code;
  k += ']';
  return k;
}

std::string InnerKey(std::string_view table_prefix, std::string_view code) {
  std::string k(table_prefix);
  k += ".fields[";
  k += code;
  k += ']';
  return k;
}

// One edit of the form: tracks the codes in use, hands out ids and collects errors.
class FormEditor {
 public:
  FormEditor(const FieldTypeRegistry& registry, const FieldSet& form, int64_t next_id)
      : registry_(registry), next_id_(next_id), errors_(common::Error::Validation()) {
    for (const FieldDef& f : form.fields()) {
      used_.insert(f.code);
      for (const FieldDef& inner : f.fields) used_.insert(inner.code);
    }
  }

  common::Error& errors() { return errors_; }
  int64_t next_id() const { return next_id_; }

  // A new field from a client definition; nullopt when it cannot even be typed.
  std::optional<FieldDef> Add(std::string_view code, const boost::json::value& sent,
                              const std::string& prefix, bool in_table) {
    const boost::json::object* in = sent.if_object();
    if (in == nullptr) {
      errors_.AddField(prefix,
                       sent.is_null() ? common::Text::kRequiredParam : common::Text::kNotObject);
      return std::nullopt;
    }
    const boost::json::value* type_value = in->if_contains("type");
    if (type_value == nullptr || type_value->is_null()) {
      errors_.AddField(prefix + ".type", common::Text::kRequiredParam);
      return std::nullopt;
    }
    std::optional<common::FieldType> type;
    if (type_value->is_string()) type = common::ParseFieldType(type_value->get_string());
    if (!type) {
      errors_.AddField(prefix + ".type", common::Text::kEnumValue);
      return std::nullopt;
    }
    const FieldTypeBehavior& behavior = registry_.Get(*type);
    if (!behavior.IsAddable()) {
      errors_.AddField(prefix + ".type", common::Text::kFieldTypeNotAddable);
      return std::nullopt;
    }
    if (in_table && !behavior.AllowedInTable()) {
      errors_.AddField(prefix + ".type", common::Text::kFieldTypeNotInTable);
      return std::nullopt;
    }
    if (const boost::json::value* c = in->if_contains("code"); c != nullptr && !c->is_null()) {
      if (!c->is_string() || c->get_string() != code) {
        errors_.AddField(prefix + ".code", common::Text::kFieldCodeMismatch);
      }
    }
    ClaimCode(code, prefix);
    const boost::json::value* label = in->if_contains("label");
    if (label == nullptr || label->is_null()) {
      errors_.AddField(prefix + ".label", common::Text::kRequiredParam);
    }
    FieldDef def;
    def.id = next_id_++;
    def.type = *type;
    Normalize(behavior, *in, code, label, prefix, true, in_table, def);
    if (*type == common::FieldType::kSubtable) {
      const boost::json::value* inner = in->if_contains("fields");
      const boost::json::object* list = inner != nullptr ? inner->if_object() : nullptr;
      if (list == nullptr || list->empty()) {
        errors_.AddField(prefix + ".fields", common::Text::kTableFieldsRequired);
      } else {
        for (const auto& [inner_code, inner_def] : *list) {
          std::string inner_prefix = InnerKey(prefix, inner_code);
          if (auto f = Add(inner_code, inner_def, inner_prefix, true)) {
            def.fields.push_back(std::move(*f));
          }
        }
      }
    }
    return def;
  }

  // `existing` with the sent properties merged in; nullopt when the request is unusable.
  std::optional<FieldDef> Update(const FieldDef& existing, const boost::json::value& sent,
                                 const std::string& prefix, bool in_table) {
    const boost::json::object* in = sent.if_object();
    if (in == nullptr) {
      errors_.AddField(prefix,
                       sent.is_null() ? common::Text::kRequiredParam : common::Text::kNotObject);
      return std::nullopt;
    }
    const FieldTypeBehavior& behavior = registry_.Get(existing.type);
    bool table = existing.type == common::FieldType::kSubtable;
    if (const boost::json::value* t = in->if_contains("type"); t != nullptr && !t->is_null()) {
      if (!t->is_string() || t->get_string() != common::FieldTypeName(existing.type)) {
        errors_.AddField(prefix + ".type", common::Text::kFieldTypeChangeNotAllowed);
        return std::nullopt;
      }
    }
    std::string code = existing.code;
    if (const boost::json::value* c = in->if_contains("code"); c != nullptr && !c->is_null()) {
      if (!c->is_string()) {
        errors_.AddField(prefix + ".code", common::Text::kNotString);
      } else if (c->get_string() != existing.code) {
        if (!behavior.CodeRenameable()) {
          errors_.AddField(prefix + ".code", common::Text::kFieldCodeNotRenameable);
        } else if (ClaimCode(c->get_string(), prefix)) {
          used_.erase(existing.code);
          code = std::string(c->get_string());
        }
      }
    }
    boost::json::object merged = existing.properties;
    for (const auto& [key, value] : *in) {
      if (key == "type" || key == "code" || (table && key == "fields")) continue;
      merged[key] = value;
    }
    FieldDef def = existing;
    Normalize(behavior, merged, code, merged.if_contains("label"), prefix, false, in_table, def);
    if (const boost::json::value* inner = in->if_contains("fields"); table && inner != nullptr) {
      const boost::json::object* list = inner->if_object();
      if (list == nullptr) {
        errors_.AddField(prefix + ".fields", common::Text::kNotObject);
        return def;
      }
      for (const auto& [inner_code, inner_sent] : *list) {
        std::string inner_prefix = InnerKey(prefix, inner_code);
        // Clang 14 (the fuzzing build) cannot capture a structured binding.
        std::string_view wanted = inner_code;
        auto it = std::find_if(def.fields.begin(), def.fields.end(),
                               [&](const FieldDef& f) { return f.code == wanted; });
        if (it != def.fields.end()) {
          if (auto f = Update(*it, inner_sent, inner_prefix, true)) *it = std::move(*f);
        } else if (auto f = Add(inner_code, inner_sent, inner_prefix, true)) {
          def.fields.push_back(std::move(*f));
        }
      }
    }
    return def;
  }

 private:
  // Checks `code` against the rules and claims it; false (with an error) when it cannot be.
  bool ClaimCode(std::string_view code, const std::string& prefix) {
    if (std::optional<common::Text> problem = FieldCodeProblem(code)) {
      errors_.AddField(prefix + ".code", *problem);
      return false;
    }
    if (!used_.emplace(code).second) {
      errors_.AddField(prefix + ".code", common::Text::kFieldCodeDuplicate);
      return false;
    }
    return true;
  }

  void Normalize(const FieldTypeBehavior& behavior, const boost::json::object& in,
                 std::string_view code, const boost::json::value* label, const std::string& prefix,
                 bool adding, bool in_table, FieldDef& def) {
    boost::json::object& props = def.properties;
    props.clear();
    props["type"] = common::FieldTypeName(def.type);
    props["code"] = code;
    std::string label_text;
    if (label != nullptr && !label->is_null()) {
      if (std::optional<std::string> text = ScalarText(*label)) {
        label_text = std::move(*text);
      } else {
        errors_.AddField(prefix + ".label", common::Text::kNotString);
      }
    }
    props["label"] = label_text;
    DefinitionReader reader(in, props, prefix, errors_, adding, in_table);
    if (behavior.HasNoLabel()) reader.Bool("noLabel", false);
    behavior.NormalizeDefinition(reader);
    ParseDefinitionProperties(def);
  }

  const FieldTypeRegistry& registry_;
  int64_t next_id_;
  common::Error errors_;
  std::set<std::string, std::less<>> used_;
};

}  // namespace

common::Result<FieldSet> AddFields(const FieldTypeRegistry& registry, const FieldSet& form,
                                   const boost::json::value& properties, int64_t& next_field_id) {
  const boost::json::object* list = properties.if_object();
  if (list == nullptr) {
    return common::Error::Invalid("properties", properties.is_null() ? common::Text::kRequiredParam
                                                                     : common::Text::kNotObject);
  }
  FormEditor editor(registry, form, next_field_id);
  std::vector<FieldDef> fields = form.fields();
  for (const auto& [code, sent] : *list) {
    if (auto def = editor.Add(code, sent, PropertiesKey(code), false)) {
      fields.push_back(std::move(*def));
    }
  }
  if (editor.errors().has_fields()) return std::move(editor.errors());
  next_field_id = editor.next_id();
  return FieldSet(std::move(fields));
}

common::Result<FieldSet> UpdateFields(const FieldTypeRegistry& registry, const FieldSet& form,
                                      const boost::json::value& properties,
                                      int64_t& next_field_id) {
  const boost::json::object* list = properties.if_object();
  if (list == nullptr) {
    return common::Error::Invalid("properties", properties.is_null() ? common::Text::kRequiredParam
                                                                     : common::Text::kNotObject);
  }
  for (const auto& [code, sent] : *list) {
    if (form.FindTopLevel(code) == nullptr) {
      return common::Error(common::ErrorCode::kFieldNotFound, {std::string(code)});
    }
  }
  FormEditor editor(registry, form, next_field_id);
  std::vector<FieldDef> fields = form.fields();
  for (const auto& [code, sent] : *list) {
    std::string_view wanted = code;  // clang 14 cannot capture a structured binding
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const FieldDef& f) { return f.code == wanted; });
    if (it == fields.end()) continue;  // renamed earlier in this request
    if (auto def = editor.Update(*it, sent, PropertiesKey(code), false)) *it = std::move(*def);
  }
  if (editor.errors().has_fields()) return std::move(editor.errors());
  next_field_id = editor.next_id();
  return FieldSet(std::move(fields));
}

common::Result<FieldSet> DeleteFields(const FieldTypeRegistry& registry, const FieldSet& form,
                                      const std::vector<std::string>& codes) {
  common::Error errors = common::Error::Validation();
  std::vector<FieldDef> fields = form.fields();
  for (size_t i = 0; i < codes.size(); ++i) {
    const FieldDef* def = form.Find(codes[i]);
    if (def == nullptr) return common::Error(common::ErrorCode::kFieldNotFound, {codes[i]});
    if (registry.Get(def->type).IsSystem()) {
      errors.AddField("fields[" + std::to_string(i) + "]", common::Text::kFieldNotDeletable);
      continue;
    }
    auto same_id = [id = def->id](const FieldDef& f) { return f.id == id; };
    std::erase_if(fields, same_id);
    for (FieldDef& table : fields) std::erase_if(table.fields, same_id);
  }
  if (errors.has_fields()) return errors;
  return FieldSet(std::move(fields));
}

}  // namespace domain

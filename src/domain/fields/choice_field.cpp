#include "domain/fields/choice_field.h"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "domain/fields/behavior_support.h"

namespace domain {
namespace {

bool Contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string IndexKey(std::string_view name) {
  std::string k = "options[";
  k += name;
  k += ']';
  return k;
}

}  // namespace

std::vector<std::string> NormalizeOptions(DefinitionReader& r) {
  struct Entry {
    std::string name;
    std::string label;
    int64_t index;
  };
  std::vector<Entry> entries;
  const boost::json::value* v = r.Get("options");
  const boost::json::object* options = v != nullptr ? v->if_object() : nullptr;
  if (v != nullptr && options == nullptr) {
    r.Error("options", common::Text::kNotObject);
  } else if (options == nullptr || options->empty()) {
    r.Error("options", common::Text::kOptionsRequired);
  } else {
    for (const auto& [key, spec_value] : *options) {
      std::string name(key);
      Entry e{name, name, static_cast<int64_t>(entries.size())};
      const boost::json::object* spec = spec_value.if_object();
      if (name.empty()) {
        r.Error("options", common::Text::kBadValueShape);
        continue;
      }
      if (spec == nullptr) {
        r.Error(IndexKey(name), common::Text::kNotObject);
        continue;
      }
      boost::json::object ignored;
      DefinitionReader o(*spec, ignored, r.Key(IndexKey(name)), r.errors(), r.adding(),
                         r.in_table());
      e.label = o.String("label", name);
      if (e.label != name) o.Error("label", common::Text::kOptionLabelMismatch);
      if (std::optional<int64_t> i = o.IntegerString("index", 0, 1'000'000)) e.index = *i;
      entries.push_back(std::move(e));
    }
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.index < b.index; });
  boost::json::object out;
  std::vector<std::string> names;
  names.reserve(entries.size());
  for (Entry& e : entries) {
    out[e.name] = boost::json::object{{"label", e.label}, {"index", std::to_string(e.index)}};
    names.push_back(std::move(e.name));
  }
  r.out()["options"] = std::move(out);
  return names;
}

// ---- one choice

boost::json::value SingleChoiceBehavior::Coerce(const boost::json::value& sent,
                                                WriteArgs& args) const {
  if (sent.is_null()) return nullptr;
  std::optional<std::string> text = ScalarText(sent);
  if (!text) {
    args.Fail(args.key.With(".value"), common::Text::kBadValueShape);
    return nullptr;
  }
  if (text->empty()) return nullptr;  // "" is stored as null (§4.1)
  return JsonString(*text);
}

boost::json::value SingleChoiceBehavior::DefaultValue(WriteArgs& args) const {
  const boost::json::string* s = args.def.default_value.if_string();
  if (s == nullptr || s->empty()) return nullptr;
  return *s;
}

void SingleChoiceBehavior::Validate(const boost::json::value& value, WriteArgs& args) const {
  const boost::json::string* s = value.if_string();
  if (s != nullptr && !args.def.HasOption(Sv(*s))) {
    args.Fail(args.key.With(".value"), common::Text::kNotAnOption, {std::string(Sv(*s))});
  }
}

void SingleChoiceBehavior::AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const {
  out.push_back(TextColumn(def.id, false));
}

void SingleChoiceBehavior::AppendSqlValues(const FieldDef&, const boost::json::value& value,
                                           const EntityDirectory&,
                                           std::vector<common::SqlValue>& out) const {
  const boost::json::string* s = value.if_string();
  if (s != nullptr && !s->empty()) {
    out.emplace_back(std::string(Sv(*s)));
  } else {
    out.emplace_back(common::SqlNull{});
  }
}

boost::json::value SingleChoiceBehavior::FromSql(const FieldDef&,
                                                 std::span<const common::SqlValue> columns,
                                                 const EntityDirectory&) const {
  if (columns.empty() || common::IsNull(columns[0])) return nullptr;
  std::string_view text = SqlText(columns[0]);
  if (text.empty()) return nullptr;
  return JsonString(text);
}

void SingleChoiceBehavior::AppendJsonFromSql(const FieldDef&,
                                             std::span<const common::SqlValue> columns,
                                             const EntityDirectory&, std::string& out) const {
  AppendSqlTextOrNullJson(columns, out);
}

void SingleChoiceBehavior::NormalizeDefault(DefinitionReader& r,
                                            const std::vector<std::string>& names,
                                            std::string_view fallback) {
  std::string value = r.String("defaultValue", fallback);
  if (!value.empty() && !names.empty() && !Contains(names, value)) {
    r.Error("defaultValue", common::Text::kDefaultNotInOptions);
  }
}

// ---- several choices

boost::json::value MultiChoiceBehavior::Coerce(const boost::json::value& sent,
                                               WriteArgs& args) const {
  if (sent.is_null()) return boost::json::array();
  const boost::json::array* in = sent.if_array();
  if (in == nullptr) {
    args.Fail(args.key.With(".values"), common::Text::kBadValueShape);
    return boost::json::array();
  }
  boost::json::array out;
  out.reserve(in->size());
  for (size_t i = 0; i < in->size(); ++i) {
    const boost::json::value& item = (*in)[i];
    if (item.is_string()) {
      out.push_back(item);
    } else {
      std::string text = boost::json::serialize(item);
      args.Fail(args.key.With(".values[" + std::to_string(i) + "].value"),
                common::Text::kNotAnOption, {std::move(text)});
    }
  }
  return out;
}

boost::json::value MultiChoiceBehavior::DefaultValue(WriteArgs& args) const {
  if (args.def.default_value.is_array()) return args.def.default_value;
  return boost::json::array();
}

void MultiChoiceBehavior::Validate(const boost::json::value& value, WriteArgs& args) const {
  const boost::json::array* values = value.if_array();
  if (values == nullptr) return;
  for (size_t i = 0; i < values->size(); ++i) {
    const boost::json::string* s = (*values)[i].if_string();
    if (s != nullptr && !args.def.HasOption(Sv(*s))) {
      args.Fail(args.key.With(".values[" + std::to_string(i) + "].value"),
                common::Text::kNotAnOption, {std::string(Sv(*s))});
    }
  }
}

void MultiChoiceBehavior::AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const {
  out.push_back(TextColumn(def.id, true, "[]"));
}

void MultiChoiceBehavior::AppendSqlValues(const FieldDef&, const boost::json::value& value,
                                          const EntityDirectory&,
                                          std::vector<common::SqlValue>& out) const {
  out.push_back(value.is_array() ? SqlJson(value) : common::SqlValue(std::string("[]")));
}

boost::json::value MultiChoiceBehavior::FromSql(const FieldDef&,
                                                std::span<const common::SqlValue> columns,
                                                const EntityDirectory&) const {
  return SqlJsonArray(columns);
}

void MultiChoiceBehavior::AppendMultiValues(const FieldDef&, const boost::json::value& value,
                                            const EntityDirectory&,
                                            std::vector<common::SqlValue>& out) const {
  if (const boost::json::array* values = value.if_array()) {
    for (const boost::json::value& v : *values) {
      if (const boost::json::string* s = v.if_string()) out.emplace_back(std::string(Sv(*s)));
    }
  }
}

void MultiChoiceBehavior::NormalizeDefault(DefinitionReader& r,
                                           const std::vector<std::string>& names) {
  boost::json::array out;
  if (const boost::json::value* v = r.Get("defaultValue")) {
    if (!v->is_array()) {
      r.Error("defaultValue", common::Text::kNotArray);
    } else {
      for (const boost::json::value& item : v->get_array()) {
        std::optional<std::string> name = ScalarText(item);
        if (!name || (!names.empty() && !Contains(names, *name))) {
          r.Error("defaultValue", common::Text::kDefaultNotInOptions);
          continue;
        }
        out.push_back(JsonString(*name));
      }
    }
  }
  r.out()["defaultValue"] = std::move(out);
}

}  // namespace domain

#include "domain/fields/field_def.h"

#include <algorithm>
#include <charconv>

namespace domain {
namespace {

std::string_view StringOr(const boost::json::object& o, std::string_view key,
                          std::string_view fallback = {}) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return fallback;
  return v->get_string();
}

bool BoolOr(const boost::json::object& o, std::string_view key, bool fallback = false) {
  const boost::json::value* v = o.if_contains(key);
  return v != nullptr && v->is_bool() ? v->get_bool() : fallback;
}

std::optional<int64_t> IntegerOf(std::string_view s) {
  int64_t n = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return n;
}

std::vector<OptionDef> ParseOptions(const boost::json::object& options) {
  std::vector<OptionDef> out;
  out.reserve(options.size());
  for (const auto& [name, v] : options) {
    OptionDef o;
    o.name = std::string(name);
    o.label = o.name;
    o.index = static_cast<int64_t>(out.size());
    if (const boost::json::object* spec = v.if_object()) {
      o.label = std::string(StringOr(*spec, "label", o.name));
      if (auto i = IntegerOf(StringOr(*spec, "index"))) o.index = *i;
    }
    out.push_back(std::move(o));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const OptionDef& a, const OptionDef& b) { return a.index < b.index; });
  return out;
}

}  // namespace

bool FieldDef::HasOption(std::string_view name) const {
  for (const OptionDef& o : options) {
    if (o.name == name) return true;
  }
  return false;
}

const FieldDef* FieldDef::FindInner(std::string_view inner_code) const {
  for (const FieldDef& f : fields) {
    if (f.code == inner_code) return &f;
  }
  return nullptr;
}

void ParseDefinitionProperties(FieldDef& def) {
  const boost::json::object& p = def.properties;
  def.code = std::string(StringOr(p, "code", def.code));
  def.label = std::string(StringOr(p, "label"));
  def.no_label = BoolOr(p, "noLabel");
  def.required = BoolOr(p, "required");
  def.unique = BoolOr(p, "unique");
  def.default_now = BoolOr(p, "defaultNowValue");
  def.expression = std::string(StringOr(p, "expression"));
  def.min_length = IntegerOf(StringOr(p, "minLength"));
  def.max_length = IntegerOf(StringOr(p, "maxLength"));
  def.min_value = std::string(StringOr(p, "minValue"));
  def.max_value = std::string(StringOr(p, "maxValue"));
  std::string_view protocol = StringOr(p, "protocol", "WEB");
  def.protocol = protocol == "CALL"   ? LinkProtocol::kCall
                 : protocol == "MAIL" ? LinkProtocol::kMail
                                      : LinkProtocol::kWeb;
  const boost::json::value* dv = p.if_contains("defaultValue");
  def.default_value = dv != nullptr ? *dv : boost::json::value();
  def.options.clear();
  if (const boost::json::value* o = p.if_contains("options"); o && o->is_object()) {
    def.options = ParseOptions(o->get_object());
  }
  def.entities.clear();
  if (const boost::json::value* e = p.if_contains("entities"); e && e->is_array()) {
    for (const boost::json::value& item : e->get_array()) {
      if (const boost::json::object* obj = item.if_object()) {
        def.entities.push_back(
            {std::string(StringOr(*obj, "code")), std::string(StringOr(*obj, "type"))});
      }
    }
  }
  def.lookup = false;
  def.lookup_mappings.clear();
  if (const boost::json::value* l = p.if_contains("lookup"); l && l->is_object()) {
    def.lookup = true;
    const boost::json::value* maps = l->get_object().if_contains("fieldMappings");
    if (maps != nullptr && maps->is_array()) {
      for (const boost::json::value& m : maps->get_array()) {
        if (const boost::json::object* obj = m.if_object()) {
          def.lookup_mappings.push_back(
              {std::string(StringOr(*obj, "field")), std::string(StringOr(*obj, "relatedField"))});
        }
      }
    }
  }
}

boost::json::object DefinitionJson(const FieldDef& def) {
  boost::json::object out = def.properties;
  if (def.type == common::FieldType::kSubtable) {
    boost::json::object inner;
    for (const FieldDef& f : def.fields) inner[f.code] = DefinitionJson(f);
    out["fields"] = std::move(inner);
  }
  return out;
}

}  // namespace domain

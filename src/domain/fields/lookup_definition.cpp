#include "domain/fields/lookup_definition.h"

#include <set>

namespace domain {
void NormalizeRelatedApp(DefinitionReader& r) {
  const boost::json::value* v = r.Get("relatedApp");
  const boost::json::object* app = v != nullptr ? v->if_object() : nullptr;
  if (app == nullptr) {
    r.Error("relatedApp", v == nullptr ? common::Text::kRequiredParam : common::Text::kNotObject);
    return;
  }
  boost::json::object out;
  DefinitionReader sub(*app, out, r.Key("relatedApp"), r.errors(), r.adding(), r.in_table());
  std::string id = sub.String("app", "");
  std::string code = sub.String("code", "");
  if (id.empty() && code.empty()) r.Error("relatedApp.app", common::Text::kRequiredParam);
  r.out()["relatedApp"] = std::move(out);
}

bool NormalizeLookup(DefinitionReader& r) {
  const boost::json::value* v = r.Get("lookup");
  if (v == nullptr) return false;
  r.Bool("required", false);
  const boost::json::object* in = v->if_object();
  if (in == nullptr) {
    r.Error("lookup", common::Text::kNotObject);
    return true;
  }
  boost::json::object out;
  DefinitionReader l(*in, out, r.Key("lookup"), r.errors(), r.adding(), r.in_table());
  NormalizeRelatedApp(l);
  std::string key = l.String("relatedKeyField", "");
  if (key.empty()) {
    l.Error("relatedKeyField", common::Text::kRequiredParam);
  } else if (key == "$id") {
    l.Error("relatedKeyField", common::Text::kBadLookupKeyField);
  }
  boost::json::array mappings;
  if (const boost::json::value* m = l.Get("fieldMappings")) {
    if (!m->is_array()) {
      l.Error("fieldMappings", common::Text::kNotArray);
    } else {
      std::set<std::string> targets;
      for (const boost::json::value& item : m->get_array()) {
        const boost::json::object* mapping = item.if_object();
        if (mapping == nullptr) {
          l.Error("fieldMappings", common::Text::kNotObject);
          continue;
        }
        boost::json::object one;
        DefinitionReader mr(*mapping, one, l.Key("fieldMappings"), r.errors(), r.adding(),
                            r.in_table());
        std::string field = mr.String("field", "");
        std::string related = mr.String("relatedField", "");
        if (field.empty() || related.empty()) {
          l.Error("fieldMappings", common::Text::kRequiredParam);
        } else if (!targets.insert(field).second) {
          l.Error("fieldMappings", common::Text::kDuplicateLookupTarget);
        }
        mappings.push_back(std::move(one));
      }
    }
  }
  out["fieldMappings"] = std::move(mappings);
  boost::json::array picker;
  if (const boost::json::value* p = l.Get("lookupPickerFields")) {
    if (!p->is_array()) {
      l.Error("lookupPickerFields", common::Text::kNotArray);
    } else {
      for (const boost::json::value& item : p->get_array()) {
        if (item.is_string()) picker.push_back(item);
      }
    }
  }
  out["lookupPickerFields"] = std::move(picker);
  l.String("filterCond", "");
  l.String("sort", "");
  r.out()["lookup"] = std::move(out);
  return true;
}

}  // namespace domain

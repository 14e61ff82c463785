#include "domain/apps/layout.h"

#include <set>

namespace domain {

namespace json = boost::json;
using common::FieldType;

namespace {

bool InLayout(FieldType t) {
  switch (t) {
    case FieldType::kId:
    case FieldType::kRevision:
    case FieldType::kRecordNumber:
    case FieldType::kCreator:
    case FieldType::kCreatedTime:
    case FieldType::kModifier:
    case FieldType::kUpdatedTime:
    case FieldType::kStatus:
    case FieldType::kStatusAssignee:
    case FieldType::kCategory:
      return false;
    default:
      return true;
  }
}

json::object Element(const FieldDef& f) {
  json::object e{{"type", common::FieldTypeName(f.type)}, {"code", f.code}};
  if (f.type == FieldType::kReferenceTable) return e;
  json::object size{{"width", "193"}};
  if (f.type == FieldType::kMultiLineText || f.type == FieldType::kRichText) {
    size["innerHeight"] = "125";
  }
  e["size"] = std::move(size);
  return e;
}

json::object Row(const FieldDef& f) {
  if (f.type == FieldType::kSubtable) {
    json::array inner;
    for (const FieldDef& i : f.fields) inner.push_back(Element(i));
    return json::object{{"type", "SUBTABLE"}, {"code", f.code}, {"fields", std::move(inner)}};
  }
  if (f.type == FieldType::kGroup) {
    return json::object{{"type", "GROUP"}, {"code", f.code}, {"layout", json::array()}};
  }
  return json::object{{"type", "ROW"}, {"fields", json::array{Element(f)}}};
}

// Rewrites codes by id (renames), drops elements whose field is gone, records what remains.
void Sync(json::array& rows, const FieldSet& before, const FieldSet& after,
          std::set<int64_t>& present) {
  json::array kept;
  for (json::value& v : rows) {
    if (!v.is_object()) continue;
    json::object& o = v.as_object();
    if (o.contains("code") && o.at("code").is_string()) {
      const FieldDef* old_def = before.Find(o.at("code").as_string());
      const FieldDef* now =
          old_def ? after.FindById(old_def->id) : after.Find(o.at("code").as_string());
      if (!now) continue;  // the field (a table, group or single field) was removed
      o["code"] = now->code;
      present.insert(now->id);
    }
    if (o.contains("fields") && o.at("fields").is_array()) {
      Sync(o.at("fields").as_array(), before, after, present);
      if (o.at("type") == "ROW" && o.at("fields").as_array().empty()) continue;
    }
    if (o.contains("layout") && o.at("layout").is_array()) {
      Sync(o.at("layout").as_array(), before, after, present);
    }
    kept.push_back(std::move(v));
  }
  rows = std::move(kept);
}

}  // namespace

namespace {

void CollectCodes(const json::array& rows, const std::string& group,
                  std::map<std::string, std::string, std::less<>>& out) {
  for (const json::value& v : rows) {
    const json::object* o = v.if_object();
    if (!o) continue;
    const json::value* code = o->if_contains("code");
    if (code && code->is_string() && o->if_contains("type") != nullptr &&
        o->at("type") != "GROUP") {
      out.emplace(std::string(code->as_string()), group);
    }
    if (const json::value* f = o->if_contains("fields"); f && f->is_array()) {
      CollectCodes(f->as_array(), group, out);
    }
    if (const json::value* l = o->if_contains("layout"); l && l->is_array()) {
      CollectCodes(l->as_array(), group, out);
    }
  }
}

}  // namespace

std::map<std::string, std::string, std::less<>> FieldGroups(const json::array& layout) {
  std::map<std::string, std::string, std::less<>> out;
  for (const json::value& v : layout) {
    const json::object* o = v.if_object();
    if (!o || o->if_contains("type") == nullptr || o->at("type") != "GROUP") continue;
    const json::value* code = o->if_contains("code");
    const json::value* rows = o->if_contains("layout");
    if (!code || !code->is_string() || !rows || !rows->is_array()) continue;
    CollectCodes(rows->as_array(), std::string(code->as_string()), out);
  }
  return out;
}

json::array SyncLayout(json::array layout, const FieldSet& before, const FieldSet& after) {
  std::set<int64_t> present;
  Sync(layout, before, after, present);
  for (const FieldDef& f : after.fields()) {
    if (!InLayout(f.type)) continue;
    if (present.count(f.id)) {
      if (f.type != FieldType::kSubtable) continue;
      // New inner fields of an existing table go to the end of its row.
      for (json::value& v : layout) {
        json::object& o = v.as_object();
        const json::value* code = o.if_contains("code");
        if (o.at("type") != "SUBTABLE" || !code || !code->is_string() ||
            code->as_string() != f.code) {
          continue;
        }
        json::array& elems = o["fields"].as_array();
        for (const FieldDef& inner : f.fields) {
          if (!present.count(inner.id)) elems.push_back(Element(inner));
        }
      }
      continue;
    }
    layout.push_back(Row(f));
  }
  return layout;
}

}  // namespace domain

#include "domain/records/history_view.h"

#include <algorithm>

namespace domain {

namespace json = boost::json;

namespace {

// The `value` of a stored {"type","value"} field, null when absent.
json::value ValueOf(const json::value* field) {
  if (!field || !field->is_object()) return nullptr;
  const json::value* v = field->as_object().if_contains("value");
  return v ? *v : json::value();
}

const json::object* ObjectAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v ? v->if_object() : nullptr;
}

}  // namespace

json::array VisibleChanges(const HistoryEntry& entry, const FieldSet& form,
                           const FieldRights& rights) {
  // add: {"after": record}; delete: {"before": record}; update: {code: {before, after}}.
  const json::object* whole_before = nullptr;
  const json::object* whole_after = nullptr;
  if (entry.action == "add") whole_after = ObjectAt(entry.diff, "after");
  if (entry.action == "delete") whole_before = ObjectAt(entry.diff, "before");
  bool whole = entry.action == "add" || entry.action == "delete";

  json::array out;
  for (const FieldDef& f : form.fields()) {
    if (!rights.CanView(f.code)) continue;
    json::value before, after;
    if (whole) {
      const json::object* record = whole_before ? whole_before : whole_after;
      if (!record) break;
      const json::value* field = record->if_contains(f.code);
      if (!field) continue;
      (whole_before ? before : after) = ValueOf(field);
    } else {
      const json::object* change = ObjectAt(entry.diff, f.code);
      if (!change) continue;
      before = ValueOf(change->if_contains("before"));
      after = ValueOf(change->if_contains("after"));
    }
    out.push_back(json::object{{"code", f.code},
                               {"label", f.label},
                               {"type", common::FieldTypeName(f.type)},
                               {"before", std::move(before)},
                               {"after", std::move(after)}});
  }
  return out;
}

bool AddedWithoutRecord(const HistoryEntry& entry) {
  return entry.action == "add" && !entry.diff.contains("after");
}

json::object RecordAsAdded(const json::object& current, const std::vector<HistoryEntry>& history) {
  std::vector<const HistoryEntry*> updates;
  for (const HistoryEntry& e : history) {
    if (e.action == "update") updates.push_back(&e);
  }
  std::sort(updates.begin(), updates.end(),
            [](const HistoryEntry* a, const HistoryEntry* b) { return a->revision > b->revision; });
  json::object record = current;
  for (const HistoryEntry* e : updates) {
    for (const auto& [code, change] : e->diff) {
      const json::object* c = change.if_object();
      const json::value* before = c ? c->if_contains("before") : nullptr;
      if (before && !before->is_null()) {
        record[code] = *before;
      } else {
        record.erase(code);
      }
    }
  }
  return record;
}

}  // namespace domain

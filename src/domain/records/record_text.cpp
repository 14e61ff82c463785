#include "domain/records/record_text.h"

#include <algorithm>

#include "common/json_text.h"
#include "domain/fields/date_time.h"

namespace domain {

using common::FieldType;

RecordText::RecordText(const FieldSet& form, const RecordCodec& codec, const FormFeatures& features,
                       std::string_view app_code, const EntityDirectory& directory,
                       const std::optional<std::vector<std::string>>& fields)
    : codec_(codec), directory_(directory), app_code_(app_code) {
  auto add = [&](Part part, std::string_view code, FieldType type,
                 const RecordCodec::FieldSlot* slot) {
    entries_.push_back({part, std::string(code), RecordCodec::JsonKey(code),
                        RecordCodec::JsonOpening(type), slot});
  };
  for (const RecordCodec::FieldSlot& slot : codec.RecordSlots()) {
    add(Part::kField, slot.def->code, slot.def->type, &slot);
  }
  add(Part::kId, "$id", FieldType::kId, nullptr);
  add(Part::kRevision, "$revision", FieldType::kRevision, nullptr);
  auto system = [&](Part part, FieldType type) {
    if (const FieldDef* def = form.FindByType(type)) add(part, def->code, type, nullptr);
  };
  system(Part::kRecordNumber, FieldType::kRecordNumber);
  system(Part::kCreator, FieldType::kCreator);
  system(Part::kCreatedTime, FieldType::kCreatedTime);
  system(Part::kModifier, FieldType::kModifier);
  system(Part::kUpdatedTime, FieldType::kUpdatedTime);
  if (features.process_management) {
    system(Part::kStatus, FieldType::kStatus);
    system(Part::kAssignees, FieldType::kStatusAssignee);
  }
  if (features.categories) system(Part::kCategory, FieldType::kCategory);

  // A later entry with an earlier one's code replaced its value in place (an object's key).
  std::vector<const Entry*> all;
  for (const Entry& e : entries_) {
    bool replaced = false;
    for (const Entry*& kept : all) {
      if (kept->code == e.code) {
        kept = &e;
        replaced = true;
      }
    }
    if (!replaced) all.push_back(&e);
  }
  if (!fields) {
    chosen_ = std::move(all);
    return;
  }
  for (const std::string& code : *fields) {
    for (const Entry* e : all) {
      if (e->code != code) continue;
      if (std::find(chosen_.begin(), chosen_.end(), e) == chosen_.end()) chosen_.push_back(e);
      break;
    }
  }
}

bool RecordText::Write(const RecordRow& row, const FieldRights* rights, std::string& out) const {
  bool shows_id = false;
  out += '{';
  bool first = true;
  for (const Entry* e : chosen_) {
    if (rights != nullptr && !rights->CanView(e->code)) continue;
    if (!first) out += ',';
    first = false;
    out += e->key;
    WriteValue(*e, row, out);
    shows_id = shows_id || e->part == Part::kId;
  }
  out += '}';
  return shows_id;
}

void RecordText::WriteEntity(int64_t user, std::string& out) const {
  std::optional<Entity> e = directory_.FindUserById(user);
  out += R"({"code":)";
  common::AppendJsonString(out, e ? std::string_view(e->code) : std::string_view());
  out += R"(,"name":)";
  common::AppendJsonString(out, e ? std::string_view(e->name) : std::string_view());
  out += '}';
}

void RecordText::WriteValue(const Entry& e, const RecordRow& row, std::string& out) const {
  if (e.part == Part::kField && e.slot->def->type == FieldType::kSubtable) {
    bool any = false;
    for (const RecordRow::TableRow& t : row.rows) {
      if (t.table != e.slot->def) continue;
      out += any ? "," : e.opening + "[";
      any = true;
      codec_.AppendRowJson(*t.table, t.id, t.columns(), directory_, out);
    }
    if (any) {
      out += "]}";
      return;
    }
  }
  if (e.part == Part::kField) {
    codec_.AppendFieldJson(*e.slot, row.columns(), directory_, out);
    return;
  }
  out += e.opening;
  switch (e.part) {
    case Part::kField:
      break;
    case Part::kId:
      common::AppendJsonString(out, std::to_string(row.id));
      break;
    case Part::kRevision:
      common::AppendJsonString(out, std::to_string(row.revision));
      break;
    case Part::kRecordNumber: {
      std::string id = std::to_string(row.id);
      common::AppendJsonString(out, app_code_.empty() ? id : app_code_ + "-" + id);
      break;
    }
    case Part::kCreator:
      WriteEntity(row.creator, out);
      break;
    case Part::kCreatedTime:
      AppendDateTimeJson(out, row.created_at);
      break;
    case Part::kModifier:
      WriteEntity(row.modifier, out);
      break;
    case Part::kUpdatedTime:
      AppendDateTimeJson(out, row.updated_at);
      break;
    case Part::kStatus:
      common::AppendJsonString(out, row.status);
      break;
    case Part::kAssignees:
      out += '[';
      for (size_t i = 0; i < row.assignees.size(); ++i) {
        if (i) out += ',';
        WriteEntity(row.assignees[i], out);
      }
      out += ']';
      break;
    case Part::kCategory:
      out += "[]";  // categories are not stored yet: the read answer has always held none
      break;
  }
  out += '}';
}

}  // namespace domain

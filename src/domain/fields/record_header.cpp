#include "domain/fields/record_header.h"

#include "domain/fields/date_time.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {
namespace {

boost::json::object EntityJson(const Entity& e, const boost::json::storage_ptr& storage) {
  boost::json::object o(storage);
  o.reserve(2);
  o.emplace("code", e.code);
  o.emplace("name", e.name);
  return o;
}

void Put(const FieldSet& form, common::FieldType type, boost::json::value value,
         boost::json::object& record) {
  if (const FieldDef* def = form.FindByType(type)) {
    record[def->code] = FieldValueJson(type, std::move(value), record.storage());
  }
}

}  // namespace

void AppendRecordHeader(const FieldSet& form, const RecordHeader& header,
                        const FormFeatures& features, std::string_view app_code,
                        boost::json::object& record) {
  using common::FieldType;
  // Everything in the record's own storage: a response's arena stays one arena.
  const boost::json::storage_ptr& sp = record.storage();
  std::string id = std::to_string(header.id);
  record["$id"] = FieldValueJson(FieldType::kId, boost::json::string(id, sp), sp);
  record["$revision"] = FieldValueJson(
      FieldType::kRevision, boost::json::string(std::to_string(header.revision), sp), sp);
  std::string number = app_code.empty() ? id : std::string(app_code) + "-" + id;
  Put(form, FieldType::kRecordNumber, boost::json::string(number, sp), record);
  Put(form, FieldType::kCreator, EntityJson(header.creator, sp), record);
  Put(form, FieldType::kCreatedTime, boost::json::string(FormatDateTime(header.created_at), sp),
      record);
  Put(form, FieldType::kModifier, EntityJson(header.modifier, sp), record);
  Put(form, FieldType::kUpdatedTime, boost::json::string(FormatDateTime(header.updated_at), sp),
      record);
  if (features.process_management) {
    Put(form, FieldType::kStatus, boost::json::string(header.status, sp), record);
    boost::json::array assignees(sp);
    for (const Entity& e : header.assignees) assignees.push_back(EntityJson(e, sp));
    Put(form, FieldType::kStatusAssignee, std::move(assignees), record);
  }
  if (features.categories) {
    boost::json::array categories(sp);
    for (const std::string& c : header.categories) categories.push_back(boost::json::string(c, sp));
    Put(form, FieldType::kCategory, std::move(categories), record);
  }
}

}  // namespace domain

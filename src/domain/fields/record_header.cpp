#include "domain/fields/record_header.h"

#include "domain/fields/date_time.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {
namespace {

boost::json::object EntityJson(const Entity& e) {
  return boost::json::object{{"code", e.code}, {"name", e.name}};
}

void Put(const FieldSet& form, common::FieldType type, boost::json::value value,
         boost::json::object& record) {
  if (const FieldDef* def = form.FindByType(type)) {
    record[def->code] = FieldValueJson(type, std::move(value));
  }
}

}  // namespace

void AppendRecordHeader(const FieldSet& form, const RecordHeader& header,
                        const FormFeatures& features, std::string_view app_code,
                        boost::json::object& record) {
  using common::FieldType;
  std::string id = std::to_string(header.id);
  record["$id"] = FieldValueJson(FieldType::kId, boost::json::string(id));
  record["$revision"] =
      FieldValueJson(FieldType::kRevision, boost::json::string(std::to_string(header.revision)));
  std::string number = app_code.empty() ? id : std::string(app_code) + "-" + id;
  Put(form, FieldType::kRecordNumber, boost::json::string(number), record);
  Put(form, FieldType::kCreator, EntityJson(header.creator), record);
  Put(form, FieldType::kCreatedTime, boost::json::string(FormatDateTime(header.created_at)),
      record);
  Put(form, FieldType::kModifier, EntityJson(header.modifier), record);
  Put(form, FieldType::kUpdatedTime, boost::json::string(FormatDateTime(header.updated_at)),
      record);
  if (features.process_management) {
    Put(form, FieldType::kStatus, boost::json::string(header.status), record);
    boost::json::array assignees;
    for (const Entity& e : header.assignees) assignees.push_back(EntityJson(e));
    Put(form, FieldType::kStatusAssignee, std::move(assignees), record);
  }
  if (features.categories) {
    boost::json::array categories;
    for (const std::string& c : header.categories) categories.push_back(boost::json::string(c));
    Put(form, FieldType::kCategory, std::move(categories), record);
  }
}

}  // namespace domain

// The system part of a record in read form (§4.1, §5.1): $id, $revision, RECORD_NUMBER,
// CREATOR, CREATED_TIME, MODIFIER, UPDATED_TIME, and STATUS, STATUS_ASSIGNEE, CATEGORY when
// enabled, under the codes the form gives them. Stateless.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/fields/entity_directory.h"
#include "domain/fields/field_set.h"

namespace domain {

// What storage's fixed columns hold, with users resolved.
struct RecordHeader {
  int64_t id = 0;
  int64_t revision = 0;
  Entity creator;
  int64_t created_at = 0;  // unix seconds
  Entity modifier;
  int64_t updated_at = 0;
  std::string status;  // process management state
  std::vector<Entity> assignees;
  std::vector<std::string> categories;
};

// Appends the system fields to `record`. RECORD_NUMBER reads "<app_code>-<id>" when the
// app has a code.
void AppendRecordHeader(const FieldSet& form, const RecordHeader& header,
                        const FormFeatures& features, std::string_view app_code,
                        boost::json::object& record);

}  // namespace domain

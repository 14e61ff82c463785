// Reading the `record` / `records` parts of record write bodies. Stateless.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "api/params.h"
#include "domain/records/record_service.h"

namespace api {

// `record` as an object ({} when absent); CB_VA01 on `key` when it is not an object.
common::Result<boost::json::object> RecordObject(const boost::json::value* v, const std::string& key);
// One element of PUT record(s).json: id or updateKey, record, revision. `prefix` is "" for
// record.json and "records[i]." for records.json.
common::Result<domain::RecordUpdate> ParseUpdate(const boost::json::object& body,
                                                 const std::string& prefix);
// The optional `fields` list of GET records.json / cursors.
common::Result<std::optional<std::vector<std::string>>> FieldList(const Params& p);

}  // namespace api

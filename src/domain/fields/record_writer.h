// The record write path (§4.4-4.6): turns the `record` body of POST/PUT record(s).json into
// canonical values for the app's fields, applying defaults on add, merging on update, and
// collecting every violation of every field into one CB_VA01 Error. Pure: the directory and
// file ports come in through WriteContext. Immutable; one instance per form may serve all
// threads (it keeps references to the registry and the form, which must outlive it).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/sql_value.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_behavior.h"
#include "domain/fields/field_type_registry.h"

namespace domain {

// CREATOR / CREATED_TIME / MODIFIER / UPDATED_TIME given on add (data migration, §4.4);
// unset members default to the caller and the request time.
struct RecordInfoOverrides {
  std::optional<Entity> creator;
  std::optional<int64_t> created_at;  // unix seconds, minute precision
  std::optional<Entity> modifier;
  std::optional<int64_t> updated_at;
};

// A unique field's new value, for storage to check against the other records (the record
// itself excluded on update). Empty values never collide and are not listed.
struct UniqueCheck {
  const FieldDef* field = nullptr;
  common::SqlValue value;  // as stored in column f{id}
};

struct CoercedRecord {
  CoercedRecord() = default;
  // `record` in `storage`, the memory resource its values will come from.
  explicit CoercedRecord(boost::json::storage_ptr storage) : record(std::move(storage)) {}

  // code -> {"type": "...", "value": ...} in read form (§4.1) for every top-level field that
  // holds a value; tables as [{"id": "368", "value": {...}}], new rows with id "0".
  // On update: the stored record with the changes merged in.
  boost::json::object record;
  RecordInfoOverrides info;                // add only
  std::vector<const FieldDef*> changed;    // top-level fields whose value changed (add: all)
  std::vector<UniqueCheck> unique_checks;  // changed unique fields with a non-empty value
};

class RecordWriter {
 public:
  RecordWriter(const FieldTypeRegistry& registry, const FieldSet& form);

  // POST: `sent` is the `record` object (empty for all defaults). `base` prefixes error keys:
  // "record" for record.json, "records[<i>]" for records.json.
  common::Result<CoercedRecord> Add(const boost::json::object& sent, WriteContext& context,
                                    std::string_view base = "record") const;

  // PUT: `current` is the stored record in read form (RecordCodec::ReadRecord plus rows);
  // only sent fields change and `required` is checked on the merged record.
  common::Result<CoercedRecord> Update(boost::json::object current, const boost::json::object& sent,
                                       WriteContext& context,
                                       std::string_view base = "record") const;

 private:
  const FieldTypeRegistry& registry_;
  const FieldSet& form_;
  bool has_calculation_ = false;         // CALC or auto-calculated text anywhere in the form
  std::vector<int64_t> lookup_targets_;  // ids of lookup copy targets, sorted
};

}  // namespace domain

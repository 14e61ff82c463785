// An app's form: every field definition, top level and inside tables, with look-ups by
// code and id. A form made by NewForm always holds the five record-info fields and STATUS,
// STATUS_ASSIGNEE, CATEGORY. Immutable value once built; share it read-only between threads.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "common/text.h"
#include "domain/fields/field_def.h"

namespace domain {

class FieldTypeRegistry;

// App features that decide what the process fields report (`enabled`) and whether records
// carry STATUS / CATEGORY values.
struct FormFeatures {
  bool process_management = false;
  bool categories = false;
};

class FieldSet {
 public:
  FieldSet() = default;
  // `fields` are top-level fields in form order, tables holding their inner fields.
  explicit FieldSet(std::vector<FieldDef> fields);

  // A new app's form: the system fields only, with the default codes of `lang` (§4.2),
  // taking ids from `next_field_id`.
  static FieldSet NewForm(const FieldTypeRegistry& registry, common::Lang lang,
                          int64_t& next_field_id);
  // Restores a form saved by ToStored; an error (GAIA_UN01) only for a damaged document.
  static common::Result<FieldSet> FromStored(const boost::json::value& stored);
  // {"fields":[{"id":7,"properties":{…},"fields":[…inner…]}, …]}
  boost::json::object ToStored() const;
  // `properties` of GET app/form/fields.json.
  boost::json::object PropertiesJson(const FormFeatures& features) const;

  const std::vector<FieldDef>& fields() const { return fields_; }
  // By code, top level or inside a table.
  const FieldDef* Find(std::string_view code) const;
  // By code, top level only (what a record body's keys name).
  const FieldDef* FindTopLevel(std::string_view code) const;
  const FieldDef* FindById(int64_t id) const;
  // The table holding inner field `code`, or nullptr.
  const FieldDef* TableOf(std::string_view code) const;
  // The first top-level field of `type` (system fields: RECORD_NUMBER, CREATOR, …).
  const FieldDef* FindByType(common::FieldType type) const;

 private:
  struct Location {
    size_t top = 0;
    size_t inner = kTopLevel;
  };
  static constexpr size_t kTopLevel = static_cast<size_t>(-1);

  void BuildIndex();
  const FieldDef* At(const Location& at) const;

  std::vector<FieldDef> fields_;
  std::map<std::string, Location, std::less<>> by_code_;
  std::unordered_map<int64_t, Location> by_id_;
};

}  // namespace domain

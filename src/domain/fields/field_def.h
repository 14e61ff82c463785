// One field's definition: the normalised kintone definition JSON (what GET
// app/form/fields.json returns) plus parsed members that the record write path reads
// without JSON look-ups. Value type; immutable once built by the field-type registry.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/field_type.h"

namespace domain {

// One choice of CHECK_BOX, RADIO_BUTTON, DROP_DOWN, MULTI_SELECT; `name` is the value.
struct OptionDef {
  std::string name;
  std::string label;
  int64_t index = 0;
};

enum class LinkProtocol { kWeb, kCall, kMail };

// An {code, type} entry of USER/ORGANIZATION/GROUP_SELECT `entities` or `defaultValue`;
// type is USER, ORGANIZATION, GROUP or FUNCTION (LOGINUSER(), PRIMARY_ORGANIZATION()).
struct EntityRef {
  std::string code;
  std::string type;
};

// A lookup's copy rule: `field` (in this app) receives `related_field` of the datasource.
struct LookupMapping {
  std::string field;
  std::string related_field;
};

struct FieldDef {
  int64_t id = 0;  // stable storage id: column f{id}; never reused, survives renames
  std::string code;
  common::FieldType type = common::FieldType::kSingleLineText;
  std::string label;
  bool no_label = false;
  // The normalised definition exactly as GET app/form/fields.json returns it, every default
  // filled and numeric-looking properties as strings, except SUBTABLE `fields`, which
  // DefinitionJson assembles from `fields` below.
  boost::json::object properties;

  // Parsed from `properties` by the field type's behaviour.
  bool required = false;
  bool unique = false;                // only where the type supports it, never in tables
  std::vector<OptionDef> options;     // ascending index
  std::optional<int64_t> min_length;  // SINGLE_LINE_TEXT, LINK
  std::optional<int64_t> max_length;
  std::string min_value;  // NUMBER, canonical decimal; "" = no bound
  std::string max_value;
  boost::json::value default_value;  // `defaultValue` as normalised ("" / [names] / [{code,type}])
  bool default_now = false;          // DATE, TIME, DATETIME `defaultNowValue`
  LinkProtocol protocol = LinkProtocol::kWeb;
  std::string expression;  // CALC formula or auto-calculated SINGLE_LINE_TEXT; "" = none
  bool lookup = false;     // carries a `lookup` definition
  std::vector<LookupMapping> lookup_mappings;
  std::vector<EntityRef> entities;  // selectable candidates; empty = everyone
  std::vector<FieldDef> fields;     // SUBTABLE inner fields, in form order

  bool HasOption(std::string_view name) const;
  const FieldDef* FindInner(std::string_view code) const;
};

// Fills code, label, no_label and the parsed members from `def.properties` (type and id are
// the caller's). Tolerates anything: a damaged document yields defaults, never a crash.
void ParseDefinitionProperties(FieldDef& def);

// The GET app/form/fields.json definition of `def` (a SUBTABLE with its `fields`).
boost::json::object DefinitionJson(const FieldDef& def);

}  // namespace domain

// Fields for form-rule tests, built as a stored form holds them.
#pragma once

#include <boost/json/parse.hpp>

#include "domain/fields/field_def.h"

namespace domain::testing {

// `extra` (JSON) joins type, code and label; the definition properties are parsed as on load.
inline FieldDef StoredField(int64_t id, const char* code, common::FieldType type,
                            const char* extra = "{}") {
  FieldDef f;
  f.id = id;
  f.type = type;
  f.properties = boost::json::parse(extra).as_object();
  f.properties["type"] = common::FieldTypeName(type);
  f.properties["code"] = code;
  f.properties["label"] = code;
  ParseDefinitionProperties(f);
  return f;
}

}  // namespace domain::testing

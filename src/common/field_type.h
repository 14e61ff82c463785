// kintone's field types as one enum, shared by the query binder and the domain's field-type
// registry (which holds the per-type behaviour). Stateless.
#pragma once

#include <optional>
#include <string_view>

namespace common {

enum class FieldType {
#define TK_FIELD_TYPE(name, text) k##name,
#include "common/field_type_catalog.inc"
#undef TK_FIELD_TYPE
};

std::string_view FieldTypeName(FieldType type);
std::optional<FieldType> ParseFieldType(std::string_view name);

}  // namespace common

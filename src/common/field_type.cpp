#include "common/field_type.h"

namespace common {
namespace {

struct Entry {
  FieldType type;
  std::string_view name;
};

constexpr Entry kTypes[] = {
#define TK_FIELD_TYPE(name, text) {FieldType::k##name, text},
#include "common/field_type_catalog.inc"
#undef TK_FIELD_TYPE
};

}  // namespace

std::string_view FieldTypeName(FieldType type) { return kTypes[static_cast<size_t>(type)].name; }

std::optional<FieldType> ParseFieldType(std::string_view name) {
  for (const Entry& e : kTypes) {
    if (e.name == name) return e.type;
  }
  return std::nullopt;
}

}  // namespace common

// What the query layer needs to know about an app and its caller, as interfaces the storage or
// domain layer implements: field codes -> typed fields, entity codes -> ids, and the caller's
// context. Implementations must stay valid and unchanged while one compile call runs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/field_type.h"

namespace query {

struct FieldInfo {
  std::string code;
  std::string label;
  common::FieldType type = common::FieldType::kSingleLineText;
  int64_t id = 0;           // storage field id K: column f{K}, mv field_id, FTS table r{A}_f{K}_fts
  int64_t subtable_id = 0;  // 0 = top level, else the id of the SUBTABLE holding this field
  // Choice fields: option names ordered by their `index`. STATUS: state names in process order
  // (may be empty: STATUS then sorts by name).
  std::vector<std::string> options;
  bool is_lookup = false;  // a lookup queries as its base type
};

class SchemaLookup {
 public:
  virtual ~SchemaLookup() = default;
  // The field (top-level, system, or inside a table) with this code; nullptr when none.
  // `$id` is handled by the query layer and need not be known here.
  virtual const FieldInfo* Find(std::string_view code) const = 0;
  virtual int64_t app_id() const = 0;
};

enum class EntityKind { kUser, kOrganization, kGroup };

// Entity codes (login names, organisation and group codes) -> the integer ids stored in records.
class EntityResolver {
 public:
  virtual ~EntityResolver() = default;
  // nullopt when no such entity exists; the value then matches no record.
  virtual std::optional<int64_t> Find(EntityKind kind, std::string_view code) const = 0;
};

struct QueryContext {
  int64_t login_user_id = 0;      // LOGINUSER()
  std::string time_zone = "UTC";  // IANA zone of the caller, for TODAY() and friends
  int64_t now_seconds = 0;        // NOW(), unix seconds
  std::optional<int64_t> primary_organization_id;  // PRIMARY_ORGANIZATION(); none -> ignored
  const EntityResolver* entities = nullptr;        // nullptr: every code is unknown
  int64_t max_limit = 500;
  int64_t max_offset = 10000;
};

}  // namespace query

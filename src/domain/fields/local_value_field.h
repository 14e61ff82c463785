// DATE and TIME: zone-less local values stored as text ("YYYY-MM-DD", "HH:MM") or NULL when
// empty, parsed and completed on write, defaulting to "now" in the caller's time zone.
// One behaviour parameterised by what differs. Immutable; thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/fields/field_type_behavior.h"

namespace domain {

struct LocalValueKind {
  common::FieldType type;
  bool unique;                                              // DATE may be unique, TIME not
  std::optional<std::string> (*parse)(std::string_view);   // canonical form, or nullopt
  common::Text bad_format;                                  // message for an unparsable value
  std::string WriteContext::*now;                           // today / now_time
};

std::unique_ptr<FieldTypeBehavior> MakeLocalValueBehavior(const LocalValueKind& kind);

}  // namespace domain

#include "domain/fields/behaviors.h"
#include "domain/fields/date_time.h"
#include "domain/fields/local_value_field.h"

namespace domain {

// TIME: a time of day "HH:MM"; seconds are ignored; defaultNowValue means the current time
// in the caller's time zone.
std::unique_ptr<FieldTypeBehavior> MakeTimeBehavior() {
  return MakeLocalValueBehavior({common::FieldType::kTime, false, &ParseTime,
                                 common::Text::kBadTime, &WriteContext::now_time});
}

}  // namespace domain

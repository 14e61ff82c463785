#include "domain/fields/behaviors.h"
#include "domain/fields/date_time.h"
#include "domain/fields/local_value_field.h"

namespace domain {

// DATE: a calendar date "YYYY-MM-DD"; short forms are completed (§4.4); may be unique;
// defaultNowValue means today in the caller's time zone.
std::unique_ptr<FieldTypeBehavior> MakeDateBehavior() {
  return MakeLocalValueBehavior({common::FieldType::kDate, true, &ParseDate,
                                 common::Text::kBadDate, &WriteContext::today});
}

}  // namespace domain

// The calendar functions of §6.4 (TODAY() … NEXT_YEAR(), FROM_TODAY()) as ranges of local days
// relative to the caller's today. Pure; weeks run Sunday to Saturday. Stateless.
#pragma once

#include <string_view>

#include "common/result.h"
#include "common/time_zone.h"
#include "query/ast.h"

namespace query {

// Inclusive range of local calendar days.
struct DateRange {
  common::CivilDate first;
  common::CivilDate last;
};

// True for the names EvaluateDateFunction understands.
bool IsDateFunction(std::string_view name);

// Errors: wrong argument count or a bad weekday -> GAIA_IL08; bad FROM_TODAY unit ->
// GAIA_IQ25; a day outside 1..31 (or LAST) -> GAIA_IQ23.
common::Result<DateRange> EvaluateDateFunction(const FunctionCall& call, common::CivilDate today);

// `date` moved by whole months, the day clamped to the target month's length (Jan 31 + 1 -> Feb
// 28).
common::CivilDate AddMonths(common::CivilDate date, int64_t months);

}  // namespace query

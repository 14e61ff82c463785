// Aggregates of an app's records (counts, sums, averages, minima, maxima) grouped by up to two
// fields, as one parameterised GROUP BY statement over the record table (alias r):
//
//   SELECT <key1>, <key2>, count(*), sum(r.f14_n), … FROM r12 r [LEFT JOIN r12_mv m …]
//   WHERE <filter> AND <restriction> GROUP BY 1, 2 ORDER BY 1, 2 LIMIT ?
//
// Keys are text: option names, status names, text values; dates and instants bucketed into
// local days ("2026-04-23"), weeks (the Sunday they start on, as THIS_WEEK() counts weeks),
// months ("2026-04") or years ("2026") in the caller's time zone; "" when empty. A field the
// schema does not know (e.g. one the caller may not view) is GAIA_IQ11, as in a query. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time_zone.h"
#include "query/count_plan.h"
#include "query/schema.h"
#include "query/sql_dialect.h"
#include "query/sql_fragment.h"

namespace query {

enum class AggregateFunction { kCount, kSum, kAverage, kMin, kMax };

struct GroupKey {
  std::string code;
  TimeBucket bucket = TimeBucket::kNone;  // dates and instants: kNone means kDay
};

struct Measure {
  AggregateFunction function = AggregateFunction::kCount;
  std::string code;  // NUMBER or CALC; "" for COUNT
};

struct AggregateRequest {
  std::vector<GroupKey> groups;   // 0..2
  std::vector<Measure> measures;  // 0..10; the count of each group is always computed
  std::string filter;             // a kintone query condition; "" = every record
};

struct CompiledAggregate {
  // Columns: one text key per group, count(*), then one value per non-COUNT measure (NULL
  // when no record of the group has a value). At most `max_groups + 1` rows, so a caller can
  // tell that the limit was exceeded.
  SqlFragment statement;
  std::vector<FieldInfo> groups;    // resolved group fields, in request order
  std::vector<TimeBucket> buckets;  // the bucket used per group (kDay for a bare date)
  std::vector<FieldInfo> measures;  // resolved measure fields (empty info for COUNT)
  int64_t app = 0;                  // the app whose records are aggregated
  int64_t row_limit = 0;            // the statement's LIMIT: max_groups + 1
  // The same rows counted from in-memory columns (storage/count_index.h): set when every
  // measure is COUNT, every group a choice or a DATE, the filter has a count plan and no
  // restriction applies; nullptr otherwise.
  std::shared_ptr<const CountPlan> count_plan;
  std::vector<CountGroup> count_groups;
};

inline constexpr size_t kMaxGroupFields = 2;
inline constexpr size_t kMaxMeasures = 10;

// Whether a field of `type` can be a group key (choices, status, single-line text, dates and
// instants, check boxes and multi-selects) or a SUM/AVERAGE/MIN/MAX measure (NUMBER, CALC).
bool IsGroupable(common::FieldType type);
bool IsDateLike(common::FieldType type);
bool IsMeasurable(common::FieldType type);

// `restriction`: an extra condition over alias r (the caller's record ACL), ANDed in.
// CB_VA01 on "groups[i]" / "aggregations[i]" for unusable fields or too many of them; the
// filter's own errors as CompileCondition reports them.
common::Result<CompiledAggregate> CompileAggregate(
    const AggregateRequest& request, const SchemaLookup& schema, const QueryContext& context,
    const SqlDialect& dialect, const std::optional<SqlFragment>& restriction, int64_t max_groups);

// The UTC offset of `zone` at the instant `expr` (unix seconds) as an SQL expression with
// bound parameters: one value for zones without transitions in [from, to], else a CASE over
// the transitions in that range (instants outside it take the nearest span's offset).
SqlFragment OffsetExpression(const common::TimeZone& zone, std::string_view expr, int64_t from,
                             int64_t to, const SqlDialect& dialect, size_t first_param_index);

}  // namespace query

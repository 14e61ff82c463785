// Aggregates of an app's records for staff and public dashboards: counts and sums, averages,
// minima, maxima of NUMBER/CALC fields, grouped by up to two fields (dates bucketed by day,
// week, month or year), optionally filtered by a kintone condition. Runs through the same
// access rules as every read: the view right, the record ACL compiled into the WHERE clause
// (hidden records are not counted) and the field ACL (grouping, summing or filtering on a
// field the caller may not view is GAIA_IQ11, as in a query). Thread-safe (stateless).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "query/aggregate_compiler.h"

namespace domain {

struct AggregateRow {
  std::vector<std::string> keys;              // one per group ("" = empty)
  int64_t count = 0;                          // records in the group
  std::vector<std::optional<double>> values;  // one per measure (COUNT: the count)
};

struct AggregateTable {
  std::vector<query::FieldInfo> groups;
  std::vector<query::TimeBucket> buckets;
  std::vector<query::Measure> measures;
  std::vector<query::FieldInfo> measure_fields;  // empty info for COUNT
  std::vector<AggregateRow> rows;                // choice keys in option order, others sorted
  int64_t computed_at = 0;

  // {"groups": [{code,label,type,per}], "aggregations": [{type,code,label}],
  //  "rows": [{"keys": […], "count": n, "values": [n|null…]}], "computedAt": "…Z"}
  boost::json::object ToJson() const;
};

// The request as JSON: {"groups": [{"code", "per"?: DAY|WEEK|MONTH|YEAR}],
// "aggregations": [{"type": COUNT|SUM|AVERAGE|MIN|MAX, "code"?}], "filterCond"?: "…"}.
// Shape errors are CB_VA01 on "<prefix>groups[i].per" etc.
common::Result<query::AggregateRequest> ParseAggregateRequest(const boost::json::object& body,
                                                              const std::string& prefix = "");
boost::json::object AggregateRequestToJson(const query::AggregateRequest& request);
std::string_view BucketName(query::TimeBucket bucket);
std::string_view FunctionName(query::AggregateFunction function);

struct AggregateOptions {
  int64_t max_groups = 10000;  // more groups than this is CB_VA01 (kAggregateTooManyGroups)
};

class AggregateService {
 public:
  AggregateService(TransactionRunner& db, FormService& forms, const EntityDirectory& directory,
                   const common::Clock& clock, AggregateOptions options = {})
      : db_(db), forms_(forms), directory_(directory), clock_(clock), options_(options) {}

  // As `who` (view right required), dates bucketed in their time zone.
  common::Result<AggregateTable> Run(const Principal& who, int64_t app,
                                     const query::AggregateRequest& request);
  // Within an open transaction, for an app already loaded and checked as addressable.
  common::Result<AggregateTable> RunIn(Transaction& tx, const Principal& who, const App& app,
                                       const query::AggregateRequest& request);

 private:
  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  const common::Clock& clock_;
  AggregateOptions options_;
};

}  // namespace domain

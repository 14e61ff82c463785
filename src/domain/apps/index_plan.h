// Which b-tree indexes a deployed app's record table gets (ARCHITECTURE.md: "unique fields get
// unique indexes; fields used by views' filters and sorts are indexed at deploy"). Every index
// costs a random b-tree insert per record written, so fields nobody filters or sorts on by a
// view are not indexed: `=` on them scans. Pure functions; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <vector>

namespace domain {

class FieldSet;

// One index over top-level fields, in key order (the record id is every index's last column).
struct IndexSpec {
  std::vector<int64_t> field_ids;
  bool operator==(const IndexSpec&) const = default;
  auto operator<=>(const IndexSpec&) const = default;
};

// The indexes for `form` and the views document {"views": {name: {filterCond, sort, …}}}
// (nullptr: no views), besides the unique constraints themselves:
// - each unique field (look-ups and updateKey use `=` on it);
// - per view, its equality filters (`=`, `in` joined by top-level `and`) followed by its first
//   sort field, so "status = X order by date" reads one index range in order with no sort;
// - each other field a view filters by range/emptiness or sorts by.
// Fields without an orderable column (checkbox, users, tables, system fields, …) are skipped,
// as are filters and sorts that do not parse. An index that is a prefix of another is left out.
// Sorted, without duplicates.
std::vector<IndexSpec> PlanIndexes(const FieldSet& form, const boost::json::object* views);

}  // namespace domain

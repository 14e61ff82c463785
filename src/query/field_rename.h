// Field-code changes applied to parsed conditions and sort keys: what a form edit does to
// the settings that name its fields (views, record permissions). Pure functions.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "query/ast.h"

namespace query {

struct FieldChanges {
  std::map<std::string, std::string, std::less<>> renamed;  // old code -> new code
  std::set<std::string, std::less<>> removed;               // codes that no longer exist
  bool empty() const { return renamed.empty() && removed.empty(); }
};

// `condition` with renamed codes replaced (in `related.code` the related-records field is
// ours, `code` the other app's, so only `related` follows) and every predicate on a removed
// field left out; an and/or left with one child becomes that child, with none nullopt.
// `changed` is set when anything differed.
std::optional<Condition> ApplyFieldChanges(const Condition& condition, const FieldChanges& changes,
                                           bool& changed);

// Sort keys with renamed codes replaced and keys on removed fields left out.
std::vector<SortKey> ApplyFieldChanges(const std::vector<SortKey>& keys,
                                       const FieldChanges& changes, bool& changed);

}  // namespace query

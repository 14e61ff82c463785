// Emits ORDER BY terms for bound sort keys (§6.5): code-point text, numeric NUMBER, choices and
// statuses in definition order, empties smallest, ties broken by r.id DESC unless $id is a key.
// Stateless.
#pragma once

#include <vector>

#include "query/bound_query.h"
#include "query/sql_builder.h"

namespace query {

// The terms without "ORDER BY"; no keys gives "r.id DESC".
void EmitOrderBy(const std::vector<BoundSortKey>& keys, SqlBuilder& b);

}  // namespace query

// SQL for kintone's ordered permission rules: the first rule whose condition holds decides.
// Used to turn a record ACL into a WHERE term, so listing, counting and paging see only the
// records the caller may view. Positional placeholders: fragments are joined in text order.
#pragma once

#include <utility>
#include <vector>

#include "query/compiler.h"
#include "query/sql_fragment.h"

namespace query {

// "1" or "0".
SqlFragment BoolLiteral(bool value);

// CASE WHEN when1 THEN then1 WHEN when2 THEN then2 … ELSE otherwise END, each `then` a
// boolean expression; a `when` that is NULL counts as not holding.
SqlFragment FirstMatch(const std::vector<std::pair<SqlFragment, SqlFragment>>& branches,
                       const SqlFragment& otherwise);

// Narrows a compiled query to the records for which `condition` (over alias r) holds, for
// the page, its total and a cursor's ids alike.
void RestrictTo(CompiledQuery& query, const SqlFragment& condition);

}  // namespace query

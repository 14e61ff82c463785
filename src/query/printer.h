// Parsed conditions and sort keys back to query text (§6.1), for settings that are rewritten
// through the AST (a renamed field in a view's filterCond) rather than by string replace.
// ParseCondition(PrintCondition(c)) == c, and likewise for sort keys. Pure functions.
#pragma once

#include <string>
#include <vector>

#include "query/ast.h"

namespace query {

// `a = "x" and (b in ("1", "2") or c is empty)`: strings quoted and escaped, numbers and
// functions as written; a compound child of a compound node is parenthesised.
std::string PrintCondition(const Condition& condition);

// `レコード番号 desc, 数値 asc`, as stored in a view's sort.
std::string PrintSortKeys(const std::vector<SortKey>& keys);

}  // namespace query

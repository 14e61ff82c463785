// Recursive-descent parser for the query grammar of §6.1: tokens -> Query. Keywords are
// case-insensitive; clause order is fixed. Stateless functions; errors are CB_VA01 with the
// field key "query" (Text::kQuerySyntax).
#pragma once

#include <string_view>
#include <vector>

#include "common/result.h"
#include "query/ast.h"

namespace query {

// A whole query: [condition] [order by …] [limit n] [offset n]. Empty text is an empty query.
common::Result<Query> ParseQuery(std::string_view text);

// Only a condition, as stored in a view's or ACL's filterCond. Empty text -> nullopt.
common::Result<std::optional<Condition>> ParseCondition(std::string_view text);

// Only sort keys without "order by", as stored in a view's or related-records' sort:
// "レコード番号 desc, 数値 asc". Empty text -> no keys.
common::Result<std::vector<SortKey>> ParseSortKeys(std::string_view text);

}  // namespace query

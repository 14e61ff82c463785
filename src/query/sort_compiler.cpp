#include "query/sort_compiler.h"

#include "query/predicate_compiler.h"

namespace query {
namespace {

// CASE column WHEN ? THEN 0 WHEN ? THEN 1 … END: an option's position, NULL for none (or for a
// value no longer among the options), so that empties sort first.
void EmitOptionIndex(const std::string& column, const std::vector<std::string>& options,
                     SqlBuilder& b) {
  b.Raw("CASE ").Raw(column);
  for (size_t i = 0; i < options.size(); ++i) {
    b.Raw(" WHEN ").Param(options[i]).Raw(" THEN ").Raw(std::to_string(i));
  }
  b.Raw(" END");
}

}  // namespace

void EmitOrderBy(const std::vector<BoundSortKey>& keys, SqlBuilder& b) {
  const SqlDialect& dialect = b.dialect();
  bool by_id = false;
  for (size_t i = 0; i < keys.size(); ++i) {
    const BoundSortKey& key = keys[i];
    const std::string column = ScalarColumn(key.field, *key.rules, "r");
    if (i > 0) b.Raw(", ");
    if (key.rules->storage == Storage::kRecordId) by_id = true;
    if (key.rules->storage == Storage::kChoice && !key.field.options.empty()) {
      SqlBuilder expr = b.Child();
      EmitOptionIndex(column, key.field.options, expr);
      SqlFragment f = expr.Take();
      f.sql = dialect.OrderTerm(f.sql, key.descending);
      b.Append(std::move(f));
    } else if (key.rules->storage == Storage::kText || key.rules->storage == Storage::kChoice) {
      b.Raw(dialect.OrderTerm(dialect.BinaryText(column), key.descending));
    } else {
      b.Raw(dialect.OrderTerm(column, key.descending));
    }
  }
  if (!by_id) {
    if (!keys.empty()) b.Raw(", ");
    b.Raw(dialect.OrderTerm("r.id", true));
  }
}

}  // namespace query

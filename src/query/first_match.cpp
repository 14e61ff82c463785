#include "query/first_match.h"

namespace query {

namespace {

void Append(SqlFragment& to, const SqlFragment& piece) {
  to.sql += piece.sql;
  to.params.insert(to.params.end(), piece.params.begin(), piece.params.end());
}

}  // namespace

SqlFragment BoolLiteral(bool value) { return SqlFragment{value ? "1" : "0", {}}; }

SqlFragment FirstMatch(const std::vector<std::pair<SqlFragment, SqlFragment>>& branches,
                       const SqlFragment& otherwise) {
  if (branches.empty()) return otherwise;
  SqlFragment out{"(CASE", {}};
  for (const auto& [when, then] : branches) {
    out.sql += " WHEN (";
    Append(out, when);
    out.sql += ") THEN (";
    Append(out, then);
    out.sql += ")";
  }
  out.sql += " ELSE (";
  Append(out, otherwise);
  out.sql += ") END)";
  return out;
}

void RestrictTo(CompiledQuery& query, const SqlFragment& condition) {
  SqlFragment where{"(", {}};
  Append(where, query.where);
  where.sql += ") AND ";
  Append(where, condition);
  query.where = std::move(where);
  if (!query.pending_from.empty()) {
    SqlFragment pending{"(", {}};
    Append(pending, query.pending_where);
    pending.sql += ") AND ";
    Append(pending, condition);
    query.pending_where = std::move(pending);
  }
  // The total needs the record table: the condition is over alias r, and no count plan
  // holds it.
  query.count_from = query.from;
  query.count_plan = nullptr;
  query.has_condition = true;
}

}  // namespace query

// The query layer's entry points: kintone query text -> parameterised SQL pieces for the
// record table r{A} aliased `r` (see record_layout.h). Pure: no I/O, no state; thread-safe as
// long as the SchemaLookup and EntityResolver passed in are.
//
//   SqliteDialect dialect;
//   TK_ASSIGN_OR_RETURN(CompiledQuery q, CompileQuery(text, schema, context, dialect));
//   SqlFragment select = AssembleSelect("SELECT r.* FROM r12 r", q, dialect);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "query/bound_query.h"
#include "query/schema.h"
#include "query/sql_dialect.h"
#include "query/sql_fragment.h"

namespace query {

class SqlBuilder;  // sql_builder.h
struct CountPlan;  // count_plan.h

struct CompiledQuery {
  // FROM clause: the record table aliased r ("r12 r"), or, when the query is a top-level
  // `like` (and more) ordered by $id, that field's full-text index aliased f joined to it:
  // the index yields matches in id order, so a page reads only its own records.
  std::string from;
  // FROM clause of the totalCount statement: `from`, or the full-text index alone when it
  // holds the whole condition.
  std::string count_from;
  // The record table alone ("r12 r"): what `from` is unless the query is index-driven.
  std::string record_from;
  SqlFragment where;     // boolean expression over alias r (and f); "1" when no condition
  SqlFragment order_by;  // terms without "ORDER BY"; ends with r.id DESC unless $id is a key
  int64_t limit = 100;   // CompileCursorQuery: 0 (cursors page by their own size)
  int64_t offset = 0;
  bool has_condition = false;
  bool driven_by_full_text = false;
  // Driven by a full-text index (`where` then skips the records still waiting for the
  // background indexer): those pending records whose current text matches, scanned instead.
  // The page, count and ids take the union of both arms (AssembleSelect/Count/Ids).
  std::string pending_from;      // the pending ids joined to the record table (alias r)
  SqlFragment pending_where;     // the same condition as `where`, over alias r alone
  SqlFragment pending_order_by;  // `order_by` over alias r alone (the union's order)
  bool ordered_by_id = false;    // the first sort key is $id, or none (kintone's default)
  // The condition as a count over in-memory columns (count_plan.h), which storage may use for
  // totalCount instead of the SQL; nullptr when the columns cannot answer it exactly.
  std::shared_ptr<const CountPlan> count_plan;
};

// A records.json query: [condition] [order by …] [limit n] [offset n]. Placeholders are
// numbered where first (from 1), then order_by: bind in that order, then limit and offset.
common::Result<CompiledQuery> CompileQuery(std::string_view text, const SchemaLookup& schema,
                                           const QueryContext& context, const SqlDialect& dialect);

// A cursor's query: as CompileQuery, but limit/offset are rejected (CB_VA01 on "query",
// Text::kQueryLimitNotAllowed).
common::Result<CompiledQuery> CompileCursorQuery(std::string_view text, const SchemaLookup& schema,
                                                 const QueryContext& context,
                                                 const SqlDialect& dialect);

// A bare condition parsed and bound; nullopt when empty. For callers that compile it and also
// plan from it (aggregates: the SQL and the count plan), so that it is parsed once.
common::Result<std::optional<BoundCondition>> BindCondition(std::string_view text,
                                                            const SchemaLookup& schema,
                                                            const QueryContext& context);
// Its SQL into `b` ("1" when empty).
void EmitCondition(const std::optional<BoundCondition>& condition, int64_t app, SqlBuilder& b);

// A bare condition (a view's or ACL's filterCond); "1" when empty. Placeholders are numbered
// from `first_param_index` so it can join a statement that already has parameters.
common::Result<SqlFragment> CompileCondition(std::string_view text, const SchemaLookup& schema,
                                             const QueryContext& context, const SqlDialect& dialect,
                                             size_t first_param_index = 1);

// Bare sort keys ("レコード番号 desc, 数値") as stored in views -> ORDER BY terms with the
// same tie-break rule as CompileQuery; empty text gives "r.id DESC".
common::Result<SqlFragment> CompileSort(std::string_view text, const SchemaLookup& schema,
                                        const QueryContext& context, const SqlDialect& dialect,
                                        size_t first_param_index = 1);

// "SELECT <columns> FROM <from> WHERE <where> ORDER BY <order_by> LIMIT ? OFFSET ?" with every
// parameter in order. `columns` are over alias r and hold no placeholders. With an offset the
// page's ids are chosen first (`r.id IN (SELECT r.id … LIMIT ? OFFSET ?)`), which an index
// holding the condition and sort columns answers without reading the skipped records.
SqlFragment AssembleSelect(std::string_view columns, const CompiledQuery& query,
                           const SqlDialect& dialect);

// "SELECT count(*) FROM <count_from> WHERE <where>": totalCount.
SqlFragment AssembleCount(const CompiledQuery& query);

// "SELECT r.id FROM <from> WHERE <where> ORDER BY <order_by>": every id, in order (cursors).
SqlFragment AssembleIds(const CompiledQuery& query);

}  // namespace query

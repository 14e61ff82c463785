// The query layer's entry points: kintone query text -> parameterised SQL pieces for the
// record table r{A} aliased `r` (see record_layout.h). Pure: no I/O, no state; thread-safe as
// long as the SchemaLookup and EntityResolver passed in are.
//
//   SqliteDialect dialect;
//   TK_ASSIGN_OR_RETURN(CompiledQuery q, CompileQuery(text, schema, context, dialect));
//   SqlFragment select = AssembleSelect("SELECT r.* FROM r12 r", q, dialect);
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "query/schema.h"
#include "query/sql_dialect.h"
#include "query/sql_fragment.h"

namespace query {

struct CompiledQuery {
  SqlFragment where;     // boolean expression over alias r; "1" when there is no condition
  SqlFragment order_by;  // terms without "ORDER BY"; ends with r.id DESC unless $id is a key
  int64_t limit = 100;   // CompileCursorQuery: 0 (cursors page by their own size)
  int64_t offset = 0;
  bool has_condition = false;
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

// "<select_from> WHERE <where> ORDER BY <order_by> LIMIT ? OFFSET ?" with every parameter in
// order. `select_from` must alias the record table `r` and hold no placeholders.
SqlFragment AssembleSelect(std::string_view select_from, const CompiledQuery& query,
                           const SqlDialect& dialect);

}  // namespace query

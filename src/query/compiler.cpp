#include "query/compiler.h"

#include "query/binder.h"
#include "query/condition_compiler.h"
#include "query/parser.h"
#include "query/sort_compiler.h"

namespace query {
namespace {

CompiledQuery Lower(const BoundQuery& bound, int64_t app, const SqlDialect& dialect) {
  CompiledQuery out;
  SqlBuilder where(dialect, 1);
  if (bound.condition) {
    ConditionCompiler(app).Emit(*bound.condition, where);
    out.has_condition = true;
  } else {
    where.Raw("1");
  }
  SqlBuilder order_by(dialect, where.next_index());
  EmitOrderBy(bound.order_by, order_by);
  out.where = where.Take();
  out.order_by = order_by.Take();
  out.limit = bound.limit;
  out.offset = bound.offset;
  return out;
}

}  // namespace

common::Result<CompiledQuery> CompileQuery(std::string_view text, const SchemaLookup& schema,
                                           const QueryContext& context, const SqlDialect& dialect) {
  TK_ASSIGN_OR_RETURN(Query parsed, ParseQuery(text));
  Binder binder(schema, context);
  TK_ASSIGN_OR_RETURN(BoundQuery bound, binder.BindQuery(parsed));
  return Lower(bound, schema.app_id(), dialect);
}

common::Result<CompiledQuery> CompileCursorQuery(std::string_view text, const SchemaLookup& schema,
                                                 const QueryContext& context,
                                                 const SqlDialect& dialect) {
  TK_ASSIGN_OR_RETURN(Query parsed, ParseQuery(text));
  if (parsed.limit || parsed.offset) {
    return common::Error::Invalid("query", common::Text::kQueryLimitNotAllowed);
  }
  Binder binder(schema, context);
  TK_ASSIGN_OR_RETURN(BoundQuery bound, binder.BindQuery(parsed));
  CompiledQuery out = Lower(bound, schema.app_id(), dialect);
  out.limit = 0;
  return out;
}

common::Result<SqlFragment> CompileCondition(std::string_view text, const SchemaLookup& schema,
                                             const QueryContext& context, const SqlDialect& dialect,
                                             size_t first_param_index) {
  TK_ASSIGN_OR_RETURN(std::optional<Condition> parsed, ParseCondition(text));
  SqlBuilder b(dialect, first_param_index);
  if (!parsed) {
    b.Raw("1");
    return b.Take();
  }
  Binder binder(schema, context);
  TK_ASSIGN_OR_RETURN(BoundCondition bound, binder.BindCondition(*parsed));
  ConditionCompiler(schema.app_id()).Emit(bound, b);
  return b.Take();
}

common::Result<SqlFragment> CompileSort(std::string_view text, const SchemaLookup& schema,
                                        const QueryContext& context, const SqlDialect& dialect,
                                        size_t first_param_index) {
  TK_ASSIGN_OR_RETURN(std::vector<SortKey> keys, ParseSortKeys(text));
  Binder binder(schema, context);
  TK_ASSIGN_OR_RETURN(std::vector<BoundSortKey> bound, binder.BindSortKeys(keys));
  SqlBuilder b(dialect, first_param_index);
  EmitOrderBy(bound, b);
  return b.Take();
}

SqlFragment AssembleSelect(std::string_view select_from, const CompiledQuery& query,
                           const SqlDialect& dialect) {
  SqlBuilder b(dialect, 1);
  b.Raw(select_from).Raw(" WHERE ").Append(query.where);
  b.Raw(" ORDER BY ").Append(query.order_by);
  b.Raw(" LIMIT ").Param(query.limit).Raw(" OFFSET ").Param(query.offset);
  return b.Take();
}

}  // namespace query

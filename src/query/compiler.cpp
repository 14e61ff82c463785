#include "query/compiler.h"

#include "query/binder.h"
#include "query/condition_compiler.h"
#include "query/count_plan.h"
#include "query/parser.h"
#include "query/predicate_compiler.h"
#include "query/record_layout.h"
#include "query/sort_compiler.h"

namespace query {
namespace {

// A positive `like` on a top-level text field, which the field's full-text index can drive.
bool CanDrive(const BoundCondition& c) {
  if (c.kind != Condition::Kind::kPredicate) return false;
  const BoundPredicate& p = c.predicate;
  return p.op == Op::kLike && !p.ignored && !p.in_subtable() &&
         p.rules->storage == Storage::kText &&
         !IsBlankSearchText(std::get<std::string>(p.operands.at(0).value));
}

// The `like` that drives the query through its full-text index, or -1 for none (then
// `index_of_child` is meaningless): the condition itself, or one of its top-level `and`
// terms (the longest search text, likely the fewest matches). Only for an $id order, the
// index's own.
const BoundPredicate* FindDriver(const BoundQuery& bound, size_t* index_of_child) {
  if (!bound.condition) return nullptr;
  if (!bound.order_by.empty() && bound.order_by.front().rules->storage != Storage::kRecordId) {
    return nullptr;
  }
  const BoundCondition& c = *bound.condition;
  if (CanDrive(c)) return &c.predicate;
  if (c.kind != Condition::Kind::kAnd) return nullptr;
  const BoundPredicate* best = nullptr;
  for (size_t i = 0; i < c.children.size(); ++i) {
    if (!CanDrive(c.children[i])) continue;
    const BoundPredicate& p = c.children[i].predicate;
    auto length = [](const BoundPredicate& x) {
      return std::get<std::string>(x.operands.at(0).value).size();
    };
    if (!best || length(p) > length(*best)) {
      best = &p;
      *index_of_child = i;
    }
  }
  return best;
}

// The query driven by the full-text index of `like`; `rest` is the rest of the condition.
void LowerDriven(const BoundQuery& bound, const BoundPredicate& like,
                 const std::optional<BoundCondition>& rest, int64_t app, const SqlDialect& dialect,
                 CompiledQuery& out) {
  const std::string& text = std::get<std::string>(like.operands.at(0).value);
  const std::string pending = dialect.PendingFullTextIds(app);
  // The index arm: matches the index knows, minus the records whose text it has not caught up
  // with (the background indexer's queue, record_layout.h).
  SqlBuilder where(dialect, 1);
  const SqlDialect::FullTextDriver d =
      dialect.DriveByFullText(app, like.field.id, where.NextPlaceholder());
  where.Raw(d.match).Raw(" AND ").Raw(d.id).Raw(" NOT IN (").Raw(pending).Raw(")");
  where.AddParam(dialect.FullTextPattern(text));
  // The pending arm: those records, read and compared with the index's normalisation.
  SqlBuilder pending_where(dialect, 1);
  pending_where.Raw("r.id IN (").Raw(pending).Raw(") AND ");
  const std::string contains = pending_where.NextPlaceholder();
  pending_where.Raw(dialect.ContainsText("r." + FieldColumn(like.field.id), contains));
  pending_where.AddParam(text);
  out.from = d.from;
  out.count_from = d.index_from;
  out.pending_from = out.record_from;
  if (rest) {
    where.Raw(" AND ");
    ConditionCompiler(app).Emit(*rest, where);
    pending_where.Raw(" AND ");
    ConditionCompiler(app).Emit(*rest, pending_where);
    out.count_from = d.from;
  }
  // Ids are unique: keys after $id never decide anything.
  const bool descending = bound.order_by.empty() || bound.order_by.front().descending;
  SqlBuilder order_by(dialect, where.next_index());
  order_by.Raw(dialect.OrderTerm(d.id, descending));
  out.where = where.Take();
  out.order_by = order_by.Take();
  out.pending_where = pending_where.Take();
  out.pending_order_by.sql = dialect.OrderTerm("r.id", descending);
  out.driven_by_full_text = true;
}

CompiledQuery Lower(const BoundQuery& bound, int64_t app, const SqlDialect& dialect) {
  CompiledQuery out;
  out.record_from = RecordTable(app) + " r";
  out.from = out.count_from = out.record_from;
  out.limit = bound.limit;
  out.offset = bound.offset;
  out.has_condition = bound.condition.has_value();
  out.ordered_by_id =
      bound.order_by.empty() || bound.order_by.front().rules->storage == Storage::kRecordId;
  out.count_plan = BuildCountPlan(bound);
  size_t child = 0;
  if (const BoundPredicate* like = FindDriver(bound, &child)) {
    std::optional<BoundCondition> rest;
    const BoundCondition& c = *bound.condition;
    if (c.kind == Condition::Kind::kAnd && c.children.size() > 1) {
      rest = BoundCondition{Condition::Kind::kAnd, {}, {}};
      for (size_t i = 0; i < c.children.size(); ++i) {
        if (i != child) rest->children.push_back(c.children[i]);
      }
      if (rest->children.size() == 1) rest = BoundCondition(std::move(rest->children.front()));
    }
    LowerDriven(bound, *like, rest, app, dialect, out);
    return out;
  }
  SqlBuilder where(dialect, 1);
  if (bound.condition) {
    ConditionCompiler(app).Emit(*bound.condition, where);
  } else {
    where.Raw("1");
  }
  SqlBuilder order_by(dialect, where.next_index());
  EmitOrderBy(bound.order_by, order_by);
  out.where = where.Take();
  out.order_by = order_by.Take();
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

common::Result<std::optional<BoundCondition>> BindCondition(std::string_view text,
                                                            const SchemaLookup& schema,
                                                            const QueryContext& context) {
  TK_ASSIGN_OR_RETURN(std::optional<Condition> parsed, ParseCondition(text));
  if (!parsed) return std::optional<BoundCondition>();
  Binder binder(schema, context);
  TK_ASSIGN_OR_RETURN(BoundCondition bound, binder.BindCondition(*parsed));
  return std::optional<BoundCondition>(std::move(bound));
}

void EmitCondition(const std::optional<BoundCondition>& condition, int64_t app, SqlBuilder& b) {
  if (condition) {
    ConditionCompiler(app).Emit(*condition, b);
  } else {
    b.Raw("1");
  }
}

common::Result<SqlFragment> CompileCondition(std::string_view text, const SchemaLookup& schema,
                                             const QueryContext& context, const SqlDialect& dialect,
                                             size_t first_param_index) {
  TK_ASSIGN_OR_RETURN(auto bound, BindCondition(text, schema, context));
  SqlBuilder b(dialect, first_param_index);
  EmitCondition(bound, schema.app_id(), b);
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

SqlFragment AssembleSelect(std::string_view columns, const CompiledQuery& query,
                           const SqlDialect& dialect) {
  SqlBuilder b(dialect, 1);
  b.Raw("SELECT ").Raw(columns).Raw(" FROM ");
  if (!query.pending_from.empty()) {
    // The index arm stops after the first offset + limit matches in id order; the pending
    // arm is the indexer's short queue. The page is cut from the union of both, by id.
    b.Raw(query.record_from).Raw(" WHERE r.id IN (SELECT id FROM (SELECT r.id AS id FROM ");
    b.Raw(query.from).Raw(" WHERE ").Append(query.where).Raw(" ORDER BY ").Append(query.order_by);
    b.Raw(" LIMIT ").Param(query.limit + query.offset).Raw(") UNION ALL SELECT r.id FROM ");
    b.Raw(query.pending_from).Raw(" WHERE ").Append(query.pending_where);
    b.Raw(") ORDER BY ").Append(query.pending_order_by);
    b.Raw(" LIMIT ").Param(query.limit).Raw(" OFFSET ").Param(query.offset);
    return b.Take();
  }
  if (query.offset > 0 && !query.driven_by_full_text && query.order_by.params.empty()) {
    // Choosing the page's ids first lets SQLite skip the offset on a covering index (e.g. a
    // view's (filter, sort) index) instead of stepping over whole records. The outer ORDER BY
    // repeats the inner one over at most `limit` rows; ties cannot reorder them (r.id breaks
    // every tie). Not with parameters in the ORDER BY, which would be bound twice.
    b.Raw(query.record_from).Raw(" WHERE r.id IN (SELECT r.id FROM ").Raw(query.from);
    b.Raw(" WHERE ").Append(query.where).Raw(" ORDER BY ").Append(query.order_by);
    b.Raw(" LIMIT ").Param(query.limit).Raw(" OFFSET ").Param(query.offset);
    b.Raw(") ORDER BY ").Append(query.order_by);
    return b.Take();
  }
  b.Raw(query.from).Raw(" WHERE ").Append(query.where);
  b.Raw(" ORDER BY ").Append(query.order_by);
  b.Raw(" LIMIT ").Param(query.limit).Raw(" OFFSET ").Param(query.offset);
  return b.Take();
}

SqlFragment AssembleCount(const CompiledQuery& query) {
  SqlFragment f = query.where;
  f.sql = "SELECT count(*) FROM " + query.count_from + " WHERE " + f.sql;
  if (!query.pending_from.empty()) {
    // The arms are disjoint: the index arm excludes every pending id.
    f.sql = "SELECT (" + f.sql + ") + (SELECT count(*) FROM " + query.pending_from + " WHERE " +
            query.pending_where.sql + ")";
    f.params.insert(f.params.end(), query.pending_where.params.begin(),
                    query.pending_where.params.end());
  }
  return f;
}

SqlFragment AssembleIds(const CompiledQuery& query) {
  SqlFragment f;
  if (!query.pending_from.empty()) {
    f.sql = "SELECT r.id FROM " + query.record_from + " WHERE r.id IN (SELECT r.id FROM " +
            query.from + " WHERE " + query.where.sql + " UNION ALL SELECT r.id FROM " +
            query.pending_from + " WHERE " + query.pending_where.sql + ") ORDER BY " +
            query.pending_order_by.sql;
    f.params = query.where.params;
    f.params.insert(f.params.end(), query.pending_where.params.begin(),
                    query.pending_where.params.end());
    return f;
  }
  f.sql = "SELECT r.id FROM " + query.from + " WHERE " + query.where.sql + " ORDER BY " +
          query.order_by.sql;
  f.params = query.where.params;
  f.params.insert(f.params.end(), query.order_by.params.begin(), query.order_by.params.end());
  return f;
}

}  // namespace query

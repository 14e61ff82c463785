// Emits the SQL of one bound predicate evaluated on one row: a record (alias r) or a subtable
// row (alias t). Knows the record layout per storage kind; subtable any/all semantics are the
// condition compiler's. Stateless apart from the builder it writes to; not thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "query/bound_query.h"
#include "query/sql_builder.h"

namespace query {

// Where a predicate is evaluated: the record table or a subtable's rows.
struct RowScope {
  std::string alias;   // "r" or "t"
  std::string key;     // "r.id" or "t.id": the id FTS rowids and mv keys refer to
  std::string mv_key;  // "record_id" or "row_id": the r{A}_mv column holding `key`
  static RowScope Record() { return {"r", "r.id", "record_id"}; }
  static RowScope SubtableRow() { return {"t", "t.id", "row_id"}; }
};

// The column a scalar field compares and sorts on ("r.f12", "r.f7_n", "r.created_at").
std::string ScalarColumn(const FieldInfo& field, const FieldRules& rules, std::string_view alias);

// Whitespace-only search text (spaces, tabs, line breaks, U+3000): `like` matches every value.
bool IsBlankSearchText(std::string_view s);

// not in -> in, != -> =, not like -> like, is not empty -> is empty; others unchanged.
Op PositiveOp(Op op);
inline bool IsNegative(Op op) { return PositiveOp(op) != op; }

class PredicateCompiler {
 public:
  PredicateCompiler(int64_t app, RowScope scope) : app_(app), scope_(std::move(scope)) {}

  // The predicate as written, negative operators included (complements of the positive form:
  // records whose value is empty satisfy `!=` and `not in` unless "" is listed).
  void Emit(const BoundPredicate& p, SqlBuilder& b) const;
  // The positive form of the predicate (PositiveOp); never NULL where it matters, so that
  // "no row satisfies it" can be tested with NOT IN.
  void EmitPositive(const BoundPredicate& p, SqlBuilder& b) const;

 private:
  void EmitScalar(const BoundPredicate& p, Op op, SqlBuilder& b) const;
  void EmitAnyOf(const BoundPredicate& p, const std::string& column, SqlBuilder& b) const;
  void EmitEmpty(const BoundPredicate& p, const std::string& column, SqlBuilder& b) const;
  void EmitIsEmpty(const BoundPredicate& p, SqlBuilder& b) const;
  // Membership in r{A}_mv; `negated` emits the complement. Returns nothing.
  void EmitMembership(const BoundPredicate& p, bool negated, SqlBuilder& b) const;
  void EmitLike(const BoundPredicate& p, bool negated, SqlBuilder& b) const;

  int64_t app_;
  RowScope scope_;
};

}  // namespace query

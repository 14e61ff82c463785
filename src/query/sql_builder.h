// Accumulates SQL text and its bound parameters in step, numbering placeholders through the
// dialect. Internal to the compiler; one per fragment being built; not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/sql_value.h"
#include "query/sql_dialect.h"
#include "query/sql_fragment.h"

namespace query {

class SqlBuilder {
 public:
  SqlBuilder(const SqlDialect& dialect, size_t first_index)
      : dialect_(dialect), next_index_(first_index) {}

  const SqlDialect& dialect() const { return dialect_; }

  SqlBuilder& Raw(std::string_view sql) {
    out_.sql += sql;
    return *this;
  }
  SqlBuilder& Param(common::SqlValue value) {
    out_.sql += dialect_.Placeholder(next_index_++);
    out_.params.push_back(std::move(value));
    return *this;
  }
  // The placeholder the next Param() would write, consuming it; pair with AddParam().
  std::string NextPlaceholder() { return dialect_.Placeholder(next_index_++); }
  void AddParam(common::SqlValue value) { out_.params.push_back(std::move(value)); }

  // A builder for a sub-expression, numbering on from here; Append() it back before emitting
  // anything else here.
  SqlBuilder Child() const { return SqlBuilder(dialect_, next_index_); }
  SqlBuilder& Append(SqlFragment fragment) {
    out_.sql += fragment.sql;
    next_index_ += fragment.params.size();
    for (common::SqlValue& v : fragment.params) out_.params.push_back(std::move(v));
    return *this;
  }

  bool empty() const { return out_.sql.empty(); }
  size_t next_index() const { return next_index_; }
  SqlFragment Take() { return std::exchange(out_, {}); }

 private:
  const SqlDialect& dialect_;
  size_t next_index_;
  SqlFragment out_;
};

}  // namespace query

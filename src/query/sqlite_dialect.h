// SqlDialect for SQLite 3.40: `?` placeholders, FTS5 phrase queries for substring search.
// Stateless; thread-safe.
#pragma once

#include "query/sql_dialect.h"

namespace query {

class SqliteDialect final : public SqlDialect {
 public:
  std::string Placeholder(size_t index) const override;
  std::string NotTrue(std::string_view condition) const override;
  std::string IsBlank(std::string_view expr) const override;
  std::string OrderTerm(std::string_view expr, bool descending) const override;
  std::string BinaryText(std::string_view expr) const override;
  std::string FullTextIds(int64_t app, int64_t field, std::string_view placeholder) const override;
  std::string BackgroundFullTextIds(int64_t app, int64_t field,
                                    std::string_view placeholder) const override;
  std::string FullTextPattern(std::string_view text) const override;
  std::string PendingFullTextIds(int64_t app) const override;
  std::string ContainsText(std::string_view expr, std::string_view placeholder) const override;
  FullTextDriver DriveByFullText(int64_t app, int64_t field,
                                 std::string_view placeholder) const override;
  std::string DateOfInstant(std::string_view expr) const override;
  std::string DateBucket(std::string_view expr, TimeBucket bucket) const override;
};

}  // namespace query

// Small helpers shared by the field-type implementations: JSON <-> SQL column text, string
// views of JSON strings, character counting. Internal to domain/fields. Stateless.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/sql_value.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {

inline std::string_view Sv(const boost::json::string& s) { return {s.data(), s.size()}; }
inline boost::json::string JsonString(std::string_view s) { return boost::json::string(s); }

// The text of a column value, or "" for NULL / non-text.
std::string_view SqlText(const common::SqlValue& v);
// The JSON array stored in a TEXT column; [] when NULL or damaged.
boost::json::array SqlJsonArray(std::span<const common::SqlValue> columns);
// A JSON value as column text.
common::SqlValue SqlJson(const boost::json::value& v);

// f{id} TEXT, nullable or NOT NULL DEFAULT `default_text`.
ColumnSpec TextColumn(int64_t field_id, bool not_null, std::string_view default_text = {});
ColumnSpec Column(std::string name, ColumnType type);

// NUMBER and CALC storage: f{id} TEXT NOT NULL DEFAULT '' (exact canonical decimal) and
// f{id}_n REAL (NULL when empty or not numeric) for ranges and sorting.
void AppendNumberColumns(int64_t field_id, std::vector<ColumnSpec>& out);
void AppendNumberSqlValues(const boost::json::value& value, std::vector<common::SqlValue>& out);
boost::json::value NumberFromSql(std::span<const common::SqlValue> columns);
// The first column's text as a JSON string ("" when absent or not text): what
// AppendJson(JsonString(SqlText(...))) writes, without the value.
void AppendSqlTextJson(std::span<const common::SqlValue> columns, std::string& out);
// The same, but null for an empty text.
void AppendSqlTextOrNullJson(std::span<const common::SqlValue> columns, std::string& out);

// Unicode code points in UTF-8 text (kintone's lengths count characters, not bytes).
int64_t CharacterCount(std::string_view utf8);

}  // namespace domain

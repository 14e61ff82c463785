#include "domain/fields/behavior_support.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/json_text.h"
#include "domain/fields/decimal.h"
#include "query/record_layout.h"

namespace domain {

std::string_view SqlText(const common::SqlValue& v) {
  const std::string* s = std::get_if<std::string>(&v);
  return s != nullptr ? std::string_view(*s) : std::string_view();
}

boost::json::array SqlJsonArray(std::span<const common::SqlValue> columns) {
  if (columns.empty()) return {};
  std::string_view text = SqlText(columns[0]);
  if (text.empty()) return {};
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return {};
  return std::move(v.get_array());
}

common::SqlValue SqlJson(const boost::json::value& v) { return boost::json::serialize(v); }

ColumnSpec TextColumn(int64_t field_id, bool not_null, std::string_view default_text) {
  ColumnSpec c;
  c.name = query::FieldColumn(field_id);
  c.type = ColumnType::kText;
  c.not_null = not_null;
  if (not_null) c.default_value = std::string(default_text);
  return c;
}

ColumnSpec Column(std::string name, ColumnType type) {
  ColumnSpec c;
  c.name = std::move(name);
  c.type = type;
  return c;
}

void AppendNumberColumns(int64_t field_id, std::vector<ColumnSpec>& out) {
  out.push_back(TextColumn(field_id, true, ""));
  out.push_back(Column(query::NumericColumn(field_id), ColumnType::kReal));
}

void AppendNumberSqlValues(const boost::json::value& value, std::vector<common::SqlValue>& out) {
  const boost::json::string* s = value.if_string();
  std::string_view text = s != nullptr ? Sv(*s) : std::string_view();
  out.emplace_back(std::string(text));
  if (std::optional<double> d = DecimalToDouble(text)) {
    out.emplace_back(*d);
  } else {
    out.emplace_back(common::SqlNull{});
  }
}

boost::json::value NumberFromSql(std::span<const common::SqlValue> columns) {
  return JsonString(columns.empty() ? std::string_view() : SqlText(columns[0]));
}

void AppendSqlTextJson(std::span<const common::SqlValue> columns, std::string& out) {
  common::AppendJsonString(out, columns.empty() ? std::string_view() : SqlText(columns[0]));
}

void AppendSqlTextOrNullJson(std::span<const common::SqlValue> columns, std::string& out) {
  std::string_view text = columns.empty() ? std::string_view() : SqlText(columns[0]);
  if (text.empty()) {
    out += "null";
  } else {
    common::AppendJsonString(out, text);
  }
}

int64_t CharacterCount(std::string_view utf8) {
  int64_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace domain

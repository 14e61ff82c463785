// A value bound to a SQL parameter or read from a column. Shared by the query compiler
// (which produces parameter lists) and storage (which binds and reads them).
#pragma once

#include <cstdint>
#include <string>
#include <variant>

namespace common {

using SqlNull = std::monostate;
using SqlValue = std::variant<SqlNull, int64_t, double, std::string>;

inline bool IsNull(const SqlValue& v) { return std::holds_alternative<SqlNull>(v); }

}  // namespace common

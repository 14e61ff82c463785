// A piece of SQL and the values for its placeholders, in order. Plain value; thread-compatible.
#pragma once

#include <string>
#include <vector>

#include "common/sql_value.h"

namespace query {

struct SqlFragment {
  std::string sql;
  std::vector<common::SqlValue> params;
};

}  // namespace query

// JSON text appended to a string without building a DOM: the records read path writes its
// answer straight from the rows. Byte for byte what boost::json::serialize writes for the same
// value (the unit tests compare every byte value). Stateless.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

namespace common {

// `s` as a quoted JSON string: '"', '\\' and control characters escaped as Boost.JSON does
// (\b \t \n \f \r, others \u00xx); every other byte, UTF-8 included, as it is.
void AppendJsonString(std::string& out, std::string_view s);

// `v` as boost::json::serialize writes it.
void AppendJson(std::string& out, const boost::json::value& v);

}  // namespace common

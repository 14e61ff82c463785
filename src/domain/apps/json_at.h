// Reading stored settings JSON (forms, views) without exceptions.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

namespace domain {

// The text at `key` of `o`; "" when the key is absent or not text.
inline std::string_view StringAt(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->as_string()) : std::string_view();
}

}  // namespace domain

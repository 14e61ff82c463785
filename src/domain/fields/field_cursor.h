// Finds the entries of a record object ({"<code>": {"value": …}, …}) in the order a form lists
// its fields. Boost.JSON searches an object of up to 18 keys from its start, comparing keys,
// and hashes larger ones: looking every field of a 16-field record up by code was ~5% of a
// 100-record POST. Records are mostly walked in the order they were built — a coerced record
// in form order, and most clients send fields in form order too — so the cursor tries the key
// after the last one found first, and searches only when that is not the one asked for.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace domain {

template <typename Object>  // boost::json::object, const or not
class BasicFieldCursor {
 public:
  using Value =
      std::conditional_t<std::is_const_v<Object>, const boost::json::value, boost::json::value>;

  explicit BasicFieldCursor(Object& record) : record_(record) {}

  // The entry of `code` (its {"value": …} object, or whatever was sent), or null.
  Value* Entry(std::string_view code) {
    auto it = record_.begin() + next_;
    if (it != record_.end() && it->key() == code) {
      ++next_;
      return &it->value();
    }
    it = record_.find(code);
    if (it == record_.end()) return nullptr;
    next_ = static_cast<size_t>(it - record_.begin()) + 1;
    return &it->value();
  }

  // The "value" inside the entry of `code`, or null (absent, or the entry is not an object).
  Value* ValueOf(std::string_view code) {
    Value* entry = Entry(code);
    auto* o = entry != nullptr ? entry->if_object() : nullptr;
    return o != nullptr ? o->if_contains("value") : nullptr;
  }

 private:
  Object& record_;
  size_t next_ = 0;
};

using FieldCursor = BasicFieldCursor<const boost::json::object>;
using MutableFieldCursor = BasicFieldCursor<boost::json::object>;

}  // namespace domain

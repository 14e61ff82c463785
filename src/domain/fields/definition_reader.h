// Reads a client's field definition property by property into its normalised form (§4.3):
// fills defaults, writes numeric-looking properties as strings, checks types and enums,
// and reports CB_VA01 errors under "properties[<code>].<prop>". One per field definition;
// not thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace domain {

class DefinitionReader {
 public:
  // `in` is the sent definition (on update: the stored one with the sent properties laid
  // over it); `out` receives the normalised one. `key_prefix` is "properties[<code>]" or
  // "properties[<table>].fields[<code>]".
  DefinitionReader(const boost::json::object& in, boost::json::object& out, std::string key_prefix,
                   common::Error& errors, bool adding, bool in_table)
      : in_(in),
        out_(out),
        prefix_(std::move(key_prefix)),
        errors_(errors),
        adding_(adding),
        in_table_(in_table) {}

  bool adding() const { return adding_; }
  bool in_table() const { return in_table_; }
  const boost::json::object& in() const { return in_; }
  boost::json::object& out() { return out_; }
  bool failed() const { return failed_; }
  common::Error& errors() { return errors_; }

  // The sent property, or null when absent or JSON null.
  const boost::json::value* Get(std::string_view name) const;
  // "properties[<code>].<prop>".
  std::string Key(std::string_view prop) const;
  void Error(std::string_view prop, common::Text text, std::vector<std::string> args = {});

  // Each reads `name`, validates it, writes the normalised value to the output and returns
  // it (the fallback after an error).
  bool Bool(std::string_view name, bool fallback);
  std::string String(std::string_view name, std::string_view fallback);
  std::string Enum(std::string_view name, std::initializer_list<std::string_view> allowed,
                   std::string_view fallback);
  // "" (no value) or an integer in [min, max], written as a string.
  std::optional<int64_t> IntegerString(std::string_view name, int64_t min, int64_t max);
  // "" or a decimal number, written in canonical form.
  std::string DecimalString(std::string_view name);
  // `unique` of a type that supports it: read, but always false inside a table.
  bool Unique();

 private:
  const boost::json::object& in_;
  boost::json::object& out_;
  std::string prefix_;
  common::Error& errors_;
  bool adding_;
  bool in_table_;
  bool failed_ = false;
};

// Text of a scalar JSON value (strings as is, numbers in decimal); nullopt otherwise.
std::optional<std::string> ScalarText(const boost::json::value& v);

}  // namespace domain

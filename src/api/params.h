// A kintone request's parameters merged from the query string (qs-style brackets: ids[0]=1,
// ids[]=1, repeated names, obj[key]=v) and the JSON body, with typed accessors that produce
// kintone's CB_VA01 errors keyed by parameter name. Not thread-safe; one per request.
#pragma once

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace api {

class Params {
 public:
  Params() = default;
  explicit Params(boost::json::object values) : values_(std::move(values)) {}

  // Parses `query` (raw, percent-encoded) and `body` (JSON when non-empty) and merges them;
  // the body wins on conflicts. A malformed body is CB_IJ01. With `arena`, the values live in
  // an arena owned by the Params (see arena_): only for endpoints that keep none of them.
  static common::Result<Params> Parse(std::string_view query, std::string_view body,
                                      std::string_view content_type, bool arena = false);
  // Parses just a qs-style query string into nested JSON (strings as leaves).
  static boost::json::object ParseQueryString(std::string_view query);

  const boost::json::object& values() const { return values_; }
  // The session CSRF token (__REQUEST_TOKEN__), taken out of the parameters.
  const std::string& request_token() const { return request_token_; }
  boost::json::object& values() { return values_; }
  const boost::json::value* Find(std::string_view name) const;
  bool Has(std::string_view name) const;

  // An id parameter (app, id, record…): required, integer (number or numeric string), ≥ 1.
  common::Result<int64_t> RequiredId(std::string_view name) const;
  common::Result<std::optional<int64_t>> OptionalId(std::string_view name) const;
  // An integer in [min, max] when present.
  common::Result<std::optional<int64_t>> OptionalInt(std::string_view name, int64_t min,
                                                     int64_t max) const;
  common::Result<std::optional<bool>> OptionalBool(std::string_view name) const;
  common::Result<std::optional<std::string>> OptionalString(std::string_view name) const;
  common::Result<std::string> RequiredString(std::string_view name) const;
  // A list parameter (JSON array, or qs indexed object {"0":…,"1":…}); missing → nullopt.
  common::Result<std::optional<std::vector<boost::json::value>>> OptionalArray(
      std::string_view name) const;

 private:
  // The JSON body's values live in this arena, freed at once when the request ends. A plain
  // (unshared) pointer to it costs no reference counts, and destroying the values skips every
  // element: a 100-record POST spent ~15% of its instructions freeing its parsed body and the
  // objects built from it. Values copied from here keep this arena (Boost.JSON copies take the
  // source's storage), so nothing that outlives the request may hold one.
  std::unique_ptr<boost::json::monotonic_resource> arena_;
  boost::json::object values_;
  std::string request_token_;
};

// Converts a JSON number or numeric string to int64 (no fraction); nullopt otherwise.
std::optional<int64_t> AsInt(const boost::json::value& v);
// Converts a JSON bool or "true"/"false" string; nullopt otherwise.
std::optional<bool> AsBool(const boost::json::value& v);
// qs encodes arrays as objects with "0","1"... keys; turn such objects into arrays, recursively.
boost::json::value NormalizeQsArrays(boost::json::value v);

}  // namespace api

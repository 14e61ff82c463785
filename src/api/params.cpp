#include "api/params.h"

#include "api/multipart.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

namespace api {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Text;

namespace {

int HexDigit(char h) {
  if (h >= '0' && h <= '9') return h - '0';
  h = static_cast<char>(h | 0x20);
  return h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1;
}

// application/x-www-form-urlencoded: %XX and '+'; a '%' not followed by two hex digits stays.
// Written through a pointer: a records.json query string is decoded on every request.
std::string Decode(std::string_view s) {
  std::string out(s.size(), '\0');
  char* p = out.data();
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        *p++ = static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    *p++ = c == '+' ? ' ' : c;
  }
  out.resize(static_cast<size_t>(p - out.data()));
  return out;
}

// Splits "a[b][0][]" into {"a", "b", "0", ""}.
std::vector<std::string> SplitKey(const std::string& key) {
  std::vector<std::string> parts;
  size_t bracket = key.find('[');
  if (bracket == std::string::npos || bracket == 0 || key.back() != ']') return {key};
  parts.push_back(key.substr(0, bracket));
  size_t i = bracket;
  while (i < key.size()) {
    if (key[i] != '[') return {key};
    size_t close = key.find(']', i);
    if (close == std::string::npos) return {key};
    parts.push_back(key.substr(i + 1, close - i - 1));
    i = close + 1;
  }
  return parts;
}

void Assign(json::object& root, const std::vector<std::string>& path, std::string value) {
  json::value* node = nullptr;
  json::object* obj = &root;
  for (size_t i = 0; i < path.size(); ++i) {
    bool last = i + 1 == path.size();
    std::string key = path[i];
    if (key.empty()) {  // "name[]": append
      key = std::to_string(obj->size());
    }
    auto it = obj->find(key);
    if (last) {
      if (it == obj->end()) {
        obj->emplace(key, json::string(value));
      } else if (it->value().is_array()) {
        it->value().as_array().emplace_back(json::string(value));
      } else if (it->value().is_string()) {  // repeated name=… → array
        json::array arr;
        arr.emplace_back(it->value());
        arr.emplace_back(json::string(value));
        it->value() = std::move(arr);
      }
      return;
    }
    if (it == obj->end()) it = obj->emplace(key, json::object()).first;
    node = &it->value();
    if (!node->is_object()) *node = json::object();
    obj = &node->as_object();
  }
}

bool AllIndexKeys(const json::object& o) {
  if (o.empty()) return false;
  for (size_t i = 0; i < o.size(); ++i) {
    if (!o.contains(std::to_string(i))) return false;
  }
  return true;
}

}  // namespace

json::value NormalizeQsArrays(json::value v) {
  if (v.is_object()) {
    json::object& o = v.as_object();
    for (auto& kv : o) kv.value() = NormalizeQsArrays(std::move(kv.value()));
    if (AllIndexKeys(o)) {
      json::array arr;
      arr.reserve(o.size());
      for (size_t i = 0; i < o.size(); ++i) arr.push_back(std::move(o[std::to_string(i)]));
      return arr;
    }
  } else if (v.is_array()) {
    for (auto& e : v.as_array()) e = NormalizeQsArrays(std::move(e));
  }
  return v;
}

json::object Params::ParseQueryString(std::string_view query) {
  json::object root;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    start = amp + 1;
    if (pair.empty()) {
      if (amp == query.size()) break;
      continue;
    }
    size_t eq = pair.find('=');
    std::string key = Decode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1));
    if (key.empty()) continue;
    // qs sends null as "name=" — treat as absent.
    if (value.empty() && key.find('[') == std::string::npos) continue;
    Assign(root, SplitKey(key), std::move(value));
    if (amp == query.size()) break;
  }
  json::value normalized = NormalizeQsArrays(json::value(std::move(root)));
  return std::move(normalized.as_object());
}

Result<Params> Params::Parse(std::string_view query, std::string_view body,
                             std::string_view content_type, bool use_arena) {
  json::object from_query = ParseQueryString(query);
  std::unique_ptr<json::monotonic_resource> arena;
  std::optional<json::value> parsed;  // constructed in place: assigning would copy it out
  bool blank = body.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (!blank && content_type.find("multipart/") == std::string_view::npos) {
    if (use_arena) arena = std::make_unique<json::monotonic_resource>(body.size() * 2 + 1024);
    boost::system::error_code ec;
    parsed.emplace(
        json::parse(body, ec, arena ? json::storage_ptr(arena.get()) : json::storage_ptr()));
    if (ec || !parsed->is_object()) {
      return Error(common::ErrorCode::kInvalidJson).WithDetail(ec ? ec.message() : "not an object");
    }
    // The body wins on conflicts; the query string's few values are copied to its resource.
    json::object& merged = parsed->as_object();
    for (auto& kv : from_query) {
      if (!merged.contains(kv.key())) merged.emplace(kv.key(), kv.value());
    }
  }
  // Moved, not assigned: a move keeps the arena, an assignment would copy every value out of it.
  Params params(parsed ? std::move(parsed->as_object()) : std::move(from_query));
  params.arena_ = std::move(arena);
  json::object& values = params.values_;
  // Browsers upload files as multipart and send the CSRF token as one of its fields.
  if (auto boundary = MultipartBoundary(content_type)) {
    if (auto parts = ParseMultipart(body, *boundary)) {
      for (const FormPart& p : *parts) {
        if (p.name == "__REQUEST_TOKEN__") params.request_token_ = std::string(p.data);
      }
    }
  }
  if (auto it = values.find("__REQUEST_TOKEN__"); it != values.end()) {
    if (it->value().is_string()) params.request_token_ = std::string(it->value().as_string());
    values.erase(it);
  }
  return params;
}

const json::value* Params::Find(std::string_view name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->value().is_null()) return nullptr;
  return &it->value();
}

bool Params::Has(std::string_view name) const { return Find(name) != nullptr; }

std::optional<int64_t> AsInt(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64()) {
    if (v.as_uint64() > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(v.as_uint64());
  }
  if (v.is_double()) {
    double d = v.as_double();
    if (d != static_cast<double>(static_cast<int64_t>(d))) return std::nullopt;
    return static_cast<int64_t>(d);
  }
  if (v.is_string()) {
    std::string_view s = v.as_string();
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    int64_t out = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

std::optional<bool> AsBool(const json::value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_string()) {
    if (v.as_string() == "true") return true;
    if (v.as_string() == "false") return false;
  }
  return std::nullopt;
}

Result<int64_t> Params::RequiredId(std::string_view name) const {
  TK_ASSIGN_OR_RETURN(auto id, OptionalId(name));
  if (!id) return Error::Invalid(std::string(name), Text::kRequiredParam);
  return *id;
}

Result<std::optional<int64_t>> Params::OptionalId(std::string_view name) const {
  const json::value* v = Find(name);
  if (!v) return std::optional<int64_t>();
  if (v->is_string() && v->as_string().empty()) return std::optional<int64_t>();
  auto n = AsInt(*v);
  if (!n) return Error::Invalid(std::string(name), Text::kNotInteger);
  if (*n < 1) return Error::Invalid(std::string(name), Text::kMinOne);
  return std::optional<int64_t>(*n);
}

Result<std::optional<int64_t>> Params::OptionalInt(std::string_view name, int64_t min,
                                                   int64_t max) const {
  const json::value* v = Find(name);
  if (!v) return std::optional<int64_t>();
  auto n = AsInt(*v);
  if (!n) return Error::Invalid(std::string(name), Text::kNotInteger);
  if (*n < min)
    return Error::Invalid(std::string(name), Text::kMinValueParam, {std::to_string(min)});
  if (*n > max)
    return Error::Invalid(std::string(name), Text::kMaxValueParam, {std::to_string(max)});
  return std::optional<int64_t>(*n);
}

Result<std::optional<bool>> Params::OptionalBool(std::string_view name) const {
  const json::value* v = Find(name);
  if (!v) return std::optional<bool>();
  auto b = AsBool(*v);
  if (!b) return Error::Invalid(std::string(name), Text::kNotBoolean);
  return std::optional<bool>(*b);
}

Result<std::optional<std::string>> Params::OptionalString(std::string_view name) const {
  const json::value* v = Find(name);
  if (!v) return std::optional<std::string>();
  if (v->is_string()) return std::optional<std::string>(std::string(v->as_string()));
  if (v->is_int64() || v->is_uint64() || v->is_double()) {
    return std::optional<std::string>(json::serialize(*v));
  }
  return Error::Invalid(std::string(name), Text::kNotString);
}

Result<std::string> Params::RequiredString(std::string_view name) const {
  TK_ASSIGN_OR_RETURN(auto s, OptionalString(name));
  if (!s) return Error::Invalid(std::string(name), Text::kRequiredParam);
  return *s;
}

Result<std::optional<std::vector<json::value>>> Params::OptionalArray(std::string_view name) const {
  const json::value* v = Find(name);
  if (!v) return std::optional<std::vector<json::value>>();
  // Query-string arrays ("a[0]=…") were made arrays when the query was parsed; a JSON body
  // is taken as sent, so an object whose keys happen to be "0", "1"… (field codes, custom
  // item codes) stays an object, and the records are not copied and walked once more.
  const json::value& n = *v;
  if (n.is_array()) {
    return std::optional<std::vector<json::value>>(
        std::vector<json::value>(n.as_array().begin(), n.as_array().end()));
  }
  if (n.is_object() && n.as_object().empty()) {
    return std::optional<std::vector<json::value>>(std::vector<json::value>{});
  }
  if (n.is_string() || n.is_number()) {  // a single "name=v" from a query string
    return std::optional<std::vector<json::value>>(std::vector<json::value>{n});
  }
  return Error::Invalid(std::string(name), Text::kNotArray);
}

}  // namespace api

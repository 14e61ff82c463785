#include "domain/fields/definition_reader.h"

#include <charconv>

#include "domain/fields/decimal.h"

namespace domain {

std::optional<std::string> ScalarText(const boost::json::value& v) {
  if (const boost::json::string* s = v.if_string()) return std::string(s->data(), s->size());
  return JsonNumberText(v);
}

const boost::json::value* DefinitionReader::Get(std::string_view name) const {
  const boost::json::value* v = in_.if_contains(name);
  return v == nullptr || v->is_null() ? nullptr : v;
}

std::string DefinitionReader::Key(std::string_view prop) const {
  std::string key = prefix_;
  key += '.';
  key += prop;
  return key;
}

void DefinitionReader::Error(std::string_view prop, common::Text text,
                             std::vector<std::string> args) {
  errors_.AddField(Key(prop), text, std::move(args));
  failed_ = true;
}

bool DefinitionReader::Bool(std::string_view name, bool fallback) {
  bool result = fallback;
  if (const boost::json::value* v = Get(name)) {
    if (v->is_bool()) {
      result = v->get_bool();
    } else if (v->is_string() && (v->get_string() == "true" || v->get_string() == "false")) {
      result = v->get_string() == "true";
    } else {
      Error(name, common::Text::kNotBoolean);
    }
  }
  out_[name] = result;
  return result;
}

std::string DefinitionReader::String(std::string_view name, std::string_view fallback) {
  std::string result(fallback);
  if (const boost::json::value* v = Get(name)) {
    if (std::optional<std::string> s = ScalarText(*v)) {
      result = std::move(*s);
    } else {
      Error(name, common::Text::kNotString);
    }
  }
  out_[name] = result;
  return result;
}

std::string DefinitionReader::Enum(std::string_view name,
                                   std::initializer_list<std::string_view> allowed,
                                   std::string_view fallback) {
  std::string result(fallback);
  if (const boost::json::value* v = Get(name)) {
    std::optional<std::string> s = ScalarText(*v);
    bool ok = false;
    if (s) {
      for (std::string_view a : allowed) ok = ok || a == *s;
    }
    if (ok) {
      result = std::move(*s);
    } else {
      Error(name, common::Text::kEnumValue);
    }
  }
  out_[name] = result;
  return result;
}

std::optional<int64_t> DefinitionReader::IntegerString(std::string_view name, int64_t min,
                                                       int64_t max) {
  std::optional<int64_t> result;
  if (const boost::json::value* v = Get(name)) {
    std::optional<std::string> s = ScalarText(*v);
    if (!s) {
      Error(name, common::Text::kNotInteger);
    } else if (!s->empty()) {
      int64_t n = 0;
      auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
      if (ec != std::errc() || ptr != s->data() + s->size()) {
        Error(name, common::Text::kNotInteger);
      } else if (n < min) {
        Error(name, common::Text::kMinValueParam, {std::to_string(min)});
      } else if (n > max) {
        Error(name, common::Text::kMaxValueParam, {std::to_string(max)});
      } else {
        result = n;
      }
    }
  }
  out_[name] = result ? std::to_string(*result) : std::string();
  return result;
}

std::string DefinitionReader::DecimalString(std::string_view name) {
  std::string result;
  if (const boost::json::value* v = Get(name)) {
    std::optional<std::string> s = ScalarText(*v);
    if (!s) {
      Error(name, common::Text::kNotANumber);
    } else if (!s->empty()) {
      if (std::optional<std::string> d = NormalizeDecimal(*s)) {
        result = std::move(*d);
      } else {
        Error(name, common::Text::kNotANumber);
      }
    }
  }
  out_[name] = result;
  return result;
}

bool DefinitionReader::Unique() {
  bool unique = Bool("unique", false);
  if (!in_table_) return unique;
  out_["unique"] = false;  // table fields cannot be unique; kintone drops it silently
  return false;
}

}  // namespace domain

#include "domain/apps/general_settings.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "common/utf8.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

std::optional<int64_t> Integer(const json::value& v) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= INT64_MAX) return static_cast<int64_t>(v.as_uint64());
  if (!v.is_string()) return std::nullopt;
  std::string_view s = v.as_string();
  int64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

std::optional<bool> Boolean(const json::value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_string() && v.as_string() == "true") return true;
  if (v.is_string() && v.as_string() == "false") return false;
  return std::nullopt;
}

bool OneOf(const json::value& v, std::initializer_list<std::string_view> allowed) {
  return v.is_string() && std::find(allowed.begin(), allowed.end(),
                                    std::string_view(v.as_string())) != allowed.end();
}

// Reads an integer in [min, max] into `out[name]` as a string.
void IntegerString(const json::value& v, std::string key, int64_t min, int64_t max,
                   json::object& out, std::string_view name, Error& errors) {
  auto n = Integer(v);
  if (!n) {
    errors.AddField(std::move(key), Text::kNotInteger);
  } else if (*n < min) {
    errors.AddField(std::move(key), Text::kMinValueParam, {std::to_string(min)});
  } else if (*n > max) {
    errors.AddField(std::move(key), Text::kMaxValueParam, {std::to_string(max)});
  } else {
    out[name] = std::to_string(*n);
  }
}

json::object SubObject(const json::object& doc, std::string_view name) {
  const json::value* v = doc.if_contains(name);
  return v && v->is_object() ? v->as_object() : json::object();
}

}  // namespace

common::Result<json::object> MergeGeneralSettings(json::object doc, const json::object& sent) {
  Error errors = Error::Validation();
  for (const auto& kv : sent) {
    std::string key(kv.key());
    const json::value& v = kv.value();
    if (v.is_null()) continue;
    if (key == "name" || key == "description") {
      size_t max = key == "name" ? 64 : 10000;
      if (!v.is_string()) {
        errors.AddField(key, Text::kNotString);
      } else if (key == "name" && v.as_string().empty()) {
        errors.AddField(key, Text::kRequiredParam);
      } else if (common::Utf8Length(v.as_string()) > max) {
        errors.AddField(key, Text::kTooLongParam, {std::to_string(max)});
      } else {
        doc[key] = v;
      }
    } else if (key == "theme") {
      if (OneOf(v, {"WHITE", "RED", "BLUE", "GREEN", "YELLOW", "BLACK", "CLIPBOARD", "BINDER",
                    "PENCIL", "CLIPS"})) {
        doc[key] = v;
      } else {
        errors.AddField(key, Text::kEnumValue);
      }
    } else if (key == "icon") {
      const json::object* icon = v.if_object();
      const json::value* type = icon ? icon->if_contains("type") : nullptr;
      if (!icon) {
        errors.AddField(key, Text::kNotObject);
      } else if (!type || !OneOf(*type, {"PRESET", "FILE"})) {
        errors.AddField("icon.type", type ? Text::kEnumValue : Text::kRequiredParam);
      } else if (type->as_string() == "PRESET") {
        const json::value* preset = icon->if_contains("key");
        if (!preset || !preset->is_string() || preset->as_string().empty()) {
          errors.AddField("icon.key", Text::kRequiredParam);
        } else {
          doc[key] = json::object{{"type", "PRESET"}, {"key", *preset}};
        }
      } else {
        const json::value* file = icon->if_contains("file");
        if (!file || !file->is_object()) {
          errors.AddField("icon.file", Text::kRequiredParam);
        } else {
          doc[key] = json::object{{"type", "FILE"}, {"file", *file}};
        }
      }
    } else if (key == "titleField") {
      if (!v.is_object()) {
        errors.AddField(key, Text::kNotObject);
        continue;
      }
      json::object title = SubObject(doc, key);
      const json::object& in = v.as_object();
      if (const json::value* mode = in.if_contains("selectionMode")) {
        if (OneOf(*mode, {"AUTO", "MANUAL"})) {
          title["selectionMode"] = *mode;
        } else {
          errors.AddField("titleField.selectionMode", Text::kEnumValue);
        }
      }
      if (const json::value* code = in.if_contains("code"); code && !code->is_null()) {
        if (code->is_string()) {
          title["code"] = *code;
        } else {
          errors.AddField("titleField.code", Text::kNotString);
        }
      }
      const json::value* mode = title.if_contains("selectionMode");
      const json::value* code = title.if_contains("code");
      if (mode && mode->is_string() && mode->as_string() == "MANUAL" &&
          (!code || !code->is_string() || code->as_string().empty())) {
        errors.AddField("titleField.code", Text::kRequiredParam);
      }
      doc[key] = std::move(title);
    } else if (key == "enableThumbnails" || key == "enableBulkDeletion" ||
               key == "enableComments" || key == "enableDuplicateRecord" ||
               key == "enableInlineRecordEditing" ||
               // Tsumiki's own: reads of the app's records go to the audit log.
               key == "holdsPersonalData") {
      if (auto b = Boolean(v)) {
        doc[key] = *b;
      } else {
        errors.AddField(key, Text::kNotBoolean);
      }
    } else if (key == "numberPrecision") {
      if (!v.is_object()) {
        errors.AddField(key, Text::kNotObject);
        continue;
      }
      json::object precision = SubObject(doc, key);
      for (const auto& p : v.as_object()) {
        std::string sub = "numberPrecision." + std::string(p.key());
        if (p.value().is_null()) continue;
        if (p.key() == "digits") {
          IntegerString(p.value(), sub, 1, 30, precision, "digits", errors);
        } else if (p.key() == "decimalPlaces") {
          IntegerString(p.value(), sub, 0, 10, precision, "decimalPlaces", errors);
        } else if (p.key() == "roundingMode") {
          if (OneOf(p.value(), {"HALF_EVEN", "UP", "DOWN"})) {
            precision["roundingMode"] = p.value();
          } else {
            errors.AddField(sub, Text::kEnumValue);
          }
        }
      }
      doc[key] = std::move(precision);
    } else if (key == "firstMonthOfFiscalYear") {
      IntegerString(v, key, 1, 12, doc, key, errors);
    }
    // Anything else (lang, properties kintone does not have) is ignored.
  }
  if (errors.has_fields()) return errors;
  return doc;
}

}  // namespace domain

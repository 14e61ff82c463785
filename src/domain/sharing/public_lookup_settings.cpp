#include "domain/sharing/public_lookup_settings.h"

#include <set>

#include "domain/fields/field_set.h"
#include "domain/sharing/settings_entries.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::FieldType;
using common::Result;
using common::Text;

namespace {

constexpr size_t kMaxLabel = 200;

bool KeyType(FieldType t, bool first) {
  if (first) return t == FieldType::kSingleLineText || t == FieldType::kNumber;
  return t == FieldType::kSingleLineText || t == FieldType::kNumber || t == FieldType::kDate ||
         t == FieldType::kLink;
}

bool Showable(FieldType t) {
  return t != FieldType::kSubtable && t != FieldType::kFile && t != FieldType::kReferenceTable &&
         t != FieldType::kGroup && t != FieldType::kLabel && t != FieldType::kSpacer &&
         t != FieldType::kHr && t != FieldType::kCategory && t != FieldType::kRichText;
}

std::string Text_(const json::object& o, const char* key, size_t max, const std::string& path,
                  Error& errors) {
  const json::value* v = o.if_contains(key);
  if (!v) return "";
  if (!v->is_string() || v->as_string().size() > max) {
    errors.AddField(path + "." + key, Text::kBadValueShape);
    return "";
  }
  return std::string(v->as_string());
}

AttemptLimit ReadLimit(const json::object& r, const char* key, AttemptLimit limit, int64_t window,
                       Error& errors) {
  limit.window = window;
  if (const json::value* v = r.if_contains(key)) {
    if (!v->is_int64() || v->as_int64() < 1 || v->as_int64() > 100000) {
      errors.AddField(std::string("rateLimit.") + key, Text::kBadValueShape);
    } else {
      limit.max = v->as_int64();
    }
  }
  return limit;
}

}  // namespace

Result<PublicLookupSettings> PublicLookupSettings::FromJson(const json::object& body,
                                                            const FieldSet& form) {
  PublicLookupSettings s;
  Error errors = Error::Validation();
  s.look = PageLook::FromJson(body, errors);

  const json::value* keys = body.if_contains("keys");
  if (!keys || !keys->is_array() || keys->as_array().size() < 2 || keys->as_array().size() > 4) {
    // One key alone would let anyone holding a receipt number read the record.
    errors.AddField("keys", Text::kLookupNeedsTwoKeys);
  } else {
    std::set<std::string> seen;
    ForEachFieldEntry(
        keys->as_array(), "keys", errors,
        [&](size_t i, const std::string& path, const json::object& o, std::string code) {
          LookupKey k;
          k.code = std::move(code);
          const FieldDef* def = form.FindTopLevel(k.code);
          if (!def) {
            errors.AddField(path + ".code", Text::kFieldCodeNotFound, {k.code});
            return;
          }
          if (!KeyType(def->type, i == 0) || (i == 0 && !def->unique) ||
              !seen.insert(k.code).second) {
            errors.AddField(path + ".code",
                            i == 0 ? Text::kLookupFirstKeyUnique : Text::kFieldNotPublishable,
                            {k.code});
            return;
          }
          if (const json::value* m = o.if_contains("match")) {
            std::string_view mv = m->is_string() ? std::string_view(m->as_string()) : "";
            if (mv == "last4" && i > 0)
              k.match = KeyMatch::kLast4;
            else if (mv != "exact")
              errors.AddField(path + ".match", Text::kBadValueShape);
          }
          k.label = Text_(o, "label", kMaxLabel, path, errors);
          k.help = Text_(o, "help", 1000, path, errors);
          s.keys.push_back(std::move(k));
        });
  }

  const json::value* shown = body.if_contains("shown");
  if (!shown || !shown->is_array() || shown->as_array().empty()) {
    errors.AddField("shown", Text::kRequiredParam);
  } else {
    ForEachFieldEntry(
        shown->as_array(), "shown", errors,
        [&](size_t, const std::string& path, const json::object& o, std::string code) {
          ShownField f{std::move(code), Text_(o, "label", kMaxLabel, path, errors)};
          if (f.code != "$status") {
            const FieldDef* def = form.FindTopLevel(f.code);
            if (!def || !Showable(def->type)) {
              errors.AddField(path + ".code", Text::kFieldNotPublishable, {f.code});
              return;
            }
          }
          s.shown.push_back(std::move(f));
        });
  }

  if (const json::value* v = body.if_contains("valueLabels")) {
    if (!IsLabelMap(*v))
      errors.AddField("valueLabels", Text::kBadValueShape);
    else
      s.value_labels = v->as_object();
  }

  if (const json::value* v = body.if_contains("rateLimit")) {
    const json::object* r = v->if_object();
    if (!r) {
      errors.AddField("rateLimit", Text::kBadValueShape);
    } else {
      int64_t window = 600;
      if (const json::value* w = r->if_contains("windowSeconds")) {
        if (!w->is_int64() || w->as_int64() < 1 || w->as_int64() > 86400) {
          errors.AddField("rateLimit.windowSeconds", Text::kBadValueShape);
        } else {
          window = w->as_int64();
        }
      }
      s.per_address = ReadLimit(*r, "perAddress", s.per_address, window, errors);
      s.per_key = ReadLimit(*r, "perKey", s.per_key, window, errors);
    }
  }
  if (errors.has_fields()) return errors;
  return s;
}

json::object PublicLookupSettings::ToJson() const {
  json::object o = look.ToJson();
  json::array keys_json;
  for (const LookupKey& k : keys) {
    keys_json.push_back(json::object{{"code", k.code},
                                     {"match", k.match == KeyMatch::kLast4 ? "last4" : "exact"},
                                     {"label", k.label},
                                     {"help", k.help}});
  }
  o["keys"] = std::move(keys_json);
  json::array shown_json;
  for (const ShownField& f : shown)
    shown_json.push_back(json::object{{"code", f.code}, {"label", f.label}});
  o["shown"] = std::move(shown_json);
  o["valueLabels"] = value_labels;
  o["rateLimit"] = json::object{{"perAddress", per_address.max},
                                {"perKey", per_key.max},
                                {"windowSeconds", per_address.window}};
  return o;
}

}  // namespace domain

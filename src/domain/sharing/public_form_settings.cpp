#include "domain/sharing/public_form_settings.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "common/time_zone.h"
#include "domain/fields/field_set.h"
#include "domain/mail/mail_template.h"
#include "domain/sharing/settings_entries.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::FieldType;
using common::Result;
using common::Text;

namespace {

constexpr size_t kMaxHelp = 1000;
constexpr int64_t kMaxFileBytes = 100 * 1024 * 1024;

// Field types a resident can fill in on a public page: plain values, no directory entities
// (a resident must not browse staff accounts), no computed or system fields.
bool Publishable(FieldType t) {
  switch (t) {
    case FieldType::kSingleLineText:
    case FieldType::kNumber:
    case FieldType::kMultiLineText:
    case FieldType::kLink:
    case FieldType::kCheckBox:
    case FieldType::kRadioButton:
    case FieldType::kDropDown:
    case FieldType::kMultiSelect:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDateTime:
    case FieldType::kFile:
      return true;
    default:
      return false;
  }
}

bool HasDefault(const FieldDef& f) {
  if (f.default_now) return true;
  const json::value& d = f.default_value;
  if (d.is_string()) return !d.as_string().empty();
  if (d.is_array()) return !d.as_array().empty();
  return false;
}

std::optional<int64_t> OptionalInt(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  return -1;  // present but not an integer: callers reject negatives
}

constexpr size_t kMaxSubject = 200;
constexpr size_t kMaxBody = 10000;

// "confirmationMail": {enabled, toField, subject, body}. Placeholders must name the receipt,
// the title or a published field, so a typo is found when saving, not in residents' mail.
ConfirmationMail ReadConfirmationMail(const json::value& v, const FieldSet& form,
                                      const std::vector<PublishedField>& published, Error& errors) {
  ConfirmationMail m;
  const json::object* o = v.if_object();
  if (!o) {
    errors.AddField("confirmationMail", Text::kBadValueShape);
    return m;
  }
  if (const json::value* e = o->if_contains("enabled")) {
    if (!e->is_bool())
      errors.AddField("confirmationMail.enabled", Text::kBadValueShape);
    else
      m.enabled = e->as_bool();
  }
  auto text = [&](const char* key, std::string& out, size_t max) {
    const json::value* t = o->if_contains(key);
    if (!t) return;
    if (!t->is_string() || t->as_string().size() > max) {
      errors.AddField(std::string("confirmationMail.") + key, Text::kBadValueShape);
      return;
    }
    out = std::string(t->as_string());
  };
  text("toField", m.to_field, 128);
  text("subject", m.subject, kMaxSubject);
  text("body", m.body, kMaxBody);

  std::vector<std::string> names = {"receipt", "title"};
  for (const PublishedField& f : published) names.push_back(f.code);
  std::string available;
  for (const std::string& n : names)
    available += (available.empty() ? "" : ", ") + ("{{" + n + "}}");
  for (auto [key, tpl] :
       {std::pair<const char*, const std::string*>{"subject", &m.subject}, {"body", &m.body}}) {
    for (const std::string& name : TemplatePlaceholders(*tpl)) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        errors.AddField(std::string("confirmationMail.") + key, Text::kUnknownPlaceholder,
                        {name, available});
      }
    }
  }
  if (!m.enabled) return m;
  bool usable = false;
  if (const FieldDef* def = form.FindTopLevel(m.to_field)) {
    bool is_published = std::any_of(published.begin(), published.end(),
                                    [&](const PublishedField& f) { return f.code == m.to_field; });
    usable =
        is_published && (def->type == FieldType::kSingleLineText ||
                         (def->type == FieldType::kLink && def->protocol == LinkProtocol::kMail));
  }
  if (!usable) errors.AddField("confirmationMail.toField", Text::kMailFieldUnsuitable);
  if (m.subject.empty()) errors.AddField("confirmationMail.subject", Text::kRequiredParam);
  if (m.body.empty()) errors.AddField("confirmationMail.body", Text::kRequiredParam);
  return m;
}

}  // namespace

std::optional<int64_t> ParseUtcTimestamp(std::string_view s) {
  // YYYY-MM-DDTHH:MMZ or YYYY-MM-DDTHH:MM:SSZ (also with ".000").
  if (s.size() < 17 || s.back() != 'Z') return std::nullopt;
  auto num = [&](size_t at, size_t len, int& out) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + len, out);
    return ec == std::errc() && p == s.data() + at + len;
  };
  common::CivilDate d;
  int h = 0, m = 0, sec = 0;
  if (!num(0, 4, d.year) || s[4] != '-' || !num(5, 2, d.month) || s[7] != '-' ||
      !num(8, 2, d.day) || s[10] != 'T' || !num(11, 2, h) || s[13] != ':' || !num(14, 2, m)) {
    return std::nullopt;
  }
  if (s.size() >= 20 && s[16] == ':' && !num(17, 2, sec)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > common::DaysInMonth(d.year, d.month) ||
      h > 23 || m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0) {
    return std::nullopt;
  }
  return common::DaysFromCivil(d) * 86400 + h * 3600 + m * 60 + sec;
}

std::string FormatUtcTimestamp(int64_t seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02dZ", int(rest / 3600), int(rest / 60 % 60),
                int(rest % 60));
  return common::FormatDate(common::CivilFromDays(days)) + buf;
}

std::vector<std::string> PublicFormSettings::FieldCodes() const {
  std::vector<std::string> codes;
  for (const PublishedField& f : fields) codes.push_back(f.code);
  return codes;
}

Result<PublicFormSettings> PublicFormSettings::FromJson(const json::object& body,
                                                        const FieldSet& form,
                                                        const std::string& receipt_field) {
  PublicFormSettings s;
  Error errors = Error::Validation();
  s.look = PageLook::FromJson(body, errors);

  const json::value* fields = body.if_contains("fields");
  std::set<std::string> seen;
  if (!fields || !fields->is_array() || fields->as_array().empty()) {
    errors.AddField("fields", Text::kRequiredParam);
  } else {
    ForEachFieldEntry(fields->as_array(), "fields", errors,
                      [&](size_t, const std::string& key, const json::object& o, std::string code) {
                        PublishedField pf{std::move(code), ""};
                        const FieldDef* def = form.FindTopLevel(pf.code);
                        if (!def) {
                          errors.AddField(key + ".code", Text::kFieldCodeNotFound, {pf.code});
                          return;
                        }
                        if (!Publishable(def->type) || pf.code == receipt_field ||
                            !def->expression.empty() || def->lookup) {
                          errors.AddField(key + ".code", Text::kFieldNotPublishable, {pf.code});
                          return;
                        }
                        if (!seen.insert(pf.code).second) {
                          errors.AddField(key + ".code", Text::kNotUnique);
                          return;
                        }
                        if (const json::value* h = o.if_contains("help")) {
                          if (!h->is_string() || h->as_string().size() > kMaxHelp) {
                            errors.AddField(key + ".help", Text::kBadValueShape);
                          } else {
                            pf.help = std::string(h->as_string());
                          }
                        }
                        s.fields.push_back(std::move(pf));
                      });
    // A required field the resident cannot see would make every submission fail.
    for (const FieldDef& f : form.fields()) {
      if (f.required && !HasDefault(f) && f.code != receipt_field && !seen.contains(f.code)) {
        errors.AddField("fields", Text::kRequiredFieldNotPublished, {f.code});
      }
    }
  }

  for (const char* key : {"opensAt", "closesAt"}) {
    const json::value* v = body.if_contains(key);
    if (!v || (v->is_string() && v->as_string().empty()) || v->is_null()) continue;
    auto t = v->is_string() ? ParseUtcTimestamp(v->as_string()) : std::nullopt;
    if (!t) {
      errors.AddField(key, Text::kBadValueShape);
      continue;
    }
    (std::string_view(key) == "opensAt" ? s.opens_at : s.closes_at) = *t;
  }
  if (s.opens_at && s.closes_at && *s.closes_at <= *s.opens_at) {
    errors.AddField("closesAt", Text::kBadValueShape);
  }
  if (auto cap = OptionalInt(body, "maxSubmissions")) {
    if (*cap < 0)
      errors.AddField("maxSubmissions", Text::kBadValueShape);
    else
      s.max_submissions = *cap;
  }
  if (const json::value* v = body.if_contains("completionMessage")) {
    if (!v->is_string() || v->as_string().size() > 5000) {
      errors.AddField("completionMessage", Text::kBadValueShape);
    } else {
      s.completion_message = std::string(v->as_string());
    }
  }
  if (const json::value* v = body.if_contains("attachments")) {
    const json::object* a = v->if_object();
    if (!a) {
      errors.AddField("attachments", Text::kBadValueShape);
    } else {
      if (auto b = OptionalInt(*a, "maxBytes")) {
        if (*b < 1 || *b > kMaxFileBytes)
          errors.AddField("attachments.maxBytes", Text::kBadValueShape);
        else
          s.attachments.max_bytes = *b;
      }
      if (auto c = OptionalInt(*a, "maxCount")) {
        if (*c < 1 || *c > 20)
          errors.AddField("attachments.maxCount", Text::kBadValueShape);
        else
          s.attachments.max_count = *c;
      }
      if (const json::value* t = a->if_contains("types")) {
        std::vector<std::string> types;
        bool ok = t->is_array() && !t->as_array().empty();
        if (ok) {
          for (const json::value& e : t->as_array()) {
            if (!e.is_string() || e.as_string().find('/') == json::string::npos)
              ok = false;
            else
              types.emplace_back(e.as_string());
          }
        }
        if (!ok)
          errors.AddField("attachments.types", Text::kBadValueShape);
        else
          s.attachments.types = std::move(types);
      }
    }
  }
  if (const json::value* v = body.if_contains("rateLimit")) {
    const json::object* r = v->if_object();
    if (!r) {
      errors.AddField("rateLimit", Text::kBadValueShape);
    } else {
      if (auto max = OptionalInt(*r, "perAddress")) {
        if (*max < 0)
          errors.AddField("rateLimit.perAddress", Text::kBadValueShape);
        else
          s.per_address.max = *max;
      }
      if (auto window = OptionalInt(*r, "windowSeconds")) {
        if (*window < 1 || *window > 86400)
          errors.AddField("rateLimit.windowSeconds", Text::kBadValueShape);
        else
          s.per_address.window = *window;
      }
    }
  }
  if (const json::value* v = body.if_contains("confirmationMail"); v && !v->is_null()) {
    s.mail = ReadConfirmationMail(*v, form, s.fields, errors);
  }
  if (errors.has_fields()) return errors;
  return s;
}

json::object PublicFormSettings::ToJson() const {
  json::object o = look.ToJson();
  json::array list;
  for (const PublishedField& f : fields)
    list.push_back(json::object{{"code", f.code}, {"help", f.help}});
  o["fields"] = std::move(list);
  o["opensAt"] = opens_at ? json::value(FormatUtcTimestamp(*opens_at)) : json::value("");
  o["closesAt"] = closes_at ? json::value(FormatUtcTimestamp(*closes_at)) : json::value("");
  o["maxSubmissions"] = max_submissions;
  o["completionMessage"] = completion_message;
  json::array types;
  for (const std::string& t : attachments.types) types.push_back(json::value(t));
  o["attachments"] = json::object{{"maxBytes", attachments.max_bytes},
                                  {"maxCount", attachments.max_count},
                                  {"types", std::move(types)}};
  o["rateLimit"] =
      json::object{{"perAddress", per_address.max}, {"windowSeconds", per_address.window}};
  o["confirmationMail"] = json::object{{"enabled", mail.enabled},
                                       {"toField", mail.to_field},
                                       {"subject", mail.subject},
                                       {"body", mail.body}};
  return o;
}

}  // namespace domain

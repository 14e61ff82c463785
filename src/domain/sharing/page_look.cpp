#include "domain/sharing/page_look.h"

#include <algorithm>
#include <cmath>

namespace domain {

namespace json = boost::json;
using common::Text;

namespace {

constexpr size_t kMaxTitle = 200;
constexpr size_t kMaxDescription = 5000;
constexpr size_t kMaxLogo = 200 * 1024;  // a data: URL; keeps page settings small

double Channel(int v) {
  double c = v / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double Luminance(const std::string& hex) {
  auto at = [&](size_t i) { return std::stoi(hex.substr(i, 2), nullptr, 16); };
  return 0.2126 * Channel(at(1)) + 0.7152 * Channel(at(3)) + 0.0722 * Channel(at(5));
}

void ReadText(const json::object& o, const char* key, size_t max, std::string& out,
              common::Error& errors) {
  const json::value* v = o.if_contains(key);
  if (!v) return;
  if (!v->is_string() || v->as_string().size() > max) {
    errors.AddField(key, Text::kBadValueShape);
    return;
  }
  out = std::string(v->as_string());
}

}  // namespace

bool IsHexColor(const std::string& s) {
  return s.size() == 7 && s[0] == '#' && std::all_of(s.begin() + 1, s.end(), [](char c) {
           return std::isxdigit(static_cast<unsigned char>(c));
         });
}

double ContrastRatio(const std::string& a, const std::string& b) {
  double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

PageLook PageLook::FromJson(const json::object& s, common::Error& errors) {
  PageLook look;
  ReadText(s, "title", kMaxTitle, look.title, errors);
  ReadText(s, "description", kMaxDescription, look.description, errors);
  if (look.title.empty()) errors.AddField("title", Text::kRequiredParam);
  if (const json::value* t = s.if_contains("theme")) {
    if (!t->is_object()) {
      errors.AddField("theme", Text::kBadValueShape);
    } else {
      const json::object& theme = t->as_object();
      auto color = [&](const char* key, std::string& out) {
        const json::value* v = theme.if_contains(key);
        if (!v) return;
        std::string c = v->is_string() ? std::string(v->as_string()) : "";
        std::transform(c.begin(), c.end(), c.begin(),
                       [](unsigned char ch) { return std::tolower(ch); });
        if (!IsHexColor(c))
          errors.AddField(std::string("theme.") + key, Text::kBadValueShape);
        else
          out = c;
      };
      color("primaryColor", look.primary_color);
      color("backgroundColor", look.background_color);
      color("textColor", look.text_color);
      if (const json::value* v = theme.if_contains("fontScale")) {
        double f = v->is_double() ? v->as_double() : v->is_int64() ? double(v->as_int64()) : 0;
        if (f < 1.0 || f > 2.0)
          errors.AddField("theme.fontScale", Text::kBadValueShape);
        else
          look.font_scale = f;
      }
    }
  }
  // Text on the background and white button text on the primary colour need 4.5:1 (AA).
  if (ContrastRatio(look.text_color, look.background_color) < 4.5) {
    errors.AddField("theme.textColor", Text::kLowContrast);
  }
  if (ContrastRatio(look.primary_color, "#ffffff") < 4.5 ||
      ContrastRatio(look.primary_color, look.background_color) < 3.0) {
    errors.AddField("theme.primaryColor", Text::kLowContrast);
  }
  if (const json::value* v = s.if_contains("logo")) {
    std::string logo = v->is_string() ? std::string(v->as_string()) : "?";
    bool ok =
        logo.empty() || (logo.size() <= kMaxLogo && (logo.starts_with("data:image/png;base64,") ||
                                                     logo.starts_with("data:image/jpeg;base64,") ||
                                                     logo.starts_with("data:image/webp;base64,")));
    if (ok) {
      size_t comma = logo.find(',');
      for (size_t i = comma == std::string::npos ? logo.size() : comma + 1; i < logo.size(); ++i) {
        char c = logo[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=')
          ok = false;
      }
    }
    if (!ok)
      errors.AddField("logo", Text::kBadLogo);
    else
      look.logo = logo;
  }
  return look;
}

json::object PageLook::ToJson() const {
  return json::object{{"title", title},
                      {"description", description},
                      {"theme", json::object{{"primaryColor", primary_color},
                                             {"backgroundColor", background_color},
                                             {"textColor", text_color},
                                             {"fontScale", font_scale}}},
                      {"logo", logo}};
}

bool IsLabelMap(const json::value& v) {
  if (!v.is_object()) return false;
  for (const auto& kv : v.as_object()) {
    const json::value& l = kv.value();
    if (l.is_string()) continue;
    const json::object* lo = l.if_object();
    if (!lo) return false;
    for (const auto& lang : *lo) {
      if ((lang.key() != "ja" && lang.key() != "en") || !lang.value().is_string()) return false;
    }
  }
  return true;
}

std::string LabelOf(const json::object& labels, const std::string& value, std::string_view lang) {
  const json::value* l = labels.if_contains(value);
  if (!l) return value;
  if (l->is_string()) return std::string(l->as_string());
  const json::object& by_lang = l->as_object();
  const json::value* t = by_lang.if_contains(lang);
  if (!t) t = by_lang.if_contains("ja");
  return t && t->is_string() ? std::string(t->as_string()) : value;
}

}  // namespace domain

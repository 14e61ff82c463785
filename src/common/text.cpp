#include "common/text.h"

#include <array>

namespace common {
namespace {

struct Entry {
  std::string_view ja;
  std::string_view en;
};

constexpr Entry kCatalog[] = {
#define TK_TEXT(name, ja, en) {ja, en},
#include "common/text_catalog.inc"
#undef TK_TEXT
};

}  // namespace

std::string_view Template(Text text, Lang lang) {
  const Entry& e = kCatalog[static_cast<size_t>(text)];
  return lang == Lang::kJa ? e.ja : e.en;
}

std::string Render(Text text, Lang lang, const std::vector<std::string>& args) {
  std::string_view tpl = Template(text, lang);
  std::string out;
  out.reserve(tpl.size() + 16);
  for (size_t i = 0; i < tpl.size(); ++i) {
    if (tpl[i] == '{' && i + 2 < tpl.size() && tpl[i + 2] == '}' && tpl[i + 1] >= '0' &&
        tpl[i + 1] <= '9') {
      size_t n = static_cast<size_t>(tpl[i + 1] - '0');
      if (n < args.size()) out += args[n];
      i += 2;
      continue;
    }
    out += tpl[i];
  }
  return out;
}

Lang ParseLang(std::string_view tag, Lang fallback) {
  if (tag.size() >= 2) {
    std::string_view p = tag.substr(0, 2);
    if (p == "ja" || p == "JA" || p == "Ja") return Lang::kJa;
    if (p == "en" || p == "EN" || p == "En") return Lang::kEn;
  }
  return fallback;
}

std::string_view LangTag(Lang lang) { return lang == Lang::kJa ? "ja" : "en"; }

}  // namespace common

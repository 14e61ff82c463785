// The message catalogue: every sentence a client can see, in Japanese and English.
// Stateless; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace common {

enum class Lang { kJa, kEn };

enum class Text {
#define TK_TEXT(name, ja, en) k##name,
#include "common/text_catalog.inc"
#undef TK_TEXT
};

// A sentence plus the values for its {0}, {1} placeholders.
struct Message {
  Text text;
  std::vector<std::string> args;
};

// The template for `text` in `lang`, placeholders not yet filled.
std::string_view Template(Text text, Lang lang);
// `text` in `lang` with placeholders filled from `args`.
std::string Render(Text text, Lang lang, const std::vector<std::string>& args = {});
inline std::string Render(const Message& m, Lang lang) { return Render(m.text, lang, m.args); }

// "ja" / "en" (anything else: nullopt-like fallback to `fallback`).
Lang ParseLang(std::string_view tag, Lang fallback);
std::string_view LangTag(Lang lang);

}  // namespace common

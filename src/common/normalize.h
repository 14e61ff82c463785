// Text normalisation for search: the one definition of "these two strings look the same to a
// searcher" (width, case, kana, spacing), shared by the FTS tokenizer and anything else that
// compares search text. Stateless; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace common {

// Folds UTF-8 text for substring search, in this order:
//  1. ill-formed UTF-8 bytes and NUL are dropped; the spacing voiced marks ゛ ゜ become the
//     combining ones so that "か゛" reads as "が";
//  2. ICU NFKC_Casefold: full-width ASCII -> ASCII, half-width katakana -> full-width (ｶﾞ -> ガ),
//     compatibility characters (㍻ -> 平成, ① -> 1), case folding (A -> a, ß -> ss), default
//     ignorables (zero-width space, variation selectors) removed;
//  3. katakana -> hiragana (ヴ -> ゔ, ヷ -> わ゙, ヽ -> ゝ); the small counters ヶ ヵ -> け か so
//  that
//     霞ヶ関 finds 霞ケ関; the long vowel mark ー is kept;
//  4. dash look-alikes (‐ – — ― − －) -> '-', wave dashes (〜 ～) -> '~';
//  5. every run of white space (space, tab, line breaks, U+3000, ...) -> one ' ', trimmed.
// Pure ASCII takes a fast path with the same result. Idempotent.
std::string NormalizeForSearch(std::string_view utf8);

// One code point of NormalizeForSearch's output and the byte span [begin, end) of the original
// text it came from. Characters that normalisation merged or expanded share the whole span of
// their source (ｶﾞ -> が spans 6 bytes; ㍻ -> 平, 成 both span 3); a collapsed white-space run
// spans the whole run. Spans never decrease and never exceed the input.
struct SearchChar {
  char32_t code_point;
  uint32_t begin;
  uint32_t end;
};

// NormalizeForSearch as code points with source spans (for tokenizers reporting offsets).
// Inputs longer than 4 GiB are not supported.
std::vector<SearchChar> NormalizeForSearchMapped(std::string_view utf8);

// True when `utf8` holds only spaces, tabs, CR, LF and U+3000 (also when empty): kintone's
// notion of an empty text value.
bool IsBlank(std::string_view utf8);

// Unicode NFKC (full-width digits and letters -> ASCII, half-width katakana -> full-width),
// ill-formed bytes dropped, surrounding white space (U+3000 included) trimmed; case and kana
// kept. For exact comparisons of typed values, e.g. public look-up keys.
std::string NormalizeNfkc(std::string_view utf8);

}  // namespace common

#include "api/language.h"

#include <cstdlib>
#include <string>

namespace api {

common::Lang ResolveLanguage(std::string_view user_locale, std::string_view accept_language,
                             common::Lang server_default) {
  if (user_locale == "ja") return common::Lang::kJa;
  if (user_locale == "en") return common::Lang::kEn;
  if (accept_language.empty()) return server_default;
  double best_q = -1;
  common::Lang best = server_default;
  size_t start = 0;
  while (start < accept_language.size()) {
    size_t comma = accept_language.find(',', start);
    if (comma == std::string_view::npos) comma = accept_language.size();
    std::string_view item = accept_language.substr(start, comma - start);
    start = comma + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string_view tag = item.substr(0, item.find(';'));
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    double q = 1.0;
    size_t qpos = item.find("q=");
    if (qpos != std::string_view::npos) q = std::atof(std::string(item.substr(qpos + 2)).c_str());
    common::Lang lang;
    if (tag == "*") {
      lang = common::Lang::kEn;
    } else if (tag.size() >= 2 && (tag.substr(0, 2) == "ja" || tag.substr(0, 2) == "en")) {
      lang = common::ParseLang(tag, server_default);
    } else {
      continue;
    }
    if (q > best_q) {
      best_q = q;
      best = lang;
    }
  }
  return best;
}

}  // namespace api

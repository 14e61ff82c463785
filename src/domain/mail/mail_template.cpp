#include "domain/mail/mail_template.h"

#include <algorithm>

namespace domain {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls `on_text` for literal text and `on_name` for each placeholder, left to right. "{{"
// without a closing "}}" on the same line is literal text.
void Scan(std::string_view text, const std::function<void(std::string_view)>& on_text,
          const std::function<void(std::string_view raw, std::string_view name)>& on_name) {
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find("{{", i);
    if (open == std::string_view::npos) break;
    size_t close = text.find("}}", open + 2);
    size_t newline = text.find('\n', open + 2);
    if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close)) {
      on_text(text.substr(i, open + 2 - i));
      i = open + 2;
      continue;
    }
    on_text(text.substr(i, open - i));
    on_name(text.substr(open, close + 2 - open), Trim(text.substr(open + 2, close - open - 2)));
    i = close + 2;
  }
  if (i < text.size()) on_text(text.substr(i));
}

}  // namespace

std::vector<std::string> TemplatePlaceholders(std::string_view text) {
  std::vector<std::string> names;
  Scan(
      text, [](std::string_view) {},
      [&](std::string_view, std::string_view name) {
        if (std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
      });
  return names;
}

std::string RenderTemplate(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& value) {
  std::string out;
  out.reserve(text.size());
  Scan(
      text, [&](std::string_view literal) { out += literal; },
      [&](std::string_view raw, std::string_view name) {
        std::optional<std::string> v = value(name);
        out += v ? *v : std::string(raw);
      });
  return out;
}

}  // namespace domain

// Mail templates: text with placeholders such as {{receipt}} or {{氏名}} (a field code),
// spaces inside the braces allowed. Values are inserted as plain text, never interpreted, so
// a value holding "{{x}}" stays literally that. Pure functions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace domain {

// The placeholder names used in `text`, in order of first appearance, without duplicates.
std::vector<std::string> TemplatePlaceholders(std::string_view text);

// `text` with every placeholder replaced by `value(name)`; a name without a value
// (nullopt) is left as written.
std::string RenderTemplate(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& value);

}  // namespace domain

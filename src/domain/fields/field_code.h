// kintone's field-code rules (§4.3): at most 128 characters, no leading digit, `_` the only
// ASCII symbol, no spaces, not a reserved process-field code. Stateless.
#pragma once

#include <optional>
#include <string_view>

#include "common/text.h"

namespace domain {

// The message for the first rule `code` breaks, or nullopt when it is acceptable. Uniqueness
// within the form is the form editor's check.
std::optional<common::Text> FieldCodeProblem(std::string_view code);

}  // namespace domain

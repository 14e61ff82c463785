// Chooses the language of messages: the user's setting wins; "auto" follows Accept-Language
// (q-values honoured, "*" means English); no header means the server default. Stateless.
#pragma once

#include <string_view>

#include "common/text.h"

namespace api {

common::Lang ResolveLanguage(std::string_view user_locale, std::string_view accept_language,
                             common::Lang server_default);

}  // namespace api

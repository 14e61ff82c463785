// The registry of error codes: each has its kintone code string, HTTP status and top message.
#pragma once

#include <string_view>

#include "common/text.h"

namespace common {

enum class ErrorCode {
#define TK_ERROR(name, code, status, text) k##name,
#include "common/error_code_catalog.inc"
#undef TK_ERROR
};

std::string_view KintoneCode(ErrorCode code);
int HttpStatus(ErrorCode code);
Text TopMessage(ErrorCode code);

}  // namespace common

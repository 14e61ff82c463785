#include "common/error_code.h"

namespace common {
namespace {

struct Entry {
  std::string_view code;
  int status;
  Text text;
};

constexpr Entry kRegistry[] = {
#define TK_ERROR(name, code, status, text) {code, status, Text::k##text},
#include "common/error_code_catalog.inc"
#undef TK_ERROR
};

const Entry& At(ErrorCode c) { return kRegistry[static_cast<size_t>(c)]; }

}  // namespace

std::string_view KintoneCode(ErrorCode code) { return At(code).code; }
int HttpStatus(ErrorCode code) { return At(code).status; }
Text TopMessage(ErrorCode code) { return At(code).text; }

}  // namespace common

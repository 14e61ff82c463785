#include "domain/fields/field_code.h"

#include <cstdint>

namespace domain {
namespace {

constexpr std::string_view kReserved[] = {"ステータス", "カテゴリー", "作業者"};

// Length of the UTF-8 sequence starting with `lead`, 0 when invalid.
int SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool IsAsciiWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::optional<common::Text> FieldCodeProblem(std::string_view code) {
  if (code.empty()) return common::Text::kRequiredParam;
  if (code[0] >= '0' && code[0] <= '9') return common::Text::kFieldCodeLeadingDigit;
  int64_t characters = 0;
  for (size_t i = 0; i < code.size();) {
    auto lead = static_cast<unsigned char>(code[i]);
    int len = SequenceLength(lead);
    if (len == 0 || i + static_cast<size_t>(len) > code.size()) {
      return common::Text::kFieldCodeBadSymbol;
    }
    for (int k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(code[i + k]) & 0xC0) != 0x80) {
        return common::Text::kFieldCodeBadSymbol;
      }
    }
    if (len == 1 && !IsAsciiWordChar(code[i])) return common::Text::kFieldCodeBadSymbol;
    if (code.substr(i, static_cast<size_t>(len)) == "\u3000") {
      return common::Text::kFieldCodeBadSymbol;  // ideographic space
    }
    i += static_cast<size_t>(len);
    ++characters;
  }
  if (characters > 128) return common::Text::kFieldCodeTooLong;
  for (std::string_view r : kReserved) {
    if (code == r) return common::Text::kFieldCodeReserved;
  }
  return std::nullopt;
}

}  // namespace domain

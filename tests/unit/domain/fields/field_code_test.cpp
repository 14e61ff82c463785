#include "domain/fields/field_code.h"

#include <gtest/gtest.h>

#include <string>

namespace domain {
namespace {

TEST(FieldCode, AcceptsKintoneCodes) {
  for (const char* code : {"title", "Title_2", "_x", "文字列__1行_", "顧客名", "a"}) {
    EXPECT_EQ(FieldCodeProblem(code), std::nullopt) << code;
  }
  EXPECT_EQ(FieldCodeProblem(std::string(128, 'a')), std::nullopt);
  std::string japanese;
  for (int i = 0; i < 128; ++i) japanese += "あ";
  EXPECT_EQ(FieldCodeProblem(japanese), std::nullopt);
}

TEST(FieldCode, ReportsTheBrokenRule) {
  const std::pair<std::string, common::Text> cases[] = {
      {"", common::Text::kRequiredParam},
      {"1abc", common::Text::kFieldCodeLeadingDigit},
      {"a b", common::Text::kFieldCodeBadSymbol},
      {"a-b", common::Text::kFieldCodeBadSymbol},
      {"$id", common::Text::kFieldCodeBadSymbol},
      {"a.b", common::Text::kFieldCodeBadSymbol},
      {"a\u3000b", common::Text::kFieldCodeBadSymbol},
      {"a\xff", common::Text::kFieldCodeBadSymbol},
      {std::string(129, 'a'), common::Text::kFieldCodeTooLong},
      {"ステータス", common::Text::kFieldCodeReserved},
      {"カテゴリー", common::Text::kFieldCodeReserved},
      {"作業者", common::Text::kFieldCodeReserved},
  };
  for (const auto& [code, text] : cases) EXPECT_EQ(FieldCodeProblem(code), text) << code;
}

}  // namespace
}  // namespace domain

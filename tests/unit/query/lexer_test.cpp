#include "query/lexer.h"

#include <gtest/gtest.h>

namespace query {
namespace {

std::vector<TokenKind> Kinds(std::string_view text) {
  auto tokens = Tokenize(text);
  EXPECT_TRUE(tokens.ok()) << text;
  std::vector<TokenKind> out;
  if (tokens.ok()) {
    for (const Token& t : *tokens) out.push_back(t.kind);
  }
  return out;
}

TEST(QueryLexer, SplitsWordsOperatorsStringsAndNumbers) {
  using K = TokenKind;
  EXPECT_EQ(Kinds(R"(a = "x" and b!=-1.5 or c>=2 and (d<=3) order by e, f)"),
            (std::vector<K>{K::kWord,   K::kEq,   K::kString, K::kWord,   K::kWord,   K::kNe,
                            K::kNumber, K::kWord, K::kWord,   K::kGe,     K::kNumber, K::kWord,
                            K::kLParen, K::kWord, K::kLe,     K::kNumber, K::kRParen, K::kWord,
                            K::kWord,   K::kWord, K::kComma,  K::kWord,   K::kEnd}));
  auto tokens = Tokenize("$id<5 and x>y");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].text, "$id");
  EXPECT_EQ((*tokens)[1].kind, K::kLt);
  EXPECT_EQ((*tokens)[5].kind, K::kGt);
}

TEST(QueryLexer, UnescapesStrings) {
  auto tokens = Tokenize(R"("a\"b\\c\td\ne\rf")");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].kind, TokenKind::kString);
  EXPECT_EQ((*tokens)[0].text, "a\"b\\c\td\ne\rf");
  auto japanese = Tokenize("\"東京　都\"");
  ASSERT_TRUE(japanese.ok());
  EXPECT_EQ((*japanese)[0].text, "東京　都");
}

TEST(QueryLexer, TreatsFullWidthSpaceAndCrlfAsWhitespace) {
  auto tokens = Tokenize("\xE3\x80\x80顧客名\xE3\x80\x80=\r\n\"x\"\t");
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 4u);
  EXPECT_EQ((*tokens)[0].text, "顧客名");
  EXPECT_EQ((*tokens)[1].kind, TokenKind::kEq);
}

TEST(QueryLexer, ReadsJapaneseFullWidthAndRelatedFieldCodes) {
  auto tokens = Tokenize("全角ＡＢＣ１ in (\"a\") and ref.$id > 3 and 会社_2.名前 like \"x\"");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ((*tokens)[0].text, "全角ＡＢＣ１");
  EXPECT_EQ((*tokens)[6].text, "ref.$id");
  EXPECT_EQ((*tokens)[10].text, "会社_2.名前");
}

TEST(QueryLexer, RejectsMalformedInput) {
  for (std::string_view bad : {
           "a = 'x'",       // single quotes
           "a = \"x",       // unterminated
           "a = \"x\ty\"",  // raw tab inside a string
           "a = \"x\ny\"",  // raw LF inside a string
           "a = \"x\ry\"",  // raw CR inside a string
           R"(a = "\q")",   // unknown escape
           "a = 10abc",     // number running into a word
           "a ! b",         // lone '!'
           "a = `x`",       // backticks are not quotes
           "a = \"\xFF\"",  // invalid UTF-8
           "a = ;",         // stray character
       }) {
    auto r = Tokenize(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code(), common::ErrorCode::kInvalidInput);
    ASSERT_EQ(r.error().fields().size(), 1u);
    EXPECT_EQ(r.error().fields()[0].key, "query");
    EXPECT_EQ(r.error().fields()[0].messages[0].text, common::Text::kQuerySyntax);
  }
}

}  // namespace
}  // namespace query

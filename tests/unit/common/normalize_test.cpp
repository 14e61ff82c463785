#include "common/normalize.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace common {
namespace {

std::string Utf8(const std::vector<SearchChar>& chars) {
  std::u32string u32;
  for (const SearchChar& c : chars) u32 += c.code_point;
  std::string out;
  for (char32_t c : u32) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

TEST(NormalizeForSearch, AsciiFoldsCaseAndCollapsesWhiteSpace) {
  EXPECT_EQ(NormalizeForSearch("  Hello\t\tWORLD \r\n x "), "hello world x");
  EXPECT_EQ(NormalizeForSearch(""), "");
  EXPECT_EQ(NormalizeForSearch(" \t\n"), "");
  EXPECT_EQ(NormalizeForSearch("R2026-0000001"), "r2026-0000001");
}

TEST(NormalizeForSearch, FullWidthAsciiBecomesHalfWidth) {
  EXPECT_EQ(NormalizeForSearch("ＡＢＣ１２３ｘｙｚ"), "abc123xyz");
  EXPECT_EQ(NormalizeForSearch("ｔａｎａｋａ＠ｅｘａｍｐｌｅ．ｊｐ"), "tanaka@example.jp");
}

TEST(NormalizeForSearch, KatakanaFoldsToHiragana) {
  EXPECT_EQ(NormalizeForSearch("ヤマダ タロウ"), "やまだ たろう");
  EXPECT_EQ(NormalizeForSearch("ヴァイオリン"), "ゔぁいおりん");
  EXPECT_EQ(NormalizeForSearch("ヽヾ"), "ゝゞ");
  EXPECT_EQ(NormalizeForSearch("ヷ"), "わ\u3099");
  EXPECT_EQ(NormalizeForSearch("わ\u3099"), "わ\u3099");
}

TEST(NormalizeForSearch, LongVowelMarkIsKept) {
  EXPECT_EQ(NormalizeForSearch("コーヒー"), "こーひー");
  EXPECT_EQ(NormalizeForSearch("ｺｰﾋｰ"), "こーひー");
}

TEST(NormalizeForSearch, HalfWidthKatakanaComposesVoicedMarks) {
  EXPECT_EQ(NormalizeForSearch("ﾔﾏﾀﾞ ﾀﾛｳ"), "やまだ たろう");
  EXPECT_EQ(NormalizeForSearch("ﾊﾟﾝ"), "ぱん");
}

TEST(NormalizeForSearch, SpacingVoicedMarksCompose) {
  EXPECT_EQ(NormalizeForSearch("か゛"), "が");
  EXPECT_EQ(NormalizeForSearch("ハ゜ン"), "ぱん");
}

TEST(NormalizeForSearch, SmallKeAndKaReadAsFullSize) {
  EXPECT_EQ(NormalizeForSearch("霞ヶ関"), NormalizeForSearch("霞ケ関"));
  EXPECT_EQ(NormalizeForSearch("一ヵ月"), NormalizeForSearch("一カ月"));
  EXPECT_EQ(NormalizeForSearch("霞ヶ関"), "霞け関");
}

TEST(NormalizeForSearch, IdeographicSpaceCollapsesWithOtherSpace) {
  EXPECT_EQ(NormalizeForSearch("山田　太郎"), "山田 太郎");
  EXPECT_EQ(NormalizeForSearch("　山田 　\t太郎　"), "山田 太郎");
  EXPECT_EQ(NormalizeForSearch("山田\u00A0太郎"), "山田 太郎");
}

TEST(NormalizeForSearch, CompatibilityCharactersExpand) {
  EXPECT_EQ(NormalizeForSearch("㍻"), "平成");
  EXPECT_EQ(NormalizeForSearch("①"), "1");
  EXPECT_EQ(NormalizeForSearch("㈱"), "(株)");
}

TEST(NormalizeForSearch, DashesAndWaveDashesFold) {
  EXPECT_EQ(NormalizeForSearch("1−2‐3－4"), "1-2-3-4");
  EXPECT_EQ(NormalizeForSearch("1〜3～5"), "1~3~5");
}

TEST(NormalizeForSearch, CaseFoldsBeyondAscii) {
  EXPECT_EQ(NormalizeForSearch("ÄÖÜ Straße"), "äöü strasse");
  EXPECT_EQ(NormalizeForSearch("ΑΒΓ"), "αβγ");
}

TEST(NormalizeForSearch, DropsVariationSelectorsAndZeroWidthSpace) {
  EXPECT_EQ(NormalizeForSearch("葛\U000E0100飾"), "葛飾");
  EXPECT_EQ(NormalizeForSearch("a\u200Bb"), "ab");
}

TEST(NormalizeForSearch, SkipsIllFormedUtf8) {
  EXPECT_EQ(NormalizeForSearch("a\xFF"
                               "b\xE3\x81"),
            "ab");
  EXPECT_EQ(NormalizeForSearch("\xED\xA0\x80山"), "山");  // encoded surrogate
  EXPECT_EQ(NormalizeForSearch("\x80\x80\x80"), "");
}

TEST(NormalizeForSearch, DropsNul) {
  EXPECT_EQ(NormalizeForSearch(std::string_view("a\0B", 3)), "ab");
  EXPECT_EQ(NormalizeForSearch(std::string_view("山\0田", 7)), "山田");
}

TEST(NormalizeForSearch, KeepsEmoji) { EXPECT_EQ(NormalizeForSearch("😀A"), "😀a"); }

TEST(NormalizeForSearch, AsciiFastPathMatchesIcuPath) {
  std::string ascii;
  for (int c = 1; c < 0x80; ++c) ascii += static_cast<char>(c);
  // A trailing kanji forces the ICU path for the same ASCII prefix.
  EXPECT_EQ(NormalizeForSearch(ascii + "x山"), NormalizeForSearch(ascii + "x") + "山");
}

TEST(NormalizeForSearch, IsIdempotent) {
  for (const char* s : {"ﾔﾏﾀﾞ　ﾀﾛｳ", "ＡＢＣ abc", "霞ヶ関 ヴ ヷ ヶ\u3099", "㍻①㈱", "Straße ǅ ﬁ",
                        "か゛ハ゜", "東京都千代田区 1−2−3"}) {
    std::string once = NormalizeForSearch(s);
    EXPECT_EQ(NormalizeForSearch(once), once) << s;
  }
}

TEST(NormalizeForSearchMapped, GivesSourceSpansOfMergedCharacters) {
  std::string text = "ｶﾞab";
  std::vector<SearchChar> chars = NormalizeForSearchMapped(text);
  ASSERT_EQ(chars.size(), 3u);
  EXPECT_EQ(chars[0].code_point, U'が');
  EXPECT_EQ(chars[0].begin, 0u);
  EXPECT_EQ(chars[0].end, 6u);
  EXPECT_EQ(chars[1].begin, 6u);
  EXPECT_EQ(chars[1].end, 7u);
  EXPECT_EQ(chars[2].begin, 7u);
  EXPECT_EQ(chars[2].end, 8u);
}

TEST(NormalizeForSearchMapped, SpansSkipDroppedBytesAndSpaces) {
  std::string text = " a\xFF山　\t b";
  std::vector<SearchChar> chars = NormalizeForSearchMapped(text);
  ASSERT_EQ(chars.size(), 4u);
  EXPECT_EQ(chars[0].begin, 1u);  // a
  EXPECT_EQ(chars[1].begin, 3u);  // 山 after the dropped byte
  EXPECT_EQ(chars[1].end, 6u);
  EXPECT_EQ(chars[2].code_point, U' ');
  EXPECT_EQ(chars[2].begin, 6u);  // the whole run: U+3000, tab, space
  EXPECT_EQ(chars[2].end, 11u);
  EXPECT_EQ(chars[3].begin, 11u);
}

TEST(NormalizeForSearchMapped, ExpandedCharactersShareTheirSource) {
  std::vector<SearchChar> chars = NormalizeForSearchMapped("x㍻");
  ASSERT_EQ(chars.size(), 3u);
  EXPECT_EQ(chars[1].begin, 1u);
  EXPECT_EQ(chars[1].end, 4u);
  EXPECT_EQ(chars[2].begin, 1u);
  EXPECT_EQ(chars[2].end, 4u);
}

TEST(NormalizeForSearchMapped, AgreesWithNormalizeForSearchOnRandomText) {
  const std::vector<std::string> pieces = {
      "a",        "Z",  " ",          "　",     "\t",     "山", "田", "ｶ", "ﾞ",  "ﾟ",
      "ア",       "ヴ", "ヶ",         "゛",     "\u3099", "ー", "Ａ", "①", "㍻", "\xFF",
      "\xE3\x81", "😀",  "\U000E0100", "\u200B", "−",      "ß",  "ǅ",  "\n"};
  std::mt19937 rng(7);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 12);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::vector<SearchChar> chars = NormalizeForSearchMapped(text);
    EXPECT_EQ(Utf8(chars), NormalizeForSearch(text)) << text;
    uint32_t last_begin = 0;
    for (const SearchChar& c : chars) {
      EXPECT_LE(c.begin, c.end);
      EXPECT_LE(c.end, text.size());
      EXPECT_GE(c.begin, last_begin);
      last_begin = c.begin;
    }
    std::string once = NormalizeForSearch(text);
    EXPECT_EQ(NormalizeForSearch(once), once) << text;
  }
}

TEST(NormalizeForSearchMapped, SurvivesArbitraryBytes) {
  std::mt19937 rng(11);
  for (int round = 0; round < 5000; ++round) {
    std::string bytes(rng() % 40, '\0');
    for (char& b : bytes) b = static_cast<char>(rng() % 2 ? 0xE0 + rng() % 0x20 : rng() % 0x100);
    std::vector<SearchChar> chars = NormalizeForSearchMapped(bytes);
    EXPECT_EQ(Utf8(chars), NormalizeForSearch(bytes));
    for (const SearchChar& c : chars) {
      EXPECT_LE(c.begin, c.end);
      EXPECT_LE(c.end, bytes.size());
    }
  }
}

TEST(IsBlank, AcceptsOnlyKintoneWhiteSpace) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n　"));
  EXPECT_FALSE(IsBlank("a"));
  EXPECT_FALSE(IsBlank(" 　x"));
  EXPECT_FALSE(IsBlank("\u00A0"));
  EXPECT_FALSE(IsBlank("\xE3\x80"));
}

}  // namespace
}  // namespace common

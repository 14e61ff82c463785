#include "storage/sqlite/ngram_tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "common/normalize.h"
#include "fts_test_db.h"

namespace storage::sqlite {
namespace {

using Ids = std::vector<int64_t>;

class NgramTokenizerTest : public ::testing::Test {
 protected:
  NgramTokenizerTest() { db_.CreateRecordTable(); }
  FtsTestDb db_;
};

TEST_F(NgramTokenizerTest, FindsOneAndTwoCharacterKanjiTerms) {
  db_.Insert(1, "山田 太郎");
  db_.Insert(2, "田中 花子");
  db_.Insert(3, "佐藤 一郎");
  EXPECT_EQ(db_.Find("田"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("郎"), (Ids{1, 3}));
  EXPECT_EQ(db_.Find("太郎"), (Ids{1}));
  EXPECT_EQ(db_.Find("田中"), (Ids{2}));
  EXPECT_EQ(db_.Find("中田"), Ids{});
  EXPECT_EQ(db_.Find("佐藤 一郎"), (Ids{3}));
}

TEST_F(NgramTokenizerTest, FindsSubstringsInsideAsciiWords) {
  db_.Insert(1, "gamma keyword");
  db_.Insert(2, "monkey");
  EXPECT_EQ(db_.Find("key"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("eyw"), (Ids{1}));
  EXPECT_EQ(db_.Find("a k"), (Ids{1}));
  EXPECT_EQ(db_.Find("k"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("keys"), Ids{});
}

TEST_F(NgramTokenizerTest, FullWidthAndHalfWidthAsciiMatchEachOther) {
  db_.Insert(1, "abc商事");
  db_.Insert(2, "ＡＢＣ工業");
  EXPECT_EQ(db_.Find("ＡＢＣ"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("abc"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("Ｃ工"), (Ids{2}));
}

TEST_F(NgramTokenizerTest, KatakanaAndHiraganaMatchEachOther) {
  db_.Insert(1, "やまだ たろう");
  db_.Insert(2, "タナカ ハナコ");
  EXPECT_EQ(db_.Find("ヤマダ"), (Ids{1}));
  EXPECT_EQ(db_.Find("たなか"), (Ids{2}));
  EXPECT_EQ(db_.Find("な"), (Ids{2}));
}

TEST_F(NgramTokenizerTest, HalfWidthKatakanaMatchesFullWidth) {
  db_.Insert(1, "ﾔﾏﾀﾞ ﾀﾛｳ");
  db_.Insert(2, "ヤマダ ハナコ");
  EXPECT_EQ(db_.Find("ヤマダ"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("ﾔﾏﾀﾞ"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("だ"), (Ids{1, 2}));
  EXPECT_EQ(db_.Find("た"), (Ids{1}));  // ﾀﾞ composed to だ, so only たろう has た
}

TEST_F(NgramTokenizerTest, IgnoresCase) {
  db_.Insert(1, "Tokyo Station");
  EXPECT_EQ(db_.Find("TOKYO"), (Ids{1}));
  EXPECT_EQ(db_.Find("o s"), (Ids{1}));
  EXPECT_EQ(db_.Find("ｓｔａ"), (Ids{1}));
}

TEST_F(NgramTokenizerTest, WhiteSpaceIsPartOfTheSubstring) {
  db_.Insert(1, "山田 太郎");
  db_.Insert(2, "山田　太郎");
  db_.Insert(3, "山田太郎");
  db_.Insert(4, "山田\n\t太郎");
  EXPECT_EQ(db_.Find("山田 太郎"), (Ids{1, 2, 4}));
  EXPECT_EQ(db_.Find("山田　太郎"), (Ids{1, 2, 4}));
  EXPECT_EQ(db_.Find("山田太郎"), (Ids{3}));
  EXPECT_EQ(db_.Find("田 太"), (Ids{1, 2, 4}));
  EXPECT_EQ(db_.Find(" 太郎 "), (Ids{1, 2, 3, 4}));  // the term is trimmed
}

TEST_F(NgramTokenizerTest, TermsWithQueryMetacharactersAreLiteral) {
  db_.Insert(1, "say \"hi\" now");
  db_.Insert(2, "a AND b OR c*");
  db_.Insert(3, "x:y (z) -w ^v NEAR(u)");
  db_.Insert(4, "hi");
  EXPECT_EQ(db_.Find("\"hi\""), (Ids{1}));
  EXPECT_EQ(db_.Find("\""), (Ids{1}));
  EXPECT_EQ(db_.Find("\"\""), Ids{});
  EXPECT_EQ(db_.Find("a\"b"), Ids{});
  EXPECT_EQ(db_.Find("AND b"), (Ids{2}));
  EXPECT_EQ(db_.Find("c*"), (Ids{2}));
  EXPECT_EQ(db_.Find("*"), (Ids{2}));
  EXPECT_EQ(db_.Find("x:y (z)"), (Ids{3}));
  EXPECT_EQ(db_.Find("-w ^v"), (Ids{3}));
  EXPECT_EQ(db_.Find("NEAR(u)"), (Ids{3}));
  EXPECT_EQ(db_.Find("'"), Ids{});
}

TEST_F(NgramTokenizerTest, IgnoresNulCharacters) {
  db_.Insert(1, std::string_view("x\0y", 3));
  EXPECT_EQ(db_.Find(std::string_view("x\0y", 3)), (Ids{1}));
  EXPECT_EQ(db_.Find("xy"), (Ids{1}));
}

TEST_F(NgramTokenizerTest, HandlesEmojiAndIllFormedUtf8) {
  db_.Insert(1, "祝🎉😀完了");
  db_.Insert(2,
             "a\xFF"
             "b\xE3\x81");
  db_.Insert(3, "");
  db_.Insert(4, "\x80\x80");
  EXPECT_EQ(db_.Find("🎉"), (Ids{1}));
  EXPECT_EQ(db_.Find("😀完"), (Ids{1}));
  EXPECT_EQ(db_.Find("ab"), (Ids{2}));
  EXPECT_EQ(db_.Find("a\xFF"), (Ids{2}));
}

TEST_F(NgramTokenizerTest, IndexesAMegabyteOfText) {
  std::string text;
  while (text.size() < 1000000) text += "東京都千代田区霞が関一丁目 ";
  text += "末尾の目印XYZ";
  db_.Insert(1, text);
  db_.Insert(2, "目印");
  EXPECT_EQ(db_.Find("目印xyz"), (Ids{1}));
  EXPECT_EQ(db_.Find("霞が関"), (Ids{1}));
  db_.Update(1, "short");
  EXPECT_EQ(db_.Find("霞が関"), Ids{});
}

TEST_F(NgramTokenizerTest, DocumentTokensAreBigramsAndTheLastCharacter) {
  db_.Insert(1, "AbC");
  db_.Insert(2, "Z");
  db_.Exec("CREATE VIRTUAL TABLE vocab USING fts5vocab(r1_f3_fts, 'instance')");
  std::vector<std::string> tokens =
      db_.Column("SELECT doc || ':' || term || '@' || offset FROM vocab ORDER BY doc, offset", {});
  EXPECT_EQ(tokens, (std::vector<std::string>{"1:ab@0", "1:bc@1", "1:c@2", "2:z@0"}));
}

// One-character terms are prefix queries over the bigrams plus the last character: found at the
// start, in the middle and at the end of a value, in one-character values, after folding, and
// never through the second half of a bigram alone.
TEST_F(NgramTokenizerTest, FindsOneCharacterTermsAtEveryPosition) {
  db_.Insert(1, "山田太郎");
  db_.Insert(2, "田");
  db_.Insert(3, "ﾀﾞｲｽｹ");
  db_.Insert(4, "abc");
  db_.Insert(5, "x y");
  EXPECT_EQ(db_.Find("山"), (Ids{1}));     // start
  EXPECT_EQ(db_.Find("田"), (Ids{1, 2}));  // middle, and a one-character value
  EXPECT_EQ(db_.Find("太"), (Ids{1}));     // middle
  EXPECT_EQ(db_.Find("郎"), (Ids{1}));     // end
  EXPECT_EQ(db_.Find("だ"), (Ids{3}));     // start, ﾀﾞ folded to one character
  EXPECT_EQ(db_.Find("ｽ"), (Ids{3}));      // middle, half-width
  EXPECT_EQ(db_.Find("け"), (Ids{3}));     // end, hiragana for half-width katakana
  EXPECT_EQ(db_.Find("A"), (Ids{4}));
  EXPECT_EQ(db_.Find("Ｂ"), (Ids{4}));
  EXPECT_EQ(db_.Find("c"), (Ids{4}));
  EXPECT_EQ(db_.Find("y"), (Ids{5}));
  EXPECT_EQ(db_.Find("d"), Ids{});
  EXPECT_EQ(db_.Find("子"), Ids{});
}

TEST_F(NgramTokenizerTest, OffsetsPointIntoTheOriginalText) {
  db_.Insert(1, "ｶﾞｷﾞ");
  db_.Insert(2, "　山田　太郎");
  auto highlight = [this](std::string_view term) {
    return db_.Column(
        "SELECT highlight(r1_f3_fts, 0, '[', ']') FROM r1_f3_fts WHERE r1_f3_fts MATCH ?",
        {*FtsPhrase(term)});
  };
  EXPECT_EQ(highlight("ぎ"), (std::vector<std::string>{"ｶﾞ[ｷﾞ]"}));
  EXPECT_EQ(highlight("山田"), (std::vector<std::string>{"　[山田]　太郎"}));
  EXPECT_EQ(highlight("郎"), (std::vector<std::string>{"　山田　太[郎]"}));
}

// Runs the tokenizer on several connections at once; it must share no mutable state.
TEST(NgramTokenizer, WorksOnConcurrentConnections) {
  std::vector<std::thread> threads;
  std::vector<int> found(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &found] {
      FtsTestDb db;
      db.CreateRecordTable();
      for (int i = 1; i <= 300; ++i) {
        db.Insert(i, "ﾔﾏﾀﾞ 太郎 " + std::to_string(i * (t + 1)));
      }
      found[t] = static_cast<int>(db.Find("やまだ 太").size());
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(found, (std::vector<int>{300, 300, 300, 300}));
}

// The semantics, proved by brute force: the index finds exactly the values whose normalised
// text contains the normalised term.
TEST_F(NgramTokenizerTest, MatchesBruteForceNormalisedSubstringSearch) {
  const std::vector<std::string> alphabet = {
      "山", "田", "中", "太", "郎", "子", "東", "京", "都", "区", "一", "丁",
      "目", "あ", "い", "た", "だ", "な", "ア", "タ", "ダ", "ナ", "ヴ", "ー",
      "ｱ",  "ﾀ",  "ﾞ",  "ｰ",  "a",  "b",  "k",  "A",  "B",  "K",  "ａ", "Ｋ",
      "1",  "１", "-",  "−",  " ",  "　", "\t", "😀",  "ヶ", "ケ"};
  std::mt19937 rng(20260101);
  auto random_text = [&](int max_len) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % static_cast<unsigned>(max_len));
    for (int i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };

  std::vector<std::string> docs;
  db_.Exec("BEGIN");
  for (int id = 1; id <= 2000; ++id) {
    docs.push_back(random_text(16));
    db_.Insert(id, docs.back());
  }
  db_.Exec("COMMIT");
  std::vector<std::string> normalized;
  for (const std::string& doc : docs) normalized.push_back(common::NormalizeForSearch(doc));

  int checked = 0;
  int with_hits = 0;
  for (int q = 0; q < 500; ++q) {
    std::string term;
    if (q % 2 == 0) {  // a piece of an indexed value, cut at code points of the original text
      const std::string& doc = docs[rng() % docs.size()];
      std::vector<size_t> starts;
      for (size_t i = 0; i < doc.size(); ++i) {
        if ((static_cast<unsigned char>(doc[i]) & 0xC0) != 0x80) starts.push_back(i);
      }
      starts.push_back(doc.size());
      size_t a = rng() % (starts.size() - 1);
      size_t b = a + 1 + rng() % std::min<size_t>(4, starts.size() - 1 - a);
      term = doc.substr(starts[a], starts[b] - starts[a]);
    } else {  // anything
      term = random_text(3);
    }
    std::string needle = common::NormalizeForSearch(term);
    if (needle.empty()) continue;
    Ids expected;
    for (size_t i = 0; i < normalized.size(); ++i) {
      if (normalized[i].find(needle) != std::string::npos) expected.push_back(int64_t(i) + 1);
    }
    EXPECT_EQ(db_.Find(term), expected) << "term: [" << term << "]";
    ++checked;
    with_hits += !expected.empty();
  }
  EXPECT_GT(checked, 400);
  EXPECT_GT(with_hits, 200);
}

}  // namespace
}  // namespace storage::sqlite

// JSON text without a DOM must be byte for byte what Boost.JSON's serializer writes.
#include "common/json_text.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <random>

namespace common {
namespace {

std::string Text(std::string_view s) {
  std::string out;
  AppendJsonString(out, s);
  return out;
}

TEST(JsonText, EscapesEveryByteAsBoostJsonDoes) {
  for (int c = 0; c < 256; ++c) {
    std::string s = "a" + std::string(1, static_cast<char>(c)) + "b";
    EXPECT_EQ(Text(s), boost::json::serialize(boost::json::string(s))) << c;
  }
  EXPECT_EQ(Text(""), R"("")");
  EXPECT_EQ(Text("\"\\\n\x01"), R"("\"\\\n\u0001")");
}

TEST(JsonText, WritesRandomStringsAsBoostJsonDoes) {
  std::mt19937 random(20261122);
  const std::string pieces[] = {"日本語", "😀", "\"", "\\", "\n", "\x1f", "\x7f", "</", "\xff"};
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    int n = static_cast<int>(random() % 24);
    for (int k = 0; k < n; ++k) {
      if (random() % 3 == 0) {
        s += pieces[random() % std::size(pieces)];
      } else {
        s += static_cast<char>(random() % 256);
      }
    }
    ASSERT_EQ(Text(s), boost::json::serialize(boost::json::string(s))) << i;
  }
}

// Long strings go eight bytes at a time: every escapable byte at every offset of a word, next
// to multi-byte UTF-8 and bytes just above the escaped range.
TEST(JsonText, EscapesInsideLongStringsAtEveryOffset) {
  const std::string fill = "日本語のテキスト !#~\x7f\x80\xff";
  for (int c : {0x00, 0x01, 0x1f, int{'"'}, int{'\\'}, 0x20, 0x21, int{'/'}, 0x5b, 0x5d}) {
    for (size_t at = 0; at < 40; ++at) {
      std::string s = fill + fill;
      s.insert(at, 1, static_cast<char>(c));
      ASSERT_EQ(Text(s), boost::json::serialize(boost::json::string(s))) << c << " at " << at;
      std::string twice = s;
      twice.insert(at / 2, 1, static_cast<char>(c));
      ASSERT_EQ(Text(twice), boost::json::serialize(boost::json::string(twice))) << c;
    }
  }
  std::mt19937 random(20261123);
  for (int i = 0; i < 2000; ++i) {
    std::string s(8 + random() % 120, 'x');
    for (char& ch : s) {
      if (random() % 16 == 0) ch = static_cast<char>(random() % 256);
    }
    ASSERT_EQ(Text(s), boost::json::serialize(boost::json::string(s))) << i;
  }
}

TEST(JsonText, WritesValuesAsBoostJsonDoes) {
  boost::json::value v = boost::json::parse(R"({
    "a":[1,-2,9223372036854775807,18446744073709551615,0.5,1e300,-0.0,true,false,null],
    "k\"ey\n":{"nested":[[],{},"x\u0001y"]},"日本":"😀"})");
  std::string out;
  AppendJson(out, v);
  EXPECT_EQ(out, boost::json::serialize(v));
}

}  // namespace
}  // namespace common

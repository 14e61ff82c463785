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

// Params::Parse: query string and JSON body merged, and the request arena of record writes.
#include "api/params.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace api {
namespace {

namespace json = boost::json;

bool InArena(const json::storage_ptr& sp) { return sp.is_not_shared_and_deallocate_is_trivial(); }

TEST(Params, BodyWinsOverTheQueryStringAndBothAreKept) {
  for (bool arena : {false, true}) {
    auto p =
        Params::Parse("app=1&query=a&extra=x", R"({"app": 2, "records": [{"a": {"value": "v"}}]})",
                      "application/json", arena);
    ASSERT_TRUE(p.ok()) << arena;
    EXPECT_EQ(json::serialize(p->values().at("app")), "2") << arena;
    EXPECT_EQ(p->values().at("extra"), "x") << arena;
    EXPECT_EQ(p->values().at("query"), "a") << arena;
    EXPECT_EQ(json::serialize(p->values().at("records")), R"([{"a":{"value":"v"}}])") << arena;
  }
}

TEST(Params, AnArenaHoldsEveryValueAndMovesWithTheParams) {
  auto parsed =
      Params::Parse("extra=x", R"({"records": [{"a": {"value": "v"}}]})", "application/json", true);
  ASSERT_TRUE(parsed.ok());
  Params moved = std::move(parsed).value();  // the arena moves along; its values stay valid
  const json::object& values = moved.values();
  EXPECT_TRUE(InArena(values.storage()));
  EXPECT_TRUE(InArena(values.at("extra").storage()));  // copied in from the query string
  const json::value& record = values.at("records").as_array().at(0);
  EXPECT_TRUE(InArena(record.storage()));
  EXPECT_EQ(record.at("a").at("value"), "v");
}

TEST(Params, WithoutAnArenaValuesUseTheDefaultResource) {
  auto p = Params::Parse("", R"({"records": []})", "application/json", false);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(InArena(p->values().storage()));
  EXPECT_FALSE(InArena(p->values().at("records").storage()));
}

TEST(Params, TheRequestTokenIsTakenOutInBothModes) {
  for (bool arena : {false, true}) {
    auto p =
        Params::Parse("", R"({"__REQUEST_TOKEN__": "t0k", "app": 1})", "application/json", arena);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->request_token(), "t0k");
    EXPECT_FALSE(p->values().contains("__REQUEST_TOKEN__"));
  }
}

TEST(Params, AMalformedOrNonObjectBodyIsRefusedInBothModes) {
  for (bool arena : {false, true}) {
    for (const char* body : {R"({"app": )", "[1, 2]", "\"text\""}) {
      auto p = Params::Parse("app=1", body, "application/json", arena);
      ASSERT_FALSE(p.ok()) << body;
      EXPECT_EQ(p.error().code(), common::ErrorCode::kInvalidJson) << body;
    }
  }
}

TEST(Params, AQueryStringAloneNeedsNoArena) {
  auto p = Params::Parse("app=3&ids[0]=1&ids[1]=2", "", "", true);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(InArena(p->values().storage()));
  EXPECT_EQ(json::serialize(p->values().at("ids")), R"(["1","2"])");
}

TEST(Params, TheQueryStringIsPercentDecoded) {
  json::object q = Params::ParseQueryString(
      "query=%E5%8F%97%E4%BB%98%E7%95%AA%E5%8F%B7+%3D+%22R-1%22&a%5Bb%5D=x%2By&bad=%zz%4&end=%41");
  EXPECT_EQ(json::serialize(q.at("query")), R"("受付番号 = \"R-1\"")");
  EXPECT_EQ(json::serialize(q.at("a")), R"({"b":"x+y"})");  // an encoded bracket still nests
  EXPECT_EQ(json::serialize(q.at("bad")), R"("%zz%4")");    // not escapes: kept as sent
  EXPECT_EQ(json::serialize(q.at("end")), R"("A")");
}

}  // namespace
}  // namespace api

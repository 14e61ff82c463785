#include "http/request.h"

#include <gtest/gtest.h>

namespace http {
namespace {

TEST(Request, HeaderLookupIgnoresCase) {
  Request request;
  request.headers = {{"Content-Type", "application/json"}, {"X-Cybozu-API-Token", "abc"}};
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("x-cybozu-api-token"), "abc");
  EXPECT_EQ(request.Header("Missing"), "");
  EXPECT_TRUE(request.HasHeader("CONTENT-TYPE"));
  EXPECT_FALSE(request.HasHeader("Accept"));
}

TEST(Request, HeadersReturnsEveryRepeatedValueInOrder) {
  Request request;
  request.headers = {{"X-Cybozu-API-Token", "a"}, {"Accept", "*/*"}, {"x-cybozu-api-token", "b"}};
  auto values = request.Headers("X-Cybozu-API-Token");
  ASSERT_EQ(values.size(), 2u);
  EXPECT_EQ(values[0], "a");
  EXPECT_EQ(values[1], "b");
  EXPECT_EQ(request.Header("X-Cybozu-API-Token"), "a");
}

TEST(Request, SplitTargetKeepsRawPathAndQuery) {
  std::string path, query;
  SplitTarget("/k/v1/records.json?app=1&query=%E6%97%A5", path, query);
  EXPECT_EQ(path, "/k/v1/records.json");
  EXPECT_EQ(query, "app=1&query=%E6%97%A5");
  SplitTarget("/k/v1/app.json", path, query);
  EXPECT_EQ(path, "/k/v1/app.json");
  EXPECT_EQ(query, "");
  SplitTarget("/a%20b?", path, query);
  EXPECT_EQ(path, "/a%20b");
  EXPECT_EQ(query, "");
}

TEST(Request, SplitTargetStripsAbsoluteFormAuthority) {
  std::string path, query;
  SplitTarget("http://example.com:8080/k/v1/app.json?id=1", path, query);
  EXPECT_EQ(path, "/k/v1/app.json");
  EXPECT_EQ(query, "id=1");
  SplitTarget("HTTPS://example.com", path, query);
  EXPECT_EQ(path, "/");
}

TEST(Request, PercentDecodeDecodesEscapesOnly) {
  std::string out;
  ASSERT_TRUE(PercentDecode("a%2Fb+c%e6%97%a5", out));
  EXPECT_EQ(out, "a/b+c\xe6\x97\xa5");
  EXPECT_FALSE(PercentDecode("bad%2", out));
  EXPECT_FALSE(PercentDecode("bad%zz", out));
}

}  // namespace
}  // namespace http

#include "http/router.h"

#include <gtest/gtest.h>

namespace http {
namespace {

Handler Answer(std::string body) {
  return [body](const Request&) { return Response::Text(200, body); };
}

Request Make(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

class RouterTest : public ::testing::Test {
 protected:
  Router router_{[](const Request& r) { return Response::Text(404, "nf " + r.path); },
                 [](const Request& r) { return Response::Text(405, "na " + r.method); }};
};

TEST_F(RouterTest, DispatchesExactMethodAndPath) {
  router_.Add("GET", "/k/v1/record.json", Answer("get"));
  router_.Add("POST", "/k/v1/record.json", Answer("post"));
  EXPECT_EQ(router_.Handle(Make("GET", "/k/v1/record.json")).body, "get");
  EXPECT_EQ(router_.Handle(Make("POST", "/k/v1/record.json")).body, "post");
}

TEST_F(RouterTest, UnknownPathGoesToCallersNotFound) {
  router_.Add("GET", "/a", Answer("a"));
  Response response = router_.Handle(Make("GET", "/b"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "nf /b");
}

TEST_F(RouterTest, WrongMethodGoesToCallersNotAllowedWithAllowHeader) {
  router_.Add("GET", "/a", Answer("a"));
  router_.Add("PUT", "/a", Answer("a"));
  Response response = router_.Handle(Make("DELETE", "/a"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.body, "na DELETE");
  EXPECT_EQ(response.Header("Allow"), "GET, HEAD, PUT");
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  router_.Add("GET", "/a", Answer("get"));
  EXPECT_EQ(router_.Handle(Make("HEAD", "/a")).body, "get");
  router_.Add("HEAD", "/a", Answer("head"));
  EXPECT_EQ(router_.Handle(Make("HEAD", "/a")).body, "head");
}

TEST_F(RouterTest, LongestPrefixWinsAndExactBeatsPrefix) {
  router_.AddPrefix("", "/k/", Answer("k"));
  router_.AddPrefix("", "/k/guest/", Answer("guest"));
  router_.Add("GET", "/k/v1/app.json", Answer("exact"));
  EXPECT_EQ(router_.Handle(Make("GET", "/k/guest/3/v1/app.json")).body, "guest");
  EXPECT_EQ(router_.Handle(Make("POST", "/k/v1/other.json")).body, "k");
  EXPECT_EQ(router_.Handle(Make("GET", "/k/v1/app.json")).body, "exact");
}

TEST_F(RouterTest, PrefixRouteWithMethodRejectsOthers) {
  router_.AddPrefix("GET", "/assets/", Answer("asset"));
  EXPECT_EQ(router_.Handle(Make("GET", "/assets/x.js")).body, "asset");
  EXPECT_EQ(router_.Handle(Make("POST", "/assets/x.js")).status, 405);
}

TEST_F(RouterTest, FallbackTakesUnmatchedPathsBeforeNotFound) {
  router_.Add("GET", "/a", Answer("a"));
  router_.SetFallback(Answer("spa"));
  EXPECT_EQ(router_.Handle(Make("GET", "/settings/users")).body, "spa");
  EXPECT_EQ(router_.Handle(Make("POST", "/a")).status, 405);
}

TEST(Router, WithoutCallerHandlersAnswersPlainText) {
  Router router(nullptr, nullptr);
  router.Add("GET", "/a", Answer("a"));
  EXPECT_EQ(router.Handle(Make("GET", "/b")).status, 404);
  EXPECT_EQ(router.Handle(Make("POST", "/a")).status, 405);
}

}  // namespace
}  // namespace http

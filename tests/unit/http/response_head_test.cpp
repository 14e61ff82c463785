#include "http/response_head.h"

#include <gtest/gtest.h>

namespace http {
namespace {

TEST(ResponseHead, WritesServerHeadersThenHandlerHeaders) {
  Response response = Response::Text(201, "{}", "application/json");
  response.AddHeader("X-Custom", "1");
  std::string out;
  ResponseHead head;
  head.content_length = 2;
  head.date = "Sun, 06 Nov 1994 08:49:37 GMT";
  head.request_id = "abc";
  AppendResponseHead(out, response, head);
  EXPECT_EQ(out,
            "HTTP/1.1 201 Created\r\n"
            "Server: tsumiki\r\n"
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
            "X-Request-Id: abc\r\n"
            "Content-Length: 2\r\n"
            "Content-Type: application/json\r\n"
            "X-Custom: 1\r\n"
            "\r\n");
}

TEST(ResponseHead, DropsServerOwnedAndInjectedHeaders) {
  Response response;
  response.status = 200;
  response.headers = {{"Content-Length", "999"},
                      {"Transfer-Encoding", "chunked"},
                      {"Set-Cookie", "a=b\r\nX-Evil: 1"},
                      {"Bad Name", "x"},
                      {"X-Ok", "fine\tvalue"}};
  std::string out;
  ResponseHead head;
  head.content_length = 0;
  head.close = true;
  head.date = "d";
  AppendResponseHead(out, response, head);
  EXPECT_EQ(out.find("999"), std::string::npos);
  EXPECT_EQ(out.find("chunked"), std::string::npos);
  EXPECT_EQ(out.find("X-Evil"), std::string::npos);
  EXPECT_EQ(out.find("Bad Name"), std::string::npos);
  EXPECT_NE(out.find("X-Ok: fine\tvalue\r\n"), std::string::npos);
  EXPECT_NE(out.find("Connection: close\r\n"), std::string::npos);
  EXPECT_NE(out.find("Content-Length: 0\r\n"), std::string::npos);
}

TEST(ResponseHead, BodylessStatusesHaveNoContentLength) {
  for (int status : {204, 304}) {
    Response response;
    response.status = status;
    std::string out;
    AppendResponseHead(out, response, ResponseHead{});
    EXPECT_EQ(out.find("Content-Length"), std::string::npos) << status;
  }
}

TEST(ResponseHead, InvalidStatusBecomes500) {
  Response response;
  response.status = 42;
  std::string out;
  AppendResponseHead(out, response, ResponseHead{});
  EXPECT_TRUE(out.starts_with("HTTP/1.1 500 Internal Server Error\r\n"));
}

TEST(ResponseHead, FormatsImfFixdate) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(ResponseHead, WantsCloseSeesHandlersConnectionClose) {
  Response response;
  EXPECT_FALSE(WantsClose(response));
  response.AddHeader("connection", "Close");
  EXPECT_TRUE(WantsClose(response));
}

TEST(ResponseHead, HeaderNamesAreTokensAndValuesHaveNoControlBytes) {
  const std::string tchar = "!#$%&'*+-.^_`|~";
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    const bool token = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c < 128 && tchar.find(ch) != std::string::npos);
    EXPECT_EQ(IsValidHeaderName(std::string(1, ch) + "x"), token) << c;
    const bool visible = c == '\t' || (c >= 0x20 && c != 0x7f);
    EXPECT_EQ(IsValidHeaderValue("a" + std::string(1, ch) + "b"), visible) << c;
  }
  EXPECT_FALSE(IsValidHeaderName(""));
  EXPECT_TRUE(IsValidHeaderValue(""));
  EXPECT_TRUE(IsValidHeaderValue("日本語"));
}

TEST(Response, SetHeaderReplacesEveryCopy) {
  Response response;
  response.AddHeader("Cache-Control", "a");
  response.AddHeader("cache-control", "b");
  response.SetHeader("Cache-Control", "no-store");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("CACHE-CONTROL"), "no-store");
}

TEST(FixedHeaders, AreWrittenAfterTheHandlersHeadersAsMade) {
  static const FixedHeaders kFixed{{"X-Frame-Options", "DENY"}, {"Cache-Control", "no-store"}};
  Response response = Response::Text(200, "{}", "application/json");
  response.fixed_headers = &kFixed;
  response.AddHeader("X-Custom", "1");
  std::string out;
  ResponseHead head;
  head.content_length = 2;
  head.date = "Sun, 06 Nov 1994 08:49:37 GMT";
  AppendResponseHead(out, response, head);
  EXPECT_EQ(out,
            "HTTP/1.1 200 OK\r\n"
            "Server: tsumiki\r\n"
            "Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
            "Content-Length: 2\r\n"
            "Content-Type: application/json\r\n"
            "X-Custom: 1\r\n"
            "X-Frame-Options: DENY\r\n"
            "Cache-Control: no-store\r\n"
            "\r\n");
  EXPECT_EQ(response.Header("cache-control"), "no-store");
  EXPECT_EQ(response.Header("Content-Type"), "application/json");  // the handler's first
  EXPECT_EQ(response.Header("X-Absent"), "");
}

TEST(FixedHeaders, SetHeaderTurnsThemIntoOrdinaryHeadersWithoutDuplicates) {
  static const FixedHeaders kFixed{{"X-Frame-Options", "DENY"}, {"Cache-Control", "no-store"}};
  Response response;
  response.fixed_headers = &kFixed;
  response.SetHeader("cache-control", "max-age=60");
  EXPECT_EQ(response.fixed_headers, nullptr);
  ASSERT_EQ(response.headers.size(), 2u);
  EXPECT_EQ(response.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(response.Header("Cache-Control"), "max-age=60");
}

TEST(FixedHeaders, RefuseWhatCouldSplitTheHeaderBlockOrWhatTheServerWrites) {
  using Init = std::initializer_list<std::pair<std::string_view, std::string_view>>;
  EXPECT_THROW(FixedHeaders(Init{{"X-Ok", "a\r\nSet-Cookie: x=1"}}), std::invalid_argument);
  EXPECT_THROW(FixedHeaders(Init{{"Bad Name", "1"}}), std::invalid_argument);
  EXPECT_THROW(FixedHeaders(Init{{"content-length", "1"}}), std::invalid_argument);
  EXPECT_NO_THROW(FixedHeaders(Init{{"X-Ok", "a b\tc"}}));
}

}  // namespace
}  // namespace http

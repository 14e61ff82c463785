#include "http/static_files.h"

#include <gtest/gtest.h>

#include "http/content_type.h"
#include "test_support.h"

namespace http {
namespace {

using testing::TempDir;
using testing::WriteFile;

Request Get(std::string path, std::string method = "GET") {
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  return request;
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.path() / "web" / "index.html", "<!doctype html>app");
    WriteFile(dir_.path() / "web" / "favicon.ico", "ico");
    WriteFile(dir_.path() / "web" / "assets" / "index-B2xk9Qa1.js", "js");
    WriteFile(dir_.path() / "web" / "assets" / "index-B2xk9Qa1.css", "css");
    WriteFile(dir_.path() / "web" / "assets" / "logo.svg", "svg");
    WriteFile(dir_.path() / "web" / ".env", "SECRET=1");
    WriteFile(dir_.path() / "secret.txt", "outside");
  }

  StaticFiles Files(bool spa = true) {
    return StaticFiles(StaticFilesOptions{dir_ / "web", "/", spa},
                       [](const Request&) { return Response::Text(404, "caller 404"); });
  }

  TempDir dir_;
};

TEST_F(StaticFilesTest, ServesIndexAtRootWithoutCaching) {
  Response response = Files()(Get("/"));
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.file_path.ends_with("/web/index.html"));
  EXPECT_EQ(response.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(response.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(response.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(response.Header("ETag").empty());
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutable) {
  Response response = Files()(Get("/assets/index-B2xk9Qa1.js"));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(response.Header("Cache-Control"), "public, max-age=31536000, immutable");
  Response plain = Files()(Get("/assets/logo.svg"));
  EXPECT_EQ(plain.Header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(plain.Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, ExtensionlessUnknownPathFallsBackToIndex) {
  Response response = Files()(Get("/apps/12/records"));
  EXPECT_EQ(response.status, 200);
  EXPECT_TRUE(response.file_path.ends_with("/web/index.html"));
  EXPECT_EQ(response.Header("Cache-Control"), "no-cache");
}

TEST_F(StaticFilesTest, MissingFileWithExtensionGoesToCallersNotFound) {
  EXPECT_EQ(Files()(Get("/assets/missing-12345678.js")).body, "caller 404");
  EXPECT_EQ(Files(false)(Get("/apps/12")).body, "caller 404");
}

TEST_F(StaticFilesTest, RejectsTraversalAndDotfiles) {
  for (const char* path : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                           "/assets/%2E%2E/%2E%2E/secret.txt", "/.env", "/%2eenv",
                           "/assets\\..\\..\\secret.txt", "/a%00b", "/bad%zz"}) {
    Response response = Files()(Get(path));
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_TRUE(response.file_path.empty()) << path;
  }
}

TEST_F(StaticFilesTest, RejectsSymlinkLeavingTheRoot) {
  std::filesystem::create_symlink(dir_.path() / "secret.txt", dir_.path() / "web" / "link.txt");
  std::filesystem::create_directory_symlink(dir_.path(), dir_.path() / "web" / "up");
  EXPECT_EQ(Files()(Get("/link.txt")).status, 404);
  EXPECT_EQ(Files()(Get("/up/secret.txt")).status, 404);
}

TEST_F(StaticFilesTest, MatchingEtagAnswersNotModified) {
  Response first = Files()(Get("/favicon.ico"));
  EXPECT_EQ(first.Header("Content-Type"), "image/x-icon");
  Request again = Get("/favicon.ico");
  again.headers.emplace_back("If-None-Match", std::string(first.Header("ETag")));
  Response second = Files()(again);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.file_path.empty());
  EXPECT_EQ(second.Header("ETag"), first.Header("ETag"));
}

TEST_F(StaticFilesTest, OnlyGetAndHeadAreServed) {
  EXPECT_EQ(Files()(Get("/", "HEAD")).status, 200);
  EXPECT_EQ(Files()(Get("/", "POST")).body, "caller 404");
}

TEST_F(StaticFilesTest, MountedUnderPrefix) {
  StaticFiles files(StaticFilesOptions{dir_ / "web", "/ui/", true});
  EXPECT_TRUE(files(Get("/ui/assets/logo.svg")).file_path.ends_with("logo.svg"));
  EXPECT_TRUE(files(Get("/ui")).file_path.ends_with("index.html"));
  EXPECT_EQ(files(Get("/other/logo.svg")).status, 404);
}

TEST(StaticFiles, MissingRootAnswersNotFound) {
  StaticFiles files(StaticFilesOptions{"/nonexistent/tsumiki/web", "/", true});
  EXPECT_EQ(files(Get("/")).status, 404);
}

TEST(StaticFiles, RecognisesHashedAssetNames) {
  EXPECT_TRUE(StaticFiles::IsHashedAsset({"assets", "index-B2xk9Qa1.js"}));
  EXPECT_TRUE(StaticFiles::IsHashedAsset({"assets", "vendor.3f9a8b7c.css"}));
  EXPECT_FALSE(StaticFiles::IsHashedAsset({"assets", "logo.svg"}));
  EXPECT_FALSE(StaticFiles::IsHashedAsset({"index-B2xk9Qa1.js"}));
}

TEST(ContentType, CoversTheSinglePageAppsFiles) {
  EXPECT_EQ(ContentTypeForPath("a/index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("x.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("x.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForPath("x.png"), "image/png");
  EXPECT_EQ(ContentTypeForPath("x.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("x.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForPath("x.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("dir.d/noext"), "application/octet-stream");
}

}  // namespace
}  // namespace http

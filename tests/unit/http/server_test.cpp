#include "http/server.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "http/router.h"
#include "http/static_files.h"
#include "test_client.h"
#include "test_support.h"

namespace http {
namespace {

using namespace std::chrono_literals;
using testing::ClientResponse;
using testing::TempDir;
using testing::TestClient;

// A server on 127.0.0.1:0 with a small route table; torn down by the fixture.
class ServerTest : public ::testing::Test {
 protected:
  ServerTest()
      : router_([](const Request& r) { return Response::Text(404, "caller 404 " + r.path); },
                [](const Request&) { return Response::Text(405, "caller 405"); }) {
    router_.Add("GET", "/hello", [](const Request&) { return Response::Text(200, "hello"); });
    router_.Add("POST", "/echo", [](const Request& r) {
      Response response = Response::Text(200, r.body);
      response.AddHeader("X-Query", r.query);
      response.AddHeader("X-Secure", r.secure ? "1" : "0");
      response.AddHeader("X-Remote", r.remote_address);
      return response;
    });
    router_.Add("GET", "/id", [](const Request& r) { return Response::Text(200, r.request_id); });
    router_.Add("GET", "/slow", [this](const Request&) {
      ++slow_started_;
      std::this_thread::sleep_for(slow_time_);
      return Response::Text(200, "slow");
    });
    router_.Add("GET", "/big", [](const Request&) {
      return Response::Text(200, std::string(3 * 1024 * 1024 + 7, 'x'));
    });
    router_.Add("GET", "/throw",
                [](const Request&) -> Response { throw std::runtime_error("boom"); });
    router_.Add("GET", "/file", [this](const Request&) {
      Response response;
      response.file_path = file_path_;
      response.AddHeader("Content-Type", "application/octet-stream");
      return response;
    });
    options_.port = 0;
    options_.io_threads = 2;
    options_.worker_threads = 4;
    options_.access_log = false;
    options_.drain_timeout = 5s;
  }

  ~ServerTest() override {
    if (server_) {
      server_->Stop();
      server_->Wait();
    }
  }

  void StartServer() {
    server_ = std::make_unique<Server>(options_, router_.AsHandler(), [](const Request& r) {
      return Response::Text(200, "caller 413 " + r.path);  // status is forced to 413
    });
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
  }

  Router router_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  std::atomic<int> slow_started_{0};
  std::chrono::milliseconds slow_time_{600};
  std::string file_path_;
};

TEST_F(ServerTest, AnswersRouteWithServerHeaders) {
  options_.access_log = true;
  StartServer();
  TestClient client(server_->port());
  auto response = client.Request("GET", "/hello");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->Header("Server"), "tsumiki");
  EXPECT_EQ(response->Header("Content-Length"), "5");
  EXPECT_EQ(response->Header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_TRUE(response->Header("Date").ends_with(" GMT"));
  EXPECT_EQ(response->Header("X-Request-Id").size(), 20u);
}

TEST_F(ServerTest, UnknownPathAndWrongMethodUseCallersHandlers) {
  StartServer();
  TestClient client(server_->port());
  auto missing = client.Request("GET", "/nope?x=1");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->body, "caller 404 /nope");
  auto wrong = client.Request("DELETE", "/hello");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->body, "caller 405");
  EXPECT_EQ(wrong->Header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, PassesBodyQueryAndPeerToHandler) {
  StartServer();
  TestClient client(server_->port());
  auto response = client.Request("POST", "/echo?app=1&q=%E6%97%A5", "{\"app\":1}",
                                 "Content-Type: application/json\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "{\"app\":1}");
  EXPECT_EQ(response->Header("X-Query"), "app=1&q=%E6%97%A5");
  EXPECT_EQ(response->Header("X-Secure"), "0");
  EXPECT_EQ(response->Header("X-Remote"), "127.0.0.1");
}

TEST_F(ServerTest, HonoursSaneIncomingRequestIdOnly) {
  StartServer();
  TestClient client(server_->port());
  auto kept = client.Request("GET", "/id", "", "X-Request-Id: lb-7f3a.9_Z\r\n");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->body, "lb-7f3a.9_Z");
  EXPECT_EQ(kept->Header("X-Request-Id"), "lb-7f3a.9_Z");
  auto replaced = client.Request("GET", "/id", "", "X-Request-Id: a b<script>\r\n");
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->body.size(), 20u);
  EXPECT_EQ(replaced->Header("X-Request-Id"), replaced->body);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  TestClient client(server_->port());
  for (int i = 0; i < 20; ++i) {
    auto response = client.Request(i % 2 ? "GET" : "POST", i % 2 ? "/hello" : "/echo",
                                   i % 2 ? "" : "body" + std::to_string(i));
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, i % 2 ? "hello" : "body" + std::to_string(i));
    EXPECT_FALSE(response->HasHeader("Connection"));
  }
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  TestClient client(server_->port());
  std::string batch;
  for (int i = 0; i < 10; ++i) {
    std::string body = "n" + std::to_string(i);
    batch += "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) +
             "\r\n\r\n" + body;
  }
  batch += "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ASSERT_TRUE(client.Send(batch));
  for (int i = 0; i < 10; ++i) {
    auto response = client.Read();
    ASSERT_TRUE(response) << i;
    EXPECT_EQ(response->body, "n" + std::to_string(i));
  }
  auto last = client.Read();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->body, "hello");
  EXPECT_EQ(last->Header("Connection"), "close");
  EXPECT_TRUE(client.PeerClosed());
}

TEST_F(ServerTest, HeadAnswersLengthWithoutBody) {
  StartServer();
  TestClient client(server_->port());
  auto head = client.Request("HEAD", "/hello");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->Header("Content-Length"), "5");
  auto next = client.Request("GET", "/hello");  // no stray body bytes in between
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello");
}

TEST_F(ServerTest, BodyOverLimitGets413FromCallerWithoutReadingIt) {
  options_.max_body_bytes = 1000;
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 50000000\r\n\r\n" +
                          std::string(2000, 'a')));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, "caller 413 /echo");
  EXPECT_EQ(response->Header("Connection"), "close");
}

TEST_F(ServerTest, ChunkedBodyOverLimitGets413) {
  options_.max_body_bytes = 1000;
  StartServer();
  TestClient client(server_->port());
  std::string chunk(800, 'b');
  ASSERT_TRUE(
      client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n320\r\n" +
                  chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto response = client.Read();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
}

TEST_F(ServerTest, BodyWithinLimitAfterExpectContinue) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
  ASSERT_TRUE(client.Send("data"));
  auto response = client.Read();  // skips the interim 100
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "data");
}

TEST_F(ServerTest, OversizedHeaderGets431AndMalformedRequestGets400) {
  options_.max_header_bytes = 4096;
  StartServer();
  {
    TestClient client(server_->port());
    ASSERT_TRUE(
        client.Send("GET /hello HTTP/1.1\r\nX-Big: " + std::string(8000, 'h') + "\r\n\r\n"));
    auto response = client.Read();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 431);
  }
  {
    TestClient client(server_->port());
    ASSERT_TRUE(client.Send("NOT HTTP AT ALL\r\n\r\n"));
    auto response = client.Read();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400);
    EXPECT_TRUE(client.PeerClosed());
  }
  TestClient after(server_->port());  // the server is still fine
  EXPECT_EQ(after.Request("GET", "/hello")->status, 200);
}

TEST_F(ServerTest, HandlerExceptionBecomes500AndConnectionSurvives) {
  StartServer();
  TestClient client(server_->port());
  auto response = client.Request("GET", "/throw");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(client.Request("GET", "/hello")->status, 200);
}

TEST_F(ServerTest, LargeBodiesAndFilesArriveIntact) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 300000; ++i) content += static_cast<char>('a' + i % 26);
  testing::WriteFile(dir.path() / "blob.bin", content);
  file_path_ = dir / "blob.bin";
  StartServer();
  TestClient client(server_->port());
  auto big = client.Request("GET", "/big");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->body.size(), 3u * 1024 * 1024 + 7);
  auto file = client.Request("GET", "/file");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->Header("Content-Length"), std::to_string(content.size()));
  EXPECT_EQ(file->body, content);
  auto head = client.Request("HEAD", "/file");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("Content-Length"), std::to_string(content.size()));
  file_path_ = dir / "missing.bin";
  EXPECT_EQ(client.Request("GET", "/file")->status, 404);
}

TEST_F(ServerTest, SlowHandlerDoesNotBlockOthersOnOneIoThread) {
  options_.io_threads = 1;
  slow_time_ = 1500ms;
  StartServer();
  std::vector<std::future<int>> slow;
  for (int i = 0; i < 3; ++i) {
    slow.push_back(std::async(std::launch::async, [port = server_->port()] {
      TestClient client(port);
      auto response = client.Request("GET", "/slow");
      return response ? response->status : 0;
    }));
  }
  while (slow_started_ < 3) std::this_thread::sleep_for(5ms);
  auto begin = std::chrono::steady_clock::now();
  TestClient fast(server_->port());
  auto response = fast.Request("GET", "/hello");
  auto took = std::chrono::steady_clock::now() - begin;
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_LT(took, 1000ms);                    // blocked behind the slow ones it would take 1500 ms
  EXPECT_GE(server_->active_requests(), 3u);  // the fast one may still be finishing
  for (auto& f : slow) EXPECT_EQ(f.get(), 200);
}

TEST_F(ServerTest, StopDrainsInFlightRequestAndRefusesNewConnections) {
  slow_time_ = 800ms;
  StartServer();
  uint16_t port = server_->port();
  TestClient idle(port);
  ASSERT_EQ(idle.Request("GET", "/hello")->status, 200);
  auto in_flight = std::async(std::launch::async, [port] {
    TestClient client(port);
    return client.Request("GET", "/slow");
  });
  while (slow_started_ < 1) std::this_thread::sleep_for(5ms);

  server_->Stop();
  EXPECT_FALSE(TestClient(port).connected());
  EXPECT_TRUE(idle.PeerClosed());  // idle keep-alive connections are closed at once
  auto response = in_flight.get();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "slow");
  EXPECT_EQ(response->Header("Connection"), "close");
  server_->Wait();
  EXPECT_EQ(server_->active_requests(), 0u);
}

TEST_F(ServerTest, DrainTimeoutBoundsStop) {
  slow_time_ = 3000ms;
  options_.drain_timeout = 1s;
  StartServer();
  auto in_flight = std::async(std::launch::async, [port = server_->port()] {
    TestClient client(port);
    return client.Request("GET", "/slow");
  });
  while (slow_started_ < 1) std::this_thread::sleep_for(5ms);
  auto begin = std::chrono::steady_clock::now();
  server_->Stop();
  EXPECT_FALSE(in_flight.get());  // closed before the handler finished
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 2500ms);
  server_->Wait();  // joins the worker that was still sleeping
}

TEST_F(ServerTest, IdleAndSlowClientsTimeOut) {
  options_.keep_alive_timeout = 1s;
  options_.read_timeout = 1s;
  StartServer();
  TestClient idle(server_->port());
  ASSERT_EQ(idle.Request("GET", "/hello")->status, 200);
  TestClient slowloris(server_->port());
  ASSERT_TRUE(slowloris.Send("GET /hello HTTP/1.1\r\nHost: x\r\n"));
  std::this_thread::sleep_for(1500ms);
  EXPECT_TRUE(idle.PeerClosed());
  EXPECT_TRUE(slowloris.PeerClosed());
}

TEST_F(ServerTest, Http10ClosesUnlessKeepAliveAsked) {
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.Send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto kept = client.Read();
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->Header("Connection"), "keep-alive");
  ASSERT_TRUE(client.Send("GET /hello HTTP/1.0\r\n\r\n"));
  auto closed = client.Read();
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->body, "hello");
  EXPECT_TRUE(client.PeerClosed());
}

TEST_F(ServerTest, ServesStaticFilesWithSpaFallback) {
  TempDir dir;
  testing::WriteFile(dir.path() / "index.html", "<html>spa</html>");
  testing::WriteFile(dir.path() / "assets" / "app-Ab12Cd34.js", "console.log(1)");
  testing::WriteFile(dir.path() / "secret.txt", "no");
  StaticFiles files(StaticFilesOptions{dir / "", "/", true},
                    [](const Request&) { return Response::Text(404, "caller 404"); });
  router_.SetFallback(files.AsHandler());
  StartServer();
  TestClient client(server_->port());
  auto asset = client.Request("GET", "/assets/app-Ab12Cd34.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->body, "console.log(1)");
  EXPECT_EQ(asset->Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(asset->Header("Cache-Control"), "public, max-age=31536000, immutable");
  auto route = client.Request("GET", "/apps/3/show");
  ASSERT_TRUE(route);
  EXPECT_EQ(route->body, "<html>spa</html>");
  EXPECT_EQ(route->Header("X-Content-Type-Options"), "nosniff");
  auto head = client.Request("HEAD", "/");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("Content-Length"), "16");
  auto etag = client.Request("GET", "/", "", "If-None-Match: " + head->Header("ETag") + "\r\n");
  ASSERT_TRUE(etag);
  EXPECT_EQ(etag->status, 304);
  auto escape = client.Request("GET", "/assets/%2e%2e/%2e%2e/etc/passwd");
  ASSERT_TRUE(escape);
  EXPECT_EQ(escape->body, "caller 404");
  // Raw "../" that a browser would have normalised away.
  auto raw = client.Request("GET", "/assets/../../secret.txt");
  ASSERT_TRUE(raw);
  EXPECT_EQ(raw->status, 404);
}

TEST_F(ServerTest, ServesHttpsWithSelfSignedCertificate) {
  TempDir dir;
  ASSERT_TRUE(testing::MakeSelfSignedCertificate(dir.path()));
  options_.tls_cert_file = dir / "cert.pem";
  options_.tls_key_file = dir / "key.pem";
  StartServer();
  TestClient client(server_->port());
  ASSERT_TRUE(client.StartTls());
  for (int i = 0; i < 3; ++i) {
    auto response = client.Request("POST", "/echo", "secret");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, "secret");
    EXPECT_EQ(response->Header("X-Secure"), "1");
  }
  TestClient plain(server_->port());  // plain HTTP on the TLS port gets nothing useful
  ASSERT_TRUE(plain.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n"));
  auto garbage = plain.Read();
  EXPECT_TRUE(!garbage || garbage->status != 200);
}

TEST_F(ServerTest, StartFailsClearly) {
  options_.tls_cert_file = "/nonexistent/cert.pem";
  Server half(options_, router_.AsHandler());
  common::Status status = half.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().detail().find("certificate and a key"), std::string::npos);

  options_.tls_cert_file.clear();
  StartServer();
  ServerOptions taken = options_;
  taken.port = server_->port();
  Server second(taken, router_.AsHandler());
  status = second.Start();
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().detail().find("cannot bind"), std::string::npos);
}

TEST_F(ServerTest, ShutdownSignalStopsServer) {
  StartServer();
  struct sigaction before {};
  sigaction(SIGTERM, nullptr, &before);
  auto waiter = std::async(std::launch::async, [this] {
    WaitForShutdownSignal(*server_);
    server_->Wait();
  });
  // Signal only once the watcher's handler is installed, or SIGTERM would end the test run.
  for (;;) {
    struct sigaction now {};
    sigaction(SIGTERM, nullptr, &now);
    if (now.sa_handler != before.sa_handler) break;
    std::this_thread::sleep_for(1ms);
  }
  ::kill(::getpid(), SIGTERM);
  ASSERT_EQ(waiter.wait_for(10s), std::future_status::ready);
  EXPECT_FALSE(TestClient(server_->port()).connected());
}

TEST_F(ServerTest, StopFromHandlerThreadWorks) {
  router_.Add("POST", "/quit", [this](const Request&) {
    server_->Stop();
    return Response::Text(200, "bye");
  });
  StartServer();
  TestClient client(server_->port());
  auto response = client.Request("POST", "/quit");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "bye");
  EXPECT_EQ(response->Header("Connection"), "close");
  server_->Wait();
}

}  // namespace
}  // namespace http

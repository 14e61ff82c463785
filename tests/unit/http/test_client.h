// A deliberately small blocking HTTP/1.1 client over POSIX sockets (and OpenSSL for HTTPS)
// so the server tests see raw bytes on the wire. One client per test thread. Header-only:
// the test build compiles only *_test.cpp files.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/request.h"

namespace http::testing {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::string Header(std::string_view name) const;
  bool HasHeader(std::string_view name) const;
};

class TestClient {
 public:
  // Connects to 127.0.0.1:port; connected() tells whether it worked.
  explicit TestClient(uint16_t port, int timeout_ms = 5000);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  // TLS handshake over the connection, trusting any certificate.
  bool StartTls();
  bool Send(std::string_view bytes);
  // Reads one response; `head_request` means no body follows the headers.
  std::optional<ClientResponse> Read(bool head_request = false);
  // Sends "METHOD path" with a Host header, `extra` header lines and `body`, reads the answer.
  std::optional<ClientResponse> Request(std::string_view method, std::string_view path,
                                        std::string_view body = "", std::string_view extra = "");
  // True once the server has closed the connection (reads return end of stream).
  bool PeerClosed();

 private:
  long RawRead(char* data, size_t size);
  bool Fill();  // appends at least one byte to buffer_, false on EOF or error

  int fd_ = -1;
  SSL_CTX* ssl_context_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string buffer_;
};

inline std::string ClientResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

inline bool ClientResponse::HasHeader(std::string_view name) const {
  for (const auto& header : headers) {
    if (EqualsIgnoreCase(header.first, name)) return true;
  }
  return false;
}

inline TestClient::TestClient(uint16_t port, int timeout_ms) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
}

inline TestClient::~TestClient() {
  if (ssl_) SSL_free(ssl_);
  if (ssl_context_) SSL_CTX_free(ssl_context_);
  if (fd_ >= 0) ::close(fd_);
}

inline bool TestClient::StartTls() {
  ssl_context_ = SSL_CTX_new(TLS_client_method());
  SSL_CTX_set_verify(ssl_context_, SSL_VERIFY_NONE, nullptr);
  ssl_ = SSL_new(ssl_context_);
  SSL_set_fd(ssl_, fd_);
  SSL_set_tlsext_host_name(ssl_, "localhost");
  return SSL_connect(ssl_) == 1;
}

inline bool TestClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    long n = ssl_ ? SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()))
                  : ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

inline long TestClient::RawRead(char* data, size_t size) {
  if (ssl_) return SSL_read(ssl_, data, static_cast<int>(size));
  return ::recv(fd_, data, size, 0);
}

inline bool TestClient::Fill() {
  char chunk[16384];
  long n = RawRead(chunk, sizeof chunk);
  if (n <= 0) return false;
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

inline std::optional<ClientResponse> TestClient::Read(bool head_request) {
  size_t end;
  while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
    if (!Fill()) return std::nullopt;
  }
  std::string head = buffer_.substr(0, end + 2);
  buffer_.erase(0, end + 4);
  ClientResponse response;
  size_t line_end = head.find("\r\n");
  std::string status_line = head.substr(0, line_end);
  if (status_line.size() < 12) return std::nullopt;
  response.status = std::atoi(status_line.c_str() + 9);
  for (size_t at = line_end + 2; at < head.size();) {
    size_t next = head.find("\r\n", at);
    std::string line = head.substr(at, next - at);
    size_t colon = line.find(':');
    std::string value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    response.headers.emplace_back(line.substr(0, colon), value);
    at = next + 2;
  }
  if (response.status == 100) return Read(head_request);  // interim response
  if (head_request || response.status == 204 || response.status == 304) return response;
  size_t length = static_cast<size_t>(std::atoll(response.Header("Content-Length").c_str()));
  while (buffer_.size() < length) {
    if (!Fill()) return std::nullopt;
  }
  response.body = buffer_.substr(0, length);
  buffer_.erase(0, length);
  return response;
}

inline std::optional<ClientResponse> TestClient::Request(std::string_view method,
                                                         std::string_view path,
                                                         std::string_view body,
                                                         std::string_view extra) {
  std::string request;
  request.append(method).append(" ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
  request.append(extra);
  if (!body.empty() || method == "POST" || method == "PUT") {
    request.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  request.append("\r\n").append(body);
  if (!Send(request)) return std::nullopt;
  return Read(method == "HEAD");
}

inline bool TestClient::PeerClosed() {
  if (!buffer_.empty()) return false;
  char c;
  long n = RawRead(&c, 1);
  return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

}  // namespace http::testing

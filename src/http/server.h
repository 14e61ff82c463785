// The HTTP/1.1 (and HTTPS) server: io threads do network I/O only, handlers run on a worker
// pool. Owns its threads and sockets. Start/Stop/Wait are thread-safe; Stop may be called
// from a handler or a signal watcher. No Beast or Asio types appear here on purpose.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "http/handler.h"

namespace http {

struct ServerOptions {
  std::string host = "127.0.0.1";  // IPv4/IPv6 literal or a name resolving to one
  uint16_t port = 8080;            // 0 = any free port; see Server::port()
  int io_threads = 0;              // 0 = hardware threads
  // Handlers run on two pools: this many threads for GET/HEAD/OPTIONS, twice as many for every
  // other method, so requests waiting for the database's single writer (they mostly wait, and
  // the more wait the more commit together) never hold up reads.
  // 0 = max(4, 2 * hardware threads).
  int worker_threads = 0;
  // GET paths answered on the io thread, never queued behind busy workers (health checks):
  // their handlers must be instant and never block.
  std::vector<std::string> inline_paths = {"/healthz"};
  size_t max_body_bytes = 110u * 1024 * 1024;
  size_t max_header_bytes = 64u * 1024;         // request line + headers
  std::chrono::seconds keep_alive_timeout{65};  // idle time between requests
  std::chrono::seconds read_timeout{30};        // whole header; each body read; each write
  std::chrono::seconds drain_timeout{30};       // Stop(): how long in-flight requests may finish
  std::string tls_cert_file;  // PEM chain; with tls_key_file set, serve HTTPS only
  std::string tls_key_file;
  bool access_log = true;  // one info line per request
};

class Server {
 public:
  // `handler` answers every request. `on_too_large` answers a request whose body exceeds
  // max_body_bytes (it sees method, path and headers, no body); the status is forced to
  // 413. Without it a plain-text 413 is sent. Malformed requests get plain 400/431.
  Server(ServerOptions options, Handler handler, Handler on_too_large = nullptr);
  ~Server();  // Stop() and Wait() if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listener, loads the TLS certificate, starts the threads, and returns.
  common::Status Start();
  // Start() then Wait(): blocks until Stop() has drained every connection.
  common::Status Run();
  // Stops accepting (the listener is closed when this returns, unless called on an io
  // thread), closes idle keep-alive connections, lets in-flight requests finish within
  // drain_timeout, then lets Wait() return. Idempotent; never blocks on the drain.
  void Stop();
  // Blocks until the server has fully stopped and its threads are joined.
  void Wait();

  // The bound port (useful with port 0); 0 before Start().
  uint16_t port() const;
  // Requests currently being handled (read, run or written).
  size_t active_requests() const;

 private:
  friend void WaitForShutdownSignal(Server& server);
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks until SIGINT or SIGTERM arrives (then calls server.Stop()) or the server stops by
// itself. A second signal after this returns kills the process the default way.
void WaitForShutdownSignal(Server& server);

}  // namespace http

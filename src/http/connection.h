// Server internals (not for api/): a connection serves its requests in order on one
// single-threaded io_context; the registry, guarded by its mutex, lets Stop() reach every
// live connection.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "http/handler.h"
#include "http/server.h"
#include "http/worker_pool.h"

namespace http {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  virtual ~Connection() = default;
  // Both post to the connection's io_context, so they are safe from any thread.
  virtual void CloseIfIdle() = 0;  // waiting for a next request: close now
  virtual void Close() = 0;        // whatever it is doing
};

class ConnectionRegistry {
 public:
  void Add(Connection* connection);
  void Remove(Connection* connection);
  size_t size() const;
  // Calls `fn` on every live connection, outside the lock.
  void ForEach(const std::function<void(Connection&)>& fn) const;

 private:
  mutable std::mutex mutex_;
  std::unordered_set<Connection*> connections_;  // guarded by mutex_
};

// What every connection shares with the server; outlives all connections.
struct ConnectionContext {
  const ServerOptions& options;
  const Handler& handler;
  const Handler& on_too_large;
  WorkerPool& pool;        // GET, HEAD, OPTIONS
  WorkerPool& write_pool;  // every other method
  ConnectionRegistry& registry;
  const std::atomic<bool>& stopping;
  std::atomic<size_t>& active_requests;
};

// Starts serving `socket` on the io_context it is bound to; over TLS if `tls` is non-null.
void StartConnection(ConnectionContext& context, boost::asio::ip::tcp::socket socket,
                     boost::asio::ssl::context* tls);

}  // namespace http

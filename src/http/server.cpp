#include "http/server.h"

#include <openssl/ssl.h>

#include <algorithm>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/log.h"
#include "http/connection.h"

namespace http {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

int DefaultIoThreads() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

common::Error StartError(std::string detail) {
  return common::Error::Internal("http server: " + std::move(detail));
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Handler handler, Handler on_too_large)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        on_too_large_(std::move(on_too_large)),
        io_threads_(options_.io_threads > 0 ? options_.io_threads : DefaultIoThreads()),
        worker_threads_(options_.worker_threads > 0 ? options_.worker_threads
                                                    : std::max(4, 2 * DefaultIoThreads())),
        contexts_(MakeContexts(io_threads_)) {}

  common::Status Start();
  void Stop();
  void Wait();
  uint16_t port() const { return port_.load(); }
  size_t active_requests() const { return active_requests_.load(); }
  bool finished() const { return finished_.load(); }

 private:
  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int count);
  bool OnIoThread() const;
  common::Status Listen();
  common::Status LoadCertificate();
  asio::awaitable<void> Accept();
  asio::awaitable<void> Drain();
  void RunIoThread(asio::io_context& context);

  // One single-threaded io_context per io thread: a connection lives on one of them, so
  // it needs no strand, and a completion posted back wakes only its own thread.
  // Declaration order is destruction order in reverse: connections (owned by pending
  // handlers in contexts_) unregister from registry_ and use tls_, so both outlive the
  // contexts; the pool's tasks post into the contexts, so the pool dies first.
  ServerOptions options_;
  Handler handler_;
  Handler on_too_large_;
  int io_threads_;
  int worker_threads_;
  ConnectionRegistry registry_;
  std::optional<asio::ssl::context> tls_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> finished_{false};
  std::atomic<size_t> active_requests_{0};
  std::atomic<uint16_t> port_{0};
  std::vector<std::unique_ptr<asio::io_context>> contexts_;  // [0] also runs accept and drain
  std::optional<tcp::acceptor> acceptor_;                    // used on contexts_[0] only
  size_t next_context_ = 0;                                  // used on contexts_[0] only
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::optional<WorkerPool> pool_;
  std::optional<WorkerPool> write_pool_;
  std::optional<ConnectionContext> context_;
  std::vector<std::thread> threads_;
  std::mutex start_mutex_;  // held briefly: Start against Stop
  bool started_ = false;    // guarded by start_mutex_
  std::mutex join_mutex_;   // held while joining: one Wait at a time
  std::atomic<bool> joined_{false};
};

common::Status Server::Impl::Listen() {
  boost::system::error_code ec;
  asio::ip::address address = asio::ip::make_address(options_.host, ec);
  if (ec) {
    tcp::resolver resolver(*contexts_[0]);
    auto results = resolver.resolve(options_.host, "", ec);
    if (ec || results.empty()) {
      return StartError("cannot resolve host '" + options_.host + "': " + ec.message());
    }
    address = results.begin()->endpoint().address();
  }
  tcp::endpoint endpoint(address, options_.port);
  std::string where = options_.host + ":" + std::to_string(options_.port);
  tcp::acceptor acceptor(*contexts_[0]);
  if (acceptor.open(endpoint.protocol(), ec)) return StartError("socket: " + ec.message());
  acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (acceptor.bind(endpoint, ec)) return StartError("cannot bind " + where + ": " + ec.message());
  if (acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    return StartError("cannot listen on " + where + ": " + ec.message());
  }
  port_ = acceptor.local_endpoint(ec).port();
  acceptor_.emplace(std::move(acceptor));
  return {};
}

common::Status Server::Impl::LoadCertificate() {
  if (options_.tls_cert_file.empty() && options_.tls_key_file.empty()) return {};
  if (options_.tls_cert_file.empty() || options_.tls_key_file.empty()) {
    return StartError("TLS needs both a certificate and a key file");
  }
  asio::ssl::context context(asio::ssl::context::tls_server);
  boost::system::error_code ec;
  context.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use,
                      ec);
  SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
  if (context.use_certificate_chain_file(options_.tls_cert_file, ec)) {
    return StartError("TLS certificate " + options_.tls_cert_file + ": " + ec.message());
  }
  if (context.use_private_key_file(options_.tls_key_file, asio::ssl::context::pem, ec)) {
    return StartError("TLS key " + options_.tls_key_file + ": " + ec.message());
  }
  if (SSL_CTX_check_private_key(context.native_handle()) != 1) {
    return StartError("TLS key " + options_.tls_key_file + " does not match the certificate");
  }
  tls_.emplace(std::move(context));
  return {};
}

common::Status Server::Impl::Start() {
  std::lock_guard lock(start_mutex_);
  if (started_) return StartError("already started");
  TK_RETURN_IF_ERROR(LoadCertificate());
  TK_RETURN_IF_ERROR(Listen());
  started_ = true;
  pool_.emplace(worker_threads_);
  write_pool_.emplace(2 * worker_threads_);
  context_.emplace(ConnectionContext{options_, handler_, on_too_large_, *pool_, *write_pool_,
                                     registry_, stopping_, active_requests_});
  for (auto& context : contexts_) work_.push_back(asio::make_work_guard(*context));
  asio::co_spawn(*contexts_[0], Accept(), [](std::exception_ptr error) {
    if (error) common::LogError("http: accept loop ended unexpectedly; not accepting");
  });
  threads_.reserve(contexts_.size());
  for (auto& context : contexts_) {
    threads_.emplace_back([this, &context = *context] { RunIoThread(context); });
  }
  bool v6 = options_.host.find(':') != std::string::npos;
  common::LogInfo("http: listening on " + (v6 ? "[" + options_.host + "]" : options_.host) + ":" +
                  std::to_string(port_.load()) + (tls_ ? " (https)" : " (http)") + " io_threads=" +
                  std::to_string(io_threads_) + " workers=" + std::to_string(worker_threads_) +
                  "+" + std::to_string(2 * worker_threads_));
  return {};
}

std::vector<std::unique_ptr<asio::io_context>> Server::Impl::MakeContexts(int count) {
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int i = 0; i < count; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
  return contexts;
}

bool Server::Impl::OnIoThread() const {
  for (const auto& context : contexts_) {
    if (context->get_executor().running_in_this_thread()) return true;
  }
  return false;
}

void Server::Impl::RunIoThread(asio::io_context& context) {
  for (;;) {
    try {
      context.run();
      return;
    } catch (const std::exception& e) {
      common::LogError(std::string("http: io thread caught: ") + e.what());
    }
  }
}

asio::awaitable<void> Server::Impl::Accept() {
  for (;;) {
    // Connections go to the io threads in turn.
    asio::any_io_executor executor = contexts_[next_context_++ % contexts_.size()]->get_executor();
    auto [ec, socket] = co_await acceptor_->async_accept(executor, kNoThrow);
    if (stopping_.load() || !acceptor_->is_open()) co_return;
    if (ec) {
      // Out of descriptors or a connection reset before accept: back off, keep serving.
      common::LogWarn("http: accept failed: " + ec.message());
      asio::steady_timer pause(*contexts_[0], std::chrono::milliseconds(50));
      co_await pause.async_wait(kNoThrow);
      continue;
    }
    try {
      StartConnection(*context_, std::move(socket), tls_ ? &*tls_ : nullptr);
    } catch (const std::exception& e) {
      common::LogError(std::string("http: cannot start connection: ") + e.what());
    }
  }
}

void Server::Impl::Stop() {
  {
    std::lock_guard lock(start_mutex_);
    if (!started_ || joined_.load()) return;
  }
  if (stopping_.exchange(true)) return;
  auto begin = [this] {
    boost::system::error_code ec;
    acceptor_->close(ec);
    registry_.ForEach([](Connection& connection) { connection.CloseIfIdle(); });
    asio::co_spawn(*contexts_[0], Drain(), asio::detached);
  };
  if (OnIoThread()) {
    asio::post(*contexts_[0], begin);  // waiting here could deadlock the io thread
    return;
  }
  std::promise<void> closed;
  asio::post(*contexts_[0], [&] {
    begin();
    closed.set_value();
  });
  closed.get_future().wait();
}

asio::awaitable<void> Server::Impl::Drain() {
  using std::chrono::steady_clock;
  asio::steady_timer timer(*contexts_[0]);
  auto wait_until = [&](steady_clock::time_point deadline) -> asio::awaitable<void> {
    while (registry_.size() > 0 && steady_clock::now() < deadline) {
      timer.expires_after(std::chrono::milliseconds(10));
      co_await timer.async_wait(kNoThrow);
    }
  };
  co_await wait_until(steady_clock::now() + options_.drain_timeout);
  if (size_t left = registry_.size(); left > 0) {
    common::LogWarn("http: drain timeout, closing " + std::to_string(left) + " connections");
    registry_.ForEach([](Connection& connection) { connection.Close(); });
    co_await wait_until(steady_clock::now() + std::chrono::seconds(1));
  }
  work_.clear();
  for (auto& context : contexts_) context->stop();
  finished_ = true;
}

void Server::Impl::Wait() {
  {
    std::lock_guard lock(start_mutex_);
    if (!started_) return;
  }
  std::lock_guard lock(join_mutex_);
  if (joined_.load()) return;
  for (std::thread& thread : threads_) thread.join();
  // Handlers still running after a drain timeout finish here; their results are dropped.
  pool_->Join();
  write_pool_->Join();
  joined_ = true;
  finished_ = true;
  common::LogInfo("http: stopped");
}

Server::Server(ServerOptions options, Handler handler, Handler on_too_large)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler),
                                   std::move(on_too_large))) {}

Server::~Server() {
  impl_->Stop();
  impl_->Wait();
}

common::Status Server::Start() { return impl_->Start(); }

common::Status Server::Run() {
  TK_RETURN_IF_ERROR(impl_->Start());
  impl_->Wait();
  return {};
}

void Server::Stop() { impl_->Stop(); }
void Server::Wait() { impl_->Wait(); }
uint16_t Server::port() const { return impl_->port(); }
size_t Server::active_requests() const { return impl_->active_requests(); }

void WaitForShutdownSignal(Server& server) {
  asio::io_context ioc;
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  bool signalled = false;
  signals.async_wait([&](const boost::system::error_code& ec, int number) {
    if (ec) return;
    signalled = true;
    common::LogInfo("http: signal " + std::to_string(number) + ", shutting down");
  });
  while (!signalled && !server.impl_->finished()) ioc.run_for(std::chrono::milliseconds(200));
  if (signalled) server.Stop();
}

}  // namespace http

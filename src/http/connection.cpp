#include "http/connection.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/file.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "common/log.h"
#include "common/random.h"
#include "http/response_head.h"

namespace http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr size_t kFirstReadBytes = 4096;
constexpr size_t kInlineBodyBytes = 64 * 1024;  // smaller bodies go out with the head
constexpr size_t kWriteChunkBytes = 1024 * 1024;
constexpr size_t kFileChunkBytes = 64 * 1024;
constexpr size_t kKeepCapacityBytes = 256 * 1024;  // per-connection buffers kept between requests
constexpr std::chrono::seconds kLingerTime{2};
constexpr size_t kLingerBytes = 8 * 1024 * 1024;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// An incoming X-Request-Id is reused only if it cannot disturb a log line.
bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// Runs `handler` on the worker pool and resumes the awaiting coroutine on its own executor
// with the response, or with the exception the handler threw.
template <typename Token>
auto AsyncInvoke(WorkerPool& pool, const Handler& handler, const Request& request, Token&& token) {
  return asio::async_initiate<Token, void(std::exception_ptr, Response)>(
      [&pool, &handler, &request](auto completion) {
        pool.Post(Task([&handler, &request, completion = std::move(completion)]() mutable {
          std::exception_ptr error;
          Response response;
          try {
            response = handler(request);
          } catch (...) {
            error = std::current_exception();
          }
          auto executor = asio::get_associated_executor(completion);
          asio::post(executor, [completion = std::move(completion), error,
                                response = std::move(response)]() mutable {
            std::move(completion)(error, std::move(response));
          });
        }));
      },
      token);
}

class ActiveRequest {
 public:
  explicit ActiveRequest(std::atomic<size_t>& counter) : counter_(counter) { ++counter_; }
  ~ActiveRequest() { --counter_; }
  ActiveRequest(const ActiveRequest&) = delete;
  ActiveRequest& operator=(const ActiveRequest&) = delete;

 private:
  std::atomic<size_t>& counter_;
};

enum class Next { kKeepAlive, kClose, kLingerClose };

template <class Stream>
class Session final : public Connection {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  Session(ConnectionContext& context, Stream stream, std::string remote)
      : context_(context), stream_(std::move(stream)), remote_(std::move(remote)) {
    context_.registry.Add(this);
  }
  ~Session() override { context_.registry.Remove(this); }

  void Begin() {
    auto self = std::static_pointer_cast<Session>(shared_from_this());
    asio::co_spawn(stream_.get_executor(), Run(self), [](std::exception_ptr error) {
      if (!error) return;
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        common::LogError(std::string("http: connection failed: ") + e.what());
      }
    });
  }

  void CloseIfIdle() override {
    auto self = shared_from_this();
    asio::post(stream_.get_executor(), [self, this] {
      if (idle_) Lowest().cancel();
    });
  }

  void Close() override {
    auto self = shared_from_this();
    asio::post(stream_.get_executor(), [self, this] { Lowest().close(); });
  }

 private:
  PlainStream& Lowest() { return beast::get_lowest_layer(stream_); }

  asio::awaitable<void> Run(std::shared_ptr<Session> self);
  asio::awaitable<Next> ServeOne();
  asio::awaitable<Next> Reply(Response response, bool close, Clock::time_point start);
  asio::awaitable<Next> RejectTooLarge(Clock::time_point start);
  asio::awaitable<Next> RejectMalformed(int status, Clock::time_point start);
  asio::awaitable<Response> Invoke(const Handler& handler);
  asio::awaitable<bool> Write(asio::const_buffer buffer);
  asio::awaitable<void> Shutdown(bool linger);
  void FillRequestHead(const bhttp::request<bhttp::string_body>& message);
  std::string_view Date();
  void NewRequestId();
  void LogAccess(int status, uint64_t bytes, Clock::time_point start);

  ConnectionContext& context_;
  Stream stream_;
  std::string remote_;
  bool idle_ = false;      // waiting for the first byte of a request; io thread only
  unsigned version_ = 11;  // of the current request: 10 means HTTP/1.0
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request request_;  // reused across requests to keep string capacity
  std::string head_;
  std::unique_ptr<char[]> file_chunk_;
  std::string id_prefix_ = common::RandomId(12);
  uint64_t requests_ = std::stoull(common::RandomHex(8), nullptr, 16);  // counter, random start
  std::time_t date_second_ = 0;
  std::string date_;
};

template <class Stream>
asio::awaitable<void> Session<Stream>::Run(std::shared_ptr<Session> self) {
  (void)self;  // keeps the session alive for the coroutine's lifetime
  try {
    if constexpr (kTls) {
      Lowest().expires_after(context_.options.read_timeout);
      auto [ec] = co_await stream_.async_handshake(asio::ssl::stream_base::server, kNoThrow);
      if (ec) {
        common::Log(common::LogLevel::kDebug, "http: TLS handshake failed: " + ec.message());
        co_return;
      }
    }
    Next next = Next::kKeepAlive;
    while (next == Next::kKeepAlive) next = co_await ServeOne();
    co_await Shutdown(next == Next::kLingerClose);
  } catch (const std::exception& e) {
    // A misbehaving client must never take the server down.
    common::LogWarn(std::string("http: connection from ") + remote_ + " failed: " + e.what());
  }
}

template <class Stream>
asio::awaitable<Next> Session<Stream>::ServeOne() {
  const ServerOptions& options = context_.options;
  if (buffer_.size() == 0) {
    if (context_.stopping.load()) co_return Next::kClose;
    if (buffer_.capacity() > kKeepCapacityBytes) buffer_.shrink_to_fit();
    idle_ = true;
    Lowest().expires_after(options.keep_alive_timeout);
    auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(kFirstReadBytes), kNoThrow);
    idle_ = false;
    if (ec) co_return Next::kClose;  // closed, idle timeout, or Stop()
    buffer_.commit(n);
  }

  ActiveRequest active(context_.active_requests);
  Clock::time_point start = Clock::now();
  parser_.emplace();
  parser_->header_limit(
      static_cast<uint32_t>(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
  parser_->body_limit(boost::none);  // checked below, after the header, to answer 413
  Lowest().expires_after(options.read_timeout);
  auto [ec, n] = co_await bhttp::async_read_header(stream_, buffer_, *parser_, kNoThrow);
  if (ec == bhttp::error::header_limit) co_return co_await RejectMalformed(431, start);
  if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::eof ||
      ec == asio::error::connection_reset) {
    co_return Next::kClose;
  }
  if (ec) co_return co_await RejectMalformed(400, start);

  FillRequestHead(parser_->get());
  if (auto length = parser_->content_length(); length && *length > options.max_body_bytes) {
    co_return co_await RejectTooLarge(start);
  }
  parser_->body_limit(options.max_body_bytes);
  if (!parser_->is_done()) {
    if (parser_->get().version() >= 11 &&
        EqualsIgnoreCase(request_.Header("Expect"), "100-continue")) {
      static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
      if (!co_await Write(asio::buffer(kContinue.data(), kContinue.size()))) co_return Next::kClose;
    }
    while (!parser_->is_done()) {
      Lowest().expires_after(options.read_timeout);
      auto [read_ec, read_n] =
          co_await bhttp::async_read_some(stream_, buffer_, *parser_, kNoThrow);
      if (read_ec == bhttp::error::body_limit) co_return co_await RejectTooLarge(start);
      if (read_ec == bhttp::error::end_of_stream || read_ec == beast::error::timeout ||
          read_ec == asio::error::operation_aborted || read_ec == asio::error::eof ||
          read_ec == asio::error::connection_reset) {
        co_return Next::kClose;
      }
      if (read_ec) co_return co_await RejectMalformed(400, start);
    }
  }
  request_.body = std::move(parser_->get().body());
  bool keep_alive = parser_->get().keep_alive();
  parser_.reset();

  Response response = co_await Invoke(context_.handler);
  if (request_.body.capacity() > kKeepCapacityBytes) std::string().swap(request_.body);
  bool close = !keep_alive || context_.stopping.load() || WantsClose(response);
  co_return co_await Reply(std::move(response), close, start);
}

template <class Stream>
asio::awaitable<Response> Session<Stream>::Invoke(const Handler& handler) {
  const std::string& method = request_.method;
  bool reads = method == "GET" || method == "HEAD" || method == "OPTIONS";
  try {
    if (reads &&
        std::find(context_.options.inline_paths.begin(), context_.options.inline_paths.end(),
                  request_.path) != context_.options.inline_paths.end()) {
      co_return handler(request_);
    }
    co_return co_await AsyncInvoke(reads ? context_.pool : context_.write_pool, handler, request_,
                                   asio::use_awaitable);
  } catch (const std::exception& e) {
    common::LogError("http: handler for " + request_.method + " " + request_.path +
                     " threw: " + e.what() + " id=" + request_.request_id);
  }
  co_return Response::Text(500, "internal server error\n");
}

template <class Stream>
asio::awaitable<Next> Session<Stream>::RejectTooLarge(Clock::time_point start) {
  parser_.reset();
  request_.body.clear();
  // No co_await inside ?: — g++ 12 miscompiles that in coroutines.
  Response response;
  if (context_.on_too_large) {
    response = co_await Invoke(context_.on_too_large);
  } else {
    response = Response::Text(413, "request body too large\n");
  }
  response.status = 413;
  Next next = co_await Reply(std::move(response), true, start);
  co_return next == Next::kClose ? Next::kLingerClose : next;
}

template <class Stream>
asio::awaitable<Next> Session<Stream>::RejectMalformed(int status, Clock::time_point start) {
  parser_.reset();
  version_ = 11;
  request_.method = "-";
  request_.path = "-";
  NewRequestId();
  co_await Reply(
      Response::Text(status, status == 431 ? "request header too large\n" : "bad request\n"), true,
      start);
  co_return Next::kLingerClose;
}

template <class Stream>
void Session<Stream>::FillRequestHead(const bhttp::request<bhttp::string_body>& message) {
  version_ = message.version();
  request_.method.assign(message.method_string());
  request_.target.assign(message.target());
  SplitTarget(request_.target, request_.path, request_.query);
  request_.headers.clear();
  for (const auto& field : message) {
    request_.headers.emplace_back(std::piecewise_construct,
                                  std::forward_as_tuple(field.name_string()),
                                  std::forward_as_tuple(field.value()));
  }
  request_.body.clear();
  if (request_.remote_address.empty()) request_.remote_address = remote_;
  request_.secure = kTls;
  std::string_view incoming = request_.Header("X-Request-Id");
  if (IsSaneRequestId(incoming)) {
    request_.request_id.assign(incoming);
  } else {
    NewRequestId();
  }
}

template <class Stream>
asio::awaitable<Next> Session<Stream>::Reply(Response response, bool close,
                                             Clock::time_point start) {
  bool send_body = request_.method != "HEAD" && !IsBodyless(response.status);
  beast::error_code ec;
  bhttp::file_body::value_type file;
  bool from_file = !response.file_path.empty() && !IsBodyless(response.status);
  if (from_file) {
    file.open(response.file_path.c_str(), beast::file_mode::scan, ec);
    if (ec) {
      common::LogWarn("http: cannot open " + response.file_path + ": " + ec.message());
      response = Response::Text(404, "not found\n");
      from_file = false;
    }
  }
  uint64_t length = from_file ? file.size() : response.body.size();

  ResponseHead head;
  head.content_length = length;
  head.close = close;
  head.keep_alive_header = !close && version_ < 11;
  head.date = Date();
  head.request_id = request_.request_id;
  head_.clear();
  AppendResponseHead(head_, response, head);

  bool ok = true;
  if (!send_body) {
    ok = co_await Write(asio::buffer(head_));
  } else if (from_file) {
    ok = co_await Write(asio::buffer(head_));
    if (!file_chunk_) file_chunk_ = std::make_unique<char[]>(kFileChunkBytes);
    for (uint64_t left = length; ok && left > 0;) {
      size_t n = file.file().read(file_chunk_.get(), std::min<uint64_t>(left, kFileChunkBytes), ec);
      if (ec || n == 0) {
        common::LogWarn("http: reading " + response.file_path + " failed");
        ok = false;
        break;
      }
      left -= n;
      ok = co_await Write(asio::buffer(file_chunk_.get(), n));
    }
  } else if (response.body.size() <= kInlineBodyBytes) {
    head_ += response.body;
    ok = co_await Write(asio::buffer(head_));
  } else {
    ok = co_await Write(asio::buffer(head_));
    std::string_view body = response.body;
    for (size_t at = 0; ok && at < body.size(); at += kWriteChunkBytes) {
      std::string_view chunk = body.substr(at, kWriteChunkBytes);
      ok = co_await Write(asio::buffer(chunk.data(), chunk.size()));
    }
  }
  if (head_.capacity() > kKeepCapacityBytes) std::string().swap(head_);
  LogAccess(response.status, send_body ? length : 0, start);
  co_return (ok && !close) ? Next::kKeepAlive : Next::kClose;
}

template <class Stream>
asio::awaitable<bool> Session<Stream>::Write(asio::const_buffer buffer) {
  Lowest().expires_after(context_.options.read_timeout);
  auto [ec, n] = co_await asio::async_write(stream_, buffer, kNoThrow);
  co_return !ec;
}

template <class Stream>
asio::awaitable<void> Session<Stream>::Shutdown(bool linger) {
  beast::error_code ec;
  if constexpr (!kTls) {
    Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
  }
  if (linger) {
    // The client may still be sending a body we refused. Closing with unread data would
    // reset the connection and could destroy our response before the client reads it, so
    // read and drop a bounded amount first.
    Lowest().expires_after(kLingerTime);
    std::array<char, 16 * 1024> sink;
    for (size_t dropped = 0; dropped < kLingerBytes;) {
      auto [read_ec, n] = co_await stream_.async_read_some(asio::buffer(sink), kNoThrow);
      if (read_ec) break;
      dropped += n;
    }
  }
  if constexpr (kTls) {
    Lowest().expires_after(std::chrono::seconds(1));
    co_await stream_.async_shutdown(kNoThrow);
  }
  Lowest().close();
}

template <class Stream>
std::string_view Session<Stream>::Date() {
  std::time_t now = std::time(nullptr);
  if (now != date_second_) {
    date_second_ = now;
    date_ = FormatHttpDate(now);
  }
  return date_;
}

// 12 random characters per connection plus 8 from a counter with a random start: as unique
// as RandomId(20) without a getrandom() per request. Request ids are not secrets.
template <class Stream>
void Session<Stream>::NewRequestId() {
  static constexpr char kAlphabet[] =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  request_.request_id.assign(id_prefix_);
  request_.request_id.resize(id_prefix_.size() + 8);
  uint64_t n = requests_++;
  for (size_t i = request_.request_id.size(); i-- > id_prefix_.size();) {
    request_.request_id[i] = kAlphabet[n % 62];
    n /= 62;
  }
}

template <class Stream>
void Session<Stream>::LogAccess(int status, uint64_t bytes, Clock::time_point start) {
  if (!context_.options.access_log) return;
  // Path only: query strings may carry secrets or personal data.
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  char numbers[96];
  std::snprintf(numbers, sizeof numbers, " status=%d bytes=%llu ms=%.3f id=", status,
                static_cast<unsigned long long>(bytes), ms);
  std::string line;
  line.reserve(128 + request_.path.size());
  line += "access method=";
  line += request_.method;
  line += " path=";
  line += request_.path;
  line += numbers;
  line += request_.request_id;
  line += " remote=";
  line += remote_;
  common::LogInfo(line);
}

}  // namespace

void StartConnection(ConnectionContext& context, tcp::socket socket, asio::ssl::context* tls) {
  beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  auto endpoint = socket.remote_endpoint(ec);
  std::string remote = ec ? std::string("-") : endpoint.address().to_string();
  if (tls) {
    auto session = std::make_shared<Session<TlsStream>>(
        context, TlsStream(PlainStream(std::move(socket)), *tls), std::move(remote));
    session->Begin();
  } else {
    auto session = std::make_shared<Session<PlainStream>>(context, PlainStream(std::move(socket)),
                                                          std::move(remote));
    session->Begin();
  }
}

}  // namespace http

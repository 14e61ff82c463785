#include "api/dispatcher.h"

#include <algorithm>
#include <charconv>

#include "api/audit_trail.h"
#include "api/error_response.h"
#include "api/json_response.h"
#include "api/language.h"
#include "common/log.h"

namespace api {

using common::Error;
using common::ErrorCode;

namespace {

// Decrements the running-request counter on every exit path.
struct RunningGuard {
  std::atomic<int>& counter;
  ~RunningGuard() { counter.fetch_sub(1, std::memory_order_relaxed); }
};

bool IsWrite(std::string_view method) { return method != "GET" && method != "HEAD"; }

using HeaderLine = std::pair<std::string_view, std::string_view>;
constexpr HeaderLine kNoSniff{"X-Content-Type-Options", "nosniff"};
constexpr HeaderLine kNoContent{"Content-Security-Policy",
                                "default-src 'none'; frame-ancestors 'none'"};
constexpr HeaderLine kNoFraming{"X-Frame-Options", "DENY"};
constexpr HeaderLine kNoReferrer{"Referrer-Policy", "no-referrer"};
constexpr HeaderLine kNoStore{"Cache-Control", "no-store"};
constexpr HeaderLine kHsts{"Strict-Transport-Security", "max-age=31536000"};

// API answers are data, never pages: no sniffing them into HTML, no framing, no caching of
// personal data by shared caches, no leaking URLs (with record ids) onwards.
void AddApiSecurityHeaders(const http::Request& r, http::Response& response) {
  // Made once, not copied into each response: with HSTS over TLS, without over plain HTTP.
  static const http::FixedHeaders kPlain{kNoSniff, kNoContent, kNoFraming, kNoReferrer, kNoStore};
  static const http::FixedHeaders kSecure{kNoSniff,    kNoContent, kNoFraming,
                                          kNoReferrer, kNoStore,   kHsts};
  const http::FixedHeaders& api = r.secure ? kSecure : kPlain;
  if (response.fixed_headers == &api) return;  // an error answer already made with them
  auto set_by_handler = [&](const auto& header) { return api.Find(header.first) != nullptr; };
  if (response.fixed_headers == nullptr &&
      std::none_of(response.headers.begin(), response.headers.end(), set_by_handler)) {
    response.fixed_headers = &api;
    return;
  }
  // The handler set one of them: its own Content-Security-Policy or Cache-Control stays (a
  // page, a download), the others are replaced.
  for (const auto& [name, value] : api.headers()) {
    const bool handlers_own = name == kNoContent.first || name == kNoStore.first;
    if (handlers_own && !response.Header(name).empty()) continue;
    response.SetHeader(name, value);
  }
}

}  // namespace

std::string CookieValue(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view item = header.substr(pos, end - pos);
    pos = end + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) {
      return std::string(item.substr(eq + 1));
    }
  }
  return "";
}

Dispatcher::Dispatcher(auth::Authenticator& auth, DispatcherOptions options)
    : auth_(auth), options_(std::move(options)) {}

void Dispatcher::Kintone(std::string_view method, const std::string& name, Access access,
                         JsonEndpoint e) {
  At(method, "/k/v1/" + name, access, std::move(e));
}

void Dispatcher::KintoneRaw(std::string_view method, const std::string& name, Access access,
                            RawEndpoint e) {
  AtRaw(method, "/k/v1/" + name, access, std::move(e));
}

void Dispatcher::KintoneText(std::string_view method, const std::string& name, Access access,
                             TextEndpoint e) {
  const std::string path = "/k/v1/" + name;
  AtRaw(method, path, access,
        [this, path, e = std::move(e)](Call& call) -> common::Result<http::Response> {
          TK_ASSIGN_OR_RETURN(auto text, e(call));
          if (audit_) audit_->Observe(call, path, nullptr, nullptr, &text.shown);
          return JsonResponse(std::move(text.body));
        });
  routes_[path][std::string(method)].json = true;
}

void Dispatcher::ParseIntoArena(std::string_view method, const std::string& name) {
  routes_.at("/k/v1/" + name).at(std::string(method)).arena = true;
}

void Dispatcher::At(std::string_view method, const std::string& path, Access access,
                    JsonEndpoint e) {
  AtRaw(method, path, access,
        [this, path, e = std::move(e)](Call& call) -> common::Result<http::Response> {
          TK_ASSIGN_OR_RETURN(auto body, e(call));
          if (audit_) audit_->Observe(call, path, nullptr, &body);
          return JsonResponse(body);
        });
  routes_[path][std::string(method)].json = true;
}

void Dispatcher::AtRaw(std::string_view method, const std::string& path, Access access,
                       RawEndpoint e) {
  routes_[path][std::string(method)] = Entry{access, std::move(e), path};
}

void Dispatcher::Install(http::Router& router) {
  for (const auto& [path, methods] : routes_) {
    for (const char* m : {"GET", "POST", "PUT", "DELETE"}) {
      router.Add(m, path, [this, path = path](const http::Request& r) {
        return Handle(r, path, std::nullopt);
      });
    }
  }
  router.AddPrefix("", "/k/guest/", [this](const http::Request& r) {
    // /k/guest/{id}/v1/<name> → /k/v1/<name> with the guest space noted.
    std::string_view rest = std::string_view(r.path).substr(9);
    size_t slash = rest.find('/');
    int64_t id = 0;
    if (slash != std::string_view::npos) {
      auto [p, ec] = std::from_chars(rest.data(), rest.data() + slash, id);
      if (ec == std::errc() && p == rest.data() + slash && id > 0 &&
          rest.substr(slash).starts_with("/v1/")) {
        return Handle(r, "/k" + std::string(rest.substr(slash)), id);
      }
    }
    return NotFound(r);
  });
}

common::Lang Dispatcher::LangFor(const http::Request& r, std::string_view user_locale) const {
  return ResolveLanguage(user_locale, r.Header("Accept-Language"), options_.default_lang);
}

http::Response Dispatcher::NotFound(const http::Request& r) const {
  http::Response response =
      ErrorResponse(Error(ErrorCode::kApiNotFound), LangFor(r, "auto"), r.request_id);
  AddApiSecurityHeaders(r, response);
  return response;
}

http::Response Dispatcher::MethodNotAllowed(const http::Request& r) const {
  http::Response response =
      ErrorResponse(Error(ErrorCode::kMethodNotAllowed), LangFor(r, "auto"), r.request_id);
  AddApiSecurityHeaders(r, response);
  return response;
}

http::Response Dispatcher::TooLarge(const http::Request& r) const {
  http::Response response =
      ErrorResponse(Error(ErrorCode::kRequestTooLarge), LangFor(r, "auto"), r.request_id);
  AddApiSecurityHeaders(r, response);
  return response;
}

http::Response Dispatcher::Handle(const http::Request& r, const std::string& path,
                                  std::optional<int64_t> guest_space) {
  int running = running_.fetch_add(1, std::memory_order_relaxed) + 1;
  RunningGuard guard{running_};
  http::Response response;
  if (running > options_.concurrency_limit) {
    // kintone answers this one in English whatever the caller's language.
    response = ErrorResponse(Error(ErrorCode::kTooManyRequests), common::Lang::kEn, r.request_id);
  } else {
    std::string method = r.method;
    std::string_view override_method = r.Header("X-HTTP-Method-Override");
    if (method == "POST" && !override_method.empty()) method = std::string(override_method);
    auto route = routes_.find(path);
    auto entry = route->second.find(method);
    if (entry == route->second.end()) {
      response = MethodNotAllowed(r);
    } else {
      response = Run(r, entry->second, method, guest_space);
    }
  }
  AddApiSecurityHeaders(r, response);
  response.headers.emplace_back("X-ConcurrencyLimit-Limit",
                                std::to_string(options_.concurrency_limit));
  response.headers.emplace_back("X-ConcurrencyLimit-Running", std::to_string(running));
  return response;
}

http::Response Dispatcher::Run(const http::Request& r, const Entry& entry,
                               const std::string& method, std::optional<int64_t> guest_space) {
  common::Lang lang = LangFor(r, "auto");
  auto params = Params::Parse(r.query, r.body, r.Header("Content-Type"), entry.arena);
  if (!params.ok()) return ErrorResponse(params.error(), lang, r.request_id);
  Call call{r, std::move(params).value(), {}, lang, guest_space, method};
  call.client_address =
      auth::ClientAddress(r.remote_address, r.Header("X-Forwarded-For"), options_.trusted_proxies);

  if (entry.access != Access::kPublic) {
    auth::Credentials c;
    c.cybozu_authorization = std::string(r.Header("X-Cybozu-Authorization"));
    for (std::string_view header : r.Headers("X-Cybozu-API-Token")) {
      size_t start = 0;
      while (start <= header.size()) {
        size_t comma = header.find(',', start);
        if (comma == std::string_view::npos) comma = header.size();
        std::string_view t = header.substr(start, comma - start);
        while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
        while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
        if (!t.empty()) c.api_tokens.emplace_back(t);
        start = comma + 1;
      }
    }
    std::string_view authorization = r.Header("Authorization");
    if (authorization.size() > 6 && http::EqualsIgnoreCase(authorization.substr(0, 6), "Basic ")) {
      c.basic = std::string(authorization.substr(6));
    }
    c.session_id = CookieValue(r.Header("Cookie"), options_.session_cookie);
    c.requested_with = !r.Header("X-Requested-With").empty();
    c.is_write = IsWrite(method);
    c.request_token = call.params.request_token();
    c.remote_address = call.client_address;
    auto principal = auth_.Authenticate(c);
    if (!principal.ok()) {
      if (audit_) audit_->AuthenticationFailed(call, principal.error());
      return ErrorResponse(principal.error(), lang, r.request_id);
    }
    call.principal = std::move(principal).value();
    if (entry.access == Access::kUserOnly && call.principal.via_token) {
      return ErrorResponse(Error(ErrorCode::kNoPrivilege), lang, r.request_id);
    }
    call.lang = lang = LangFor(r, call.principal.locale);
  }
  // Tsumiki has no guest spaces yet, so every app is a normal app, and kintone answers a
  // normal app reached through a guest path with CB_NO02.
  if (guest_space) return ErrorResponse(Error(ErrorCode::kNoPrivilege), lang, r.request_id);
  try {
    auto result = entry.endpoint(call);
    if (!result.ok()) {
      if (audit_) audit_->Observe(call, entry.path, &result.error(), nullptr);
      return ErrorResponse(result.error(), lang, r.request_id);
    }
    if (audit_ && !entry.json) audit_->Observe(call, entry.path, nullptr, nullptr);
    return std::move(result).value();
  } catch (const std::exception& e) {
    return ErrorResponse(Error::Internal(std::string("exception: ") + e.what()), lang,
                         r.request_id);
  }
}

}  // namespace api

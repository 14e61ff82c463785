// The kintone API front door: for every /k/v1/…, /k/guest/{id}/v1/…, /v1/… and /api/… call
// it honours X-HTTP-Method-Override, enforces the concurrency limit, parses parameters,
// authenticates, picks the message language, runs the endpoint and turns any Error into
// kintone's error body. Built once at start-up; Handle is thread-safe.
#pragma once

#include <atomic>
#include <map>
#include <string>

#include "api/call.h"
#include "auth/authenticator.h"
#include "http/router.h"

namespace api {

class AuditTrail;

struct DispatcherOptions {
  int concurrency_limit = 100;
  common::Lang default_lang = common::Lang::kJa;
  std::string session_cookie = "tsumiki_session";
  // Peers whose X-Forwarded-For names the real client (throttling, admin allow-list).
  auth::AddressList trusted_proxies;
};

class Dispatcher {
 public:
  Dispatcher(auth::Authenticator& auth, DispatcherOptions options);

  // `name` like "records.json" or "preview/app/form/fields.json": served at /k/v1/<name>
  // and /k/guest/{id}/v1/<name>.
  void Kintone(std::string_view method, const std::string& name, Access access, JsonEndpoint e);
  void KintoneRaw(std::string_view method, const std::string& name, Access access, RawEndpoint e);
  void KintoneText(std::string_view method, const std::string& name, Access access, TextEndpoint e);
  // The registered kintone endpoint `name` parses its body into an arena freed with the request
  // (Params::Parse). Only for endpoints that keep no parameter value beyond the request: a copy
  // of such a value stays in the arena.
  void ParseIntoArena(std::string_view method, const std::string& name);
  // Any other absolute path (/v1/users.json, /api/…).
  void At(std::string_view method, const std::string& path, Access access, JsonEndpoint e);
  void AtRaw(std::string_view method, const std::string& path, Access access, RawEndpoint e);

  // Registers every path on `router`, plus the guest prefix.
  void Install(http::Router& router);
  // kintone-style 404/405/413 bodies for the router and server.
  http::Response NotFound(const http::Request& request) const;
  http::Response MethodNotAllowed(const http::Request& request) const;
  http::Response TooLarge(const http::Request& request) const;

  const DispatcherOptions& options() const { return options_; }
  // Every call is reported to `trail` afterwards (nullptr: none). Set before serving.
  void SetAuditTrail(AuditTrail* trail) { audit_ = trail; }

 private:
  struct Entry {
    Access access;
    RawEndpoint endpoint;
    std::string path;
    bool json = false;   // the endpoint reports its JSON body to the audit trail itself
    bool arena = false;  // parameters parsed into a request arena (Params::Parse)
  };
  http::Response Handle(const http::Request& request, const std::string& path,
                        std::optional<int64_t> guest_space);
  http::Response Run(const http::Request& request, const Entry& entry, const std::string& method,
                     std::optional<int64_t> guest_space);
  common::Lang LangFor(const http::Request& request, std::string_view user_locale) const;

  auth::Authenticator& auth_;
  DispatcherOptions options_;
  std::map<std::string, std::map<std::string, Entry, std::less<>>, std::less<>> routes_;
  std::atomic<int> running_{0};
  AuditTrail* audit_ = nullptr;
};

// The session cookie's value from a Cookie header, "" when absent.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace api

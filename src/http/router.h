// Dispatches a Request to a Handler by (method, path): exact routes, then the longest
// matching prefix route, then a fallback. Built once at start-up, then read-only, so
// Handle() is safe from any number of threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/handler.h"

namespace http {

class Router {
 public:
  // `not_found` answers unknown paths when no fallback is set; `method_not_allowed` answers
  // a known path with the wrong method (the router adds an Allow header). The caller
  // formats both, so the http layer never decides what an error body looks like.
  Router(Handler not_found, Handler method_not_allowed);

  // `method` exactly ("GET"); a GET route also answers HEAD unless HEAD has its own.
  void Add(std::string_view method, std::string path, Handler handler);
  // Every path starting with `prefix`; an empty `method` matches any method.
  void AddPrefix(std::string_view method, std::string prefix, Handler handler);
  // Paths no route matches (e.g. the single-page app's files), instead of not_found.
  void SetFallback(Handler handler) { fallback_ = std::move(handler); }

  Response Handle(const Request& request) const;
  // Handle() as a Handler; the Router must outlive it.
  Handler AsHandler() const {
    return [this](const Request& request) { return Handle(request); };
  }

 private:
  struct Route {
    std::string method;  // "" = any
    Handler handler;
  };
  struct PrefixRoutes {
    std::string prefix;
    std::vector<Route> routes;
  };

  // The handler for `method` among `routes`, or nullptr (HEAD falls back to GET).
  static const Handler* Find(const std::vector<Route>& routes, std::string_view method);
  Response NotAllowed(const Request& request, const std::vector<Route>& routes) const;

  std::map<std::string, std::vector<Route>, std::less<>> exact_;
  std::vector<PrefixRoutes> prefixes_;  // longest prefix first
  Handler not_found_;
  Handler method_not_allowed_;
  Handler fallback_;
};

}  // namespace http

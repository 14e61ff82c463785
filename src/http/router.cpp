#include "http/router.h"

#include <algorithm>

namespace http {

Router::Router(Handler not_found, Handler method_not_allowed)
    : not_found_(std::move(not_found)), method_not_allowed_(std::move(method_not_allowed)) {}

void Router::Add(std::string_view method, std::string path, Handler handler) {
  exact_[std::move(path)].push_back(Route{std::string(method), std::move(handler)});
}

void Router::AddPrefix(std::string_view method, std::string prefix, Handler handler) {
  auto it = std::find_if(prefixes_.begin(), prefixes_.end(),
                         [&](const PrefixRoutes& p) { return p.prefix == prefix; });
  if (it == prefixes_.end()) {
    prefixes_.push_back(PrefixRoutes{std::move(prefix), {}});
    it = prefixes_.end() - 1;
  }
  it->routes.push_back(Route{std::string(method), std::move(handler)});
  std::stable_sort(prefixes_.begin(), prefixes_.end(),
                   [](const PrefixRoutes& a, const PrefixRoutes& b) {
                     return a.prefix.size() > b.prefix.size();
                   });
}

const Handler* Router::Find(const std::vector<Route>& routes, std::string_view method) {
  const Handler* get = nullptr;
  for (const Route& route : routes) {
    if (route.method.empty() || route.method == method) return &route.handler;
    if (route.method == "GET") get = &route.handler;
  }
  return method == "HEAD" ? get : nullptr;
}

Response Router::NotAllowed(const Request& request, const std::vector<Route>& routes) const {
  std::vector<std::string_view> methods;
  for (const Route& route : routes) {
    methods.push_back(route.method);
    if (route.method == "GET") methods.push_back("HEAD");
  }
  std::sort(methods.begin(), methods.end());
  methods.erase(std::unique(methods.begin(), methods.end()), methods.end());
  std::string allow;
  for (std::string_view m : methods) {
    if (!allow.empty()) allow += ", ";
    allow += m;
  }
  Response response = method_not_allowed_ ? method_not_allowed_(request)
                                          : Response::Text(405, "method not allowed\n");
  response.SetHeader("Allow", std::move(allow));
  return response;
}

Response Router::Handle(const Request& request) const {
  if (auto it = exact_.find(request.path); it != exact_.end()) {
    if (const Handler* handler = Find(it->second, request.method)) return (*handler)(request);
    return NotAllowed(request, it->second);
  }
  for (const PrefixRoutes& p : prefixes_) {
    if (!request.path.starts_with(p.prefix)) continue;
    if (const Handler* handler = Find(p.routes, request.method)) return (*handler)(request);
    return NotAllowed(request, p.routes);
  }
  if (fallback_) return fallback_(request);
  if (not_found_) return not_found_(request);
  return Response::Text(404, "not found\n");
}

}  // namespace http

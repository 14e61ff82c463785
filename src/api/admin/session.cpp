// Browser sign-in for the web UI (kintone has no public API for this): POST
// /api/session/login.json sets an HttpOnly, SameSite=Lax session cookie and returns the CSRF
// token the UI sends as __REQUEST_TOKEN__; logout ends the session; GET /api/session.json
// tells the UI who is signed in.
#include "api/admin/admin_endpoints.h"
#include "api/dispatcher.h"
#include "api/json_response.h"
#include "auth/authenticator.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

json::object UserJson(const domain::User& u) {
  return json::object{{"code", u.code}, {"name", u.name}, {"locale", u.locale},
                      {"timeZone", u.time_zone}, {"isAdmin", u.is_admin}};
}

std::string SessionCookie(const std::string& name, const std::string& value, bool secure,
                          int64_t max_age) {
  std::string c = name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                  std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

}  // namespace

common::Result<http::Response> PostLogin(Call& call, Services& s, const std::string& cookie) {
  // A custom header cannot be sent cross-site without CORS consent: stops login CSRF.
  if (call.request.Header("X-Requested-With").empty()) {
    return Error(common::ErrorCode::kNoPrivilege).WithDetail("login without X-Requested-With");
  }
  TK_ASSIGN_OR_RETURN(std::string username, call.params.RequiredString("username"));
  TK_ASSIGN_OR_RETURN(std::string password, call.params.RequiredString("password"));
  TK_ASSIGN_OR_RETURN(auto session, s.auth.Login(username, password, call.request.remote_address));
  http::Response r =
      JsonResponse(json::object{{"user", UserJson(session.user)}, {"csrfToken", session.csrf_token}});
  bool secure = call.request.secure || call.request.Header("X-Forwarded-Proto") == "https";
  r.headers.emplace_back("Set-Cookie", SessionCookie(cookie, session.session_id, secure,
                                                     session.expires_at - std::time(nullptr)));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

common::Result<http::Response> PostLogout(Call& call, Services& s, const std::string& cookie) {
  std::string id = CookieValue(call.request.Header("Cookie"), cookie);
  if (!id.empty()) TK_RETURN_IF_ERROR(s.auth.Logout(id));
  http::Response r = JsonResponse(json::object{});
  r.headers.emplace_back("Set-Cookie", cookie + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  return r;
}

common::Result<http::Response> GetSession(Call& call, Services& s, const std::string& cookie) {
  std::string id = CookieValue(call.request.Header("Cookie"), cookie);
  if (id.empty()) return Error(common::ErrorCode::kNotLoggedIn);
  TK_ASSIGN_OR_RETURN(auto session, s.auth.CurrentSession(id));
  http::Response r =
      JsonResponse(json::object{{"user", UserJson(session.user)}, {"csrfToken", session.csrf_token}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace api

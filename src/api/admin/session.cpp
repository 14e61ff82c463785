// Browser sign-in for the web UI (kintone has no public API for this): POST
// /api/session/login.json sets an HttpOnly, SameSite=Lax session cookie and returns the CSRF
// token the UI sends as __REQUEST_TOKEN__; logout ends the session; GET /api/session.json
// tells the UI who is signed in. logoutAll.json ends every session of the caller ("log out
// everywhere"); password.json changes the caller's own password, ending every other session;
// totp/begin|confirm|disable.json manage the caller's two-factor sign-in.
#include "api/admin/admin_endpoints.h"
#include "api/dispatcher.h"
#include "api/json_response.h"
#include "auth/authenticator.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

namespace {

json::object UserJson(auth::Authenticator& auth, const domain::User& u) {
  return json::object{{"code", u.code},        {"name", u.name},
                      {"locale", u.locale},    {"timeZone", u.time_zone},
                      {"isAdmin", u.is_admin}, {"twoFactor", auth.UsesTotp(u.id)}};
}

std::string SessionCookie(const std::string& name, const std::string& value, bool secure,
                          int64_t max_age) {
  std::string c =
      name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

// The signed-in answer: who, the CSRF token, and the session cookie.
http::Response SignedIn(const Call& call, Services& s, const std::string& cookie,
                        const auth::NewSession& session) {
  http::Response r = JsonResponse(
      json::object{{"user", UserJson(s.auth, session.user)}, {"csrfToken", session.csrf_token}});
  bool secure = call.request.secure || call.request.Header("X-Forwarded-Proto") == "https";
  r.headers.emplace_back("Set-Cookie", SessionCookie(cookie, session.session_id, secure,
                                                     session.expires_at - std::time(nullptr)));
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

std::string ClearedCookie(const std::string& cookie) {
  return cookie + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0";
}

}  // namespace

common::Result<http::Response> PostLogin(Call& call, Services& s, const std::string& cookie) {
  // A custom header cannot be sent cross-site without CORS consent: stops login CSRF.
  if (call.request.Header("X-Requested-With").empty()) {
    return Error(common::ErrorCode::kNoPrivilege).WithDetail("login without X-Requested-With");
  }
  TK_ASSIGN_OR_RETURN(std::string username, call.params.RequiredString("username"));
  TK_ASSIGN_OR_RETURN(std::string password, call.params.RequiredString("password"));
  TK_ASSIGN_OR_RETURN(auto otp, call.params.OptionalString("otp"));
  TK_ASSIGN_OR_RETURN(auto session,
                      s.auth.Login(username, password, call.client_address, otp.value_or("")));
  call.principal.user_id = session.user.id;  // for the audit trail
  call.principal.user_code = session.user.code;
  return SignedIn(call, s, cookie, session);
}

common::Result<http::Response> PostLogout(Call& call, Services& s, const std::string& cookie) {
  std::string id = CookieValue(call.request.Header("Cookie"), cookie);
  if (!id.empty()) {
    if (auto current = s.auth.CurrentSession(id); current.ok()) {
      call.principal.user_id = current->user.id;  // for the audit trail
      call.principal.user_code = current->user.code;
    }
    TK_RETURN_IF_ERROR(s.auth.Logout(id));
  }
  http::Response r = JsonResponse(json::object{});
  r.headers.emplace_back("Set-Cookie", ClearedCookie(cookie));
  return r;
}

common::Result<http::Response> PostLogoutEverywhere(Call& call, Services& s,
                                                    const std::string& cookie) {
  TK_RETURN_IF_ERROR(s.auth.LogoutEverywhere(call.principal.user_id));
  http::Response r = JsonResponse(json::object{});
  r.headers.emplace_back("Set-Cookie", ClearedCookie(cookie));
  return r;
}

common::Result<http::Response> PostPassword(Call& call, Services& s, const std::string& cookie) {
  TK_ASSIGN_OR_RETURN(std::string current, call.params.RequiredString("currentPassword"));
  TK_ASSIGN_OR_RETURN(std::string next, call.params.RequiredString("newPassword"));
  TK_ASSIGN_OR_RETURN(auto session,
                      s.auth.ChangePassword(call.principal, current, next, call.client_address));
  return SignedIn(call, s, cookie, session);
}

common::Result<http::Response> GetSession(Call& call, Services& s, const std::string& cookie) {
  std::string id = CookieValue(call.request.Header("Cookie"), cookie);
  if (id.empty()) return Error(common::ErrorCode::kNotLoggedIn);
  TK_ASSIGN_OR_RETURN(auto session, s.auth.CurrentSession(id));
  http::Response r = JsonResponse(
      json::object{{"user", UserJson(s.auth, session.user)}, {"csrfToken", session.csrf_token}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

JsonResult PostTotpBegin(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(auto e, s.auth.BeginTotp(call.principal));
  return json::object{{"secret", e.secret}, {"uri", e.uri}};
}

JsonResult PostTotpConfirm(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string code, call.params.RequiredString("code"));
  TK_ASSIGN_OR_RETURN(auto codes, s.auth.ConfirmTotp(call.principal, code));
  json::array list;
  for (const std::string& c : codes) list.emplace_back(c);
  return json::object{{"recoveryCodes", std::move(list)}};
}

JsonResult PostTotpDisable(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string password, call.params.RequiredString("password"));
  TK_RETURN_IF_ERROR(s.auth.DisableTotp(call.principal, password, call.client_address));
  return json::object{};
}

}  // namespace api

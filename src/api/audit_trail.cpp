#include "api/audit_trail.h"

#include <boost/json/serialize.hpp>
#include <cstdlib>

#include "auth/authenticator.h"
#include "common/log.h"

namespace api {

namespace json = boost::json;

namespace {

constexpr int64_t kPersonalFlagCacheMs = 10'000;  // a changed flag applies within 10 s
constexpr size_t kMaxOpenCursors = 10'000;

// "a,b,c" from the `key` member of each object in the array parameter `list`, or from the
// string array parameter `list` itself.
std::string Codes(const Call& call, std::string_view list, std::string_view key) {
  const json::value* v = call.params.Find(list);
  if (v && v->is_object()) {  // one item ("user" of /api/directory/user.json)
    const json::value* code = v->as_object().if_contains(key);
    return code && code->is_string() ? std::string(code->as_string()) : "";
  }
  if (!v || !v->is_array()) return "";
  std::string out;
  for (const json::value& item : v->as_array()) {
    const json::value* code = &item;
    if (item.is_object()) code = item.as_object().if_contains(key);
    if (!code || !(code->is_string() || code->is_int64())) continue;
    if (!out.empty()) out += ',';
    out += code->is_string() ? std::string(code->as_string()) : std::to_string(code->as_int64());
  }
  return out;
}

std::optional<int64_t> AppParam(const Call& call) {
  auto app = call.params.OptionalId("app");
  return app.ok() ? app.value() : std::nullopt;
}

std::string StringParam(const Call& call, std::string_view name) {
  const json::value* v = call.params.Find(name);
  if (!v) return "";
  return v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
}

// The login name in an X-Cybozu-Authorization or Basic header, "" when none.
std::string PresentedLogin(const Call& call) {
  std::string_view header = call.request.Header("X-Cybozu-Authorization");
  std::string_view basic = call.request.Header("Authorization");
  if (header.empty() && basic.size() > 6) header = basic.substr(6);
  std::string login, password;
  if (header.empty() || !auth::DecodeBasicPair(header, &login, &password)) return "";
  return login;
}

// Directory and settings writes worth a line: route → action per method.
struct Mapping {
  std::string_view route;
  std::string_view post, put, del;
  std::string_view list, key;  // where the affected codes are
};
constexpr Mapping kWrites[] = {
    {"/v1/users.json", "user.add", "user.update", "user.delete", "users", "code"},
    {"/v1/organizations.json", "organization.add", "organization.update", "organization.delete",
     "organizations", "code"},
    {"/v1/groups.json", "group.add", "group.update", "group.delete", "groups", "code"},
    {"/v1/userOrganizations.json", "", "membership.update", "", "userOrganizations", "code"},
    {"/v1/userGroups.json", "", "membership.update", "", "userGroups", "code"},
    {"/api/directory/import.json", "directory.import", "", "", "", ""},
    {"/api/directory/user.json", "user.add", "user.update", "", "user", "code"},
    {"/k/v1/preview/app.json", "app.create", "", "", "", ""},
    {"/k/v1/preview/app/deploy.json", "app.deploy", "", "", "apps", "app"},
    {"/k/v1/preview/app/settings.json", "", "app.settings", "", "", ""},
    {"/k/v1/preview/app/acl.json", "", "permission.app", "", "", ""},
    {"/k/v1/preview/record/acl.json", "", "permission.record", "", "", ""},
    {"/k/v1/preview/field/acl.json", "", "permission.field", "", "", ""},
    // kintone also lets app/record/field ACLs be written live, without a deploy.
    {"/k/v1/app/acl.json", "", "permission.app", "", "", ""},
    {"/k/v1/record/acl.json", "", "permission.record", "", "", ""},
    {"/k/v1/field/acl.json", "", "permission.field", "", "", ""},
    {"/api/app/tokens.json", "token.create", "", "token.revoke", "", ""},
    {"/api/admin/mail/settings.json", "", "mail.settings", "", "", ""},
    {"/api/admin/mail/test.json", "mail.test", "", "", "", ""},
    {"/api/admin/mail/retry.json", "mail.retry", "", "", "", ""},
    // Whoever creates or changes a public page becomes its publisher (the page runs as them).
    {"/api/public/pages.json", "publicPage.create", "publicPage.update", "publicPage.delete", "",
     ""},
};

}  // namespace

AuditTrail::AuditTrail(domain::AuditLog& log, const common::Clock& clock)
    : log_(log), clock_(clock) {}

domain::AuditEvent AuditTrail::Base(const Call& call, std::string action) const {
  domain::AuditEvent e;
  e.at_ms = clock_.NowMillis();
  if (call.principal.user_id != 0) e.user_id = call.principal.user_id;
  e.user_code = call.principal.via_token ? "" : call.principal.user_code;
  e.address = call.client_address;
  e.action = std::move(action);
  e.detail = "{}";
  return e;
}

void AuditTrail::Write(std::vector<domain::AuditEvent> events) {
  common::Status s = log_.Append(events);
  // The answer is already decided; a lost entry must at least reach the operator's log.
  if (!s.ok()) common::LogError("audit log append failed: " + s.error().ToString());
}

void AuditTrail::AuthenticationFailed(const Call& call, const common::Error& error) {
  std::string login = PresentedLogin(call);
  if (login.empty()) return;  // no password presented: nothing to attribute
  domain::AuditEvent e = Base(call, "login.failure");
  e.user_code = login;
  e.detail =
      json::serialize(json::object{{"via", "header"}, {"code", common::KintoneCode(error.code())}});
  Write({std::move(e)});
}

bool AuditTrail::HoldsPersonalData(int64_t app) {
  int64_t now = clock_.NowMillis();
  {
    std::lock_guard lock(mutex_);
    auto it = personal_.find(app);
    if (it != personal_.end() && it->second.second > now) return it->second.first;
  }
  auto holds = log_.HoldsPersonalData(app);
  bool flag = holds.ok() && holds.value();
  std::lock_guard lock(mutex_);
  if (personal_.size() > 100'000) personal_.clear();
  personal_[app] = {flag, now + kPersonalFlagCacheMs};
  return flag;
}

void AuditTrail::RecordReads(const Call& call, int64_t app, const RecordsShown* shown) {
  if (!shown || shown->count == 0 || !HoldsPersonalData(app)) return;  // nothing was shown
  std::string ids;
  for (int64_t id : shown->ids) {
    if (!ids.empty()) ids += ',';
    ids += std::to_string(id);
  }
  domain::AuditEvent e = Base(call, "record.read");
  e.app_id = app;
  e.target = std::move(ids);
  // Without $id in `fields` the ids are not in the answer: the query and the count still
  // say what was seen.
  json::object detail{{"count", shown->count}};
  if (std::string query = StringParam(call, "query"); !query.empty()) detail["query"] = query;
  if (call.params.Has("fields")) detail["fields"] = *call.params.Find("fields");
  e.detail = json::serialize(detail);
  Write({std::move(e)});
}

void AuditTrail::TokenUse(const Call& call, std::string_view route) {
  int64_t minute = clock_.NowSeconds() / 60;
  std::vector<domain::AuditEvent> events;
  {
    std::lock_guard lock(mutex_);
    for (const domain::TokenGrant& g : call.principal.tokens) {
      int64_t& seen = token_seen_[g.app_id];
      if (seen == minute) continue;  // one line per app and minute is enough to answer "when"
      seen = minute;
      domain::AuditEvent e = Base(call, "token.use");
      e.app_id = g.app_id;
      e.detail = json::serialize(json::object{{"method", call.method}, {"path", route}});
      events.push_back(std::move(e));
    }
  }
  if (!events.empty()) Write(std::move(events));
}

void AuditTrail::Observe(const Call& call, std::string_view route, const common::Error* error,
                         const json::object* body, const RecordsShown* shown) {
  if (call.principal.via_token) TokenUse(call, route);
  const std::string& m = call.method;

  if (route == "/api/session/login.json") {
    domain::AuditEvent e = Base(call, error ? "login.failure" : "login");
    e.user_code = StringParam(call, "username");
    if (error) {
      e.detail = json::serialize(
          json::object{{"via", "session"}, {"code", common::KintoneCode(error->code())}});
    }
    Write({std::move(e)});
    return;
  }
  if (error) {
    if (route == "/api/session/password.json") Write({Base(call, "password.change.failure")});
    return;  // refused calls changed nothing; failed sign-ins are logged above
  }
  if (route == "/api/session/logout.json") {
    // Only a logout that ended a session: without one anybody could fill the log anonymously.
    if (call.principal.user_id != 0) Write({Base(call, "logout")});
  } else if (route == "/api/session/logoutAll.json") {
    Write({Base(call, "logout.everywhere")});
  } else if (route == "/api/session/password.json") {
    Write({Base(call, "password.change")});
  } else if (route == "/api/session/totp/confirm.json") {
    Write({Base(call, "twofactor.enable")});
  } else if (route == "/api/session/totp/disable.json") {
    Write({Base(call, "twofactor.disable")});
  } else if (route == "/k/v1/record.json" && m == "GET") {
    if (auto app = AppParam(call)) RecordReads(call, *app, shown);
  } else if (route == "/k/v1/records.json" && m == "GET") {
    if (auto app = AppParam(call)) RecordReads(call, *app, shown);
  } else if (route == "/k/v1/records/cursor.json" && m == "POST") {
    auto app = AppParam(call);
    domain::AuditEvent e = Base(call, "export.cursor");
    e.app_id = app;
    json::object detail;
    if (std::string q = StringParam(call, "query"); !q.empty()) detail["query"] = q;
    if (call.params.Has("fields")) detail["fields"] = *call.params.Find("fields");
    e.detail = json::serialize(detail);
    if (body && app) {
      if (const json::value* id = body->if_contains("id"); id && id->is_string()) {
        e.target = std::string(id->as_string());
        std::lock_guard lock(mutex_);
        if (cursor_apps_.size() >= kMaxOpenCursors) cursor_apps_.clear();
        cursor_apps_[e.target] = *app;
      }
    }
    Write({std::move(e)});
  } else if (route == "/k/v1/records/cursor.json" && m == "GET") {
    std::string id = StringParam(call, "id");
    std::optional<int64_t> app;
    {
      std::lock_guard lock(mutex_);
      auto it = cursor_apps_.find(id);
      if (it != cursor_apps_.end()) app = it->second;
      bool done = shown && shown->last_page;
      if (done && it != cursor_apps_.end()) cursor_apps_.erase(it);
    }
    if (app) RecordReads(call, *app, shown);
  } else if ((route == "/api/record/history.json" || route == "/k/v1/record/comments.json") &&
             m == "GET") {
    // A record's history and comments show its values as a read does.
    auto app = AppParam(call);
    if (!app || !body || !HoldsPersonalData(*app)) return;
    bool history = route == "/api/record/history.json";
    domain::AuditEvent e = Base(call, history ? "record.history.read" : "record.comments.read");
    e.app_id = app;
    e.target = StringParam(call, history ? "id" : "record");
    Write({std::move(e)});
  } else if (route == "/api/directory/export.csv") {
    domain::AuditEvent e = Base(call, "export.directory");
    e.target = StringParam(call, "kind");
    Write({std::move(e)});
  } else if (route == "/api/audit/export.csv") {
    domain::AuditEvent e = Base(call, "audit.export");
    e.detail = json::serialize(call.params.values());
    Write({std::move(e)});
  } else {
    for (const Mapping& w : kWrites) {
      if (w.route != route) continue;
      std::string_view action = m == "POST"     ? w.post
                                : m == "PUT"    ? w.put
                                : m == "DELETE" ? w.del
                                                : "";
      if (action.empty()) return;
      domain::AuditEvent e = Base(call, std::string(action));
      e.app_id = AppParam(call);
      if (!w.list.empty()) e.target = Codes(call, w.list, w.key);
      if (m == "DELETE" && e.target.empty()) e.target = Codes(call, "codes", "");
      if (action.starts_with("token.")) {
        if (body && body->contains("token")) {
          e.detail = json::serialize(
              json::object{{"hint", std::string(body->at("token").as_string()).substr(0, 4)}});
        } else {
          e.target = StringParam(call, "id");
        }
      }
      if (action.starts_with("permission.") || action == "app.settings" ||
          action == "directory.import") {
        json::object detail = call.params.values();
        detail.erase("csv");  // the whole file would bloat every entry
        detail.erase("__REQUEST_TOKEN__");
        e.detail = json::serialize(detail);
      }
      if (action.starts_with("publicPage.")) {
        const json::value* id = body ? body->if_contains("id") : nullptr;
        e.target = id && id->is_string() ? std::string(id->as_string()) : StringParam(call, "id");
        const json::value* app = body ? body->if_contains("app") : nullptr;
        if (app && app->is_string()) e.app_id = std::atoll(std::string(app->as_string()).c_str());
        json::object detail;
        if (body && body->contains("kind")) detail["kind"] = body->at("kind");
        if (body && body->contains("enabled")) detail["enabled"] = body->at("enabled");
        bool settings = call.params.Has("settings");
        if (m != "DELETE") detail["settingsChanged"] = settings;
        // Creating a page or changing its settings makes the caller its publisher.
        if (settings) detail["publisher"] = call.principal.user_code;
        e.detail = json::serialize(detail);
      }
      if (action.starts_with("mail.")) {
        json::object detail = call.params.values();
        detail.erase("__REQUEST_TOKEN__");
        // The SMTP password never reaches the log; only that it was changed.
        json::value* settings = detail.if_contains("settings");
        if (settings && settings->is_object() && settings->as_object().erase("password")) {
          settings->as_object()["password"] = "(changed)";
        }
        e.detail = json::serialize(detail);
        if (action == "mail.retry") e.target = StringParam(call, "id");
      }
      Write({std::move(e)});
      return;
    }
  }
}

}  // namespace api

#include "storage/repositories/sql_user_repository.h"

#include <boost/json.hpp>

namespace storage {

using common::Result;
using common::SqlNull;
using common::Status;
using domain::User;

namespace {

constexpr const char* kUserColumns =
    "id, code, name, is_admin, valid, locale, time_zone, email, primary_organization_id, "
    "created_at, updated_at, profile, sort_order, auth_source";

namespace json = boost::json;

// User::profile and custom_items as one JSON object: {"surName": "…", "customItemValues": […]}.
std::string ProfileToJson(const User& u) {
  json::object o;
  for (const auto& [k, v] : u.profile) {
    if (!v.empty()) o[k] = v;
  }
  if (!u.custom_items.empty()) {
    json::array items;
    for (const auto& [code, value] : u.custom_items) {
      items.push_back(json::object{{"code", code}, {"value", value}});
    }
    o["customItemValues"] = std::move(items);
  }
  return json::serialize(o);
}

void ProfileFromJson(const std::string& text, User& u) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return;
  for (const auto& [k, val] : v.as_object()) {
    if (val.is_string()) {
      u.profile[std::string(k)] = std::string(val.as_string());
    } else if (k == "customItemValues" && val.is_array()) {
      for (const auto& item : val.as_array()) {
        const json::object* io = item.if_object();
        if (!io || !io->contains("code") || !io->at("code").is_string()) continue;
        const json::value* value = io->if_contains("value");
        u.custom_items.emplace_back(
            std::string(io->at("code").as_string()),
            value && value->is_string() ? std::string(value->as_string()) : std::string());
      }
    }
  }
}

User ToUser(const Row& r) {
  User u;
  u.id = r.Int(0);
  u.code = r.Text(1);
  u.name = r.Text(2);
  u.is_admin = r.Int(3) != 0;
  u.valid = r.Int(4) != 0;
  u.locale = r.Text(5);
  u.time_zone = r.Text(6);
  u.email = r.Text(7);
  if (!r.IsNull(8)) u.primary_organization_id = r.Int(8);
  u.created_at = r.Int(9);
  u.updated_at = r.Int(10);
  ProfileFromJson(r.Text(11), u);
  if (!r.IsNull(12)) u.sort_order = r.Int(12);
  u.auth_source = r.Text(13);
  return u;
}

Result<std::optional<User>> FirstUser(Result<std::vector<Row>> rows) {
  if (!rows.ok()) return std::move(rows).error();
  if (rows->empty()) return std::optional<User>();
  return std::optional<User>(ToUser((*rows)[0]));
}

SqlValue OptionalInt(const std::optional<int64_t>& v) {
  return v ? SqlValue(*v) : SqlValue(SqlNull{});
}

}  // namespace

Result<int64_t> SqlUserRepository::Insert(const User& u, const std::string& hash) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO users(code, name, password_hash, is_admin, valid, locale, time_zone, email, "
      "primary_organization_id, created_at, updated_at, profile, sort_order, auth_source) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {u.code, u.name, hash.empty() ? SqlValue(SqlNull{}) : SqlValue(hash), int64_t{u.is_admin},
       int64_t{u.valid}, u.locale, u.time_zone, u.email, OptionalInt(u.primary_organization_id),
       u.created_at, u.updated_at, ProfileToJson(u), OptionalInt(u.sort_order), u.auth_source}));
  return c_.LastInsertId();
}

Result<std::optional<User>> SqlUserRepository::FindByCode(std::string_view code) {
  return FirstUser(c_.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE code = ?",
                            {std::string(code)}));
}

Result<std::optional<User>> SqlUserRepository::FindDirectoryAccount(std::string_view login) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kUserColumns +
                                              " FROM users WHERE code = ? COLLATE NOCASE AND "
                                              "auth_source = 'ldap' LIMIT 2",
                                          {std::string(login)}));
  if (rows.size() != 1) return std::optional<User>();
  return FirstUser(std::move(rows));
}

Result<std::optional<User>> SqlUserRepository::FindById(int64_t id) {
  return FirstUser(
      c_.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?", {id}));
}

Result<std::optional<std::string>> SqlUserRepository::PasswordHash(int64_t user_id) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT password_hash FROM users WHERE id = ?", {user_id}));
  if (rows.empty() || rows[0].IsNull(0)) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status SqlUserRepository::SetPasswordHash(int64_t user_id, const std::string& hash) {
  return c_.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {hash, user_id});
}

Result<std::vector<User>> SqlUserRepository::List(int64_t offset, int64_t limit) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kUserColumns +
                                              " FROM users ORDER BY id LIMIT ? OFFSET ?",
                                          {limit, offset}));
  std::vector<User> out;
  for (const Row& r : rows) out.push_back(ToUser(r));
  return out;
}

Result<int64_t> SqlUserRepository::Count() {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT count(*) FROM users"));
  return rows[0].Int(0);
}

Result<std::vector<User>> SqlUserRepository::Find(const domain::DirectoryFilter& f) {
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users";
  std::vector<SqlValue> params;
  AppendDirectoryFilter(f, sql, params);
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<User> out;
  for (const Row& r : rows) out.push_back(ToUser(r));
  return out;
}

Status SqlUserRepository::Update(const User& u) {
  return c_.Execute(
      "UPDATE users SET code = ?, name = ?, is_admin = ?, valid = ?, locale = ?, time_zone = ?, "
      "email = ?, primary_organization_id = ?, updated_at = ?, profile = ?, sort_order = ?, "
      "auth_source = ? WHERE id = ?",
      {u.code, u.name, int64_t{u.is_admin}, int64_t{u.valid}, u.locale, u.time_zone, u.email,
       OptionalInt(u.primary_organization_id), u.updated_at, ProfileToJson(u),
       OptionalInt(u.sort_order), u.auth_source, u.id});
}

Status SqlUserRepository::Delete(int64_t id) {
  return c_.Execute("DELETE FROM users WHERE id = ?", {id});
}

Status SqlSessionRepository::Insert(const domain::Session& s) {
  return c_.Execute(
      "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at) "
      "VALUES (?,?,?,?,?,?)",
      {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen_at});
}

Result<std::optional<domain::Session>> SqlSessionRepository::Find(std::string_view token_hash) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT token_hash, user_id, csrf_token, created_at, expires_at, "
                               "last_seen_at FROM sessions WHERE token_hash = ?",
                               {std::string(token_hash)}));
  if (rows.empty()) return std::optional<domain::Session>();
  const Row& r = rows[0];
  return std::optional<domain::Session>(
      domain::Session{r.Text(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5)});
}

Status SqlSessionRepository::Touch(std::string_view token_hash, int64_t last_seen,
                                   int64_t expires) {
  return c_.Execute("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
                    {last_seen, expires, std::string(token_hash)});
}

Status SqlSessionRepository::Delete(std::string_view token_hash) {
  return c_.Execute("DELETE FROM sessions WHERE token_hash = ?", {std::string(token_hash)});
}

Status SqlSessionRepository::DeleteExpired(int64_t now) {
  return c_.Execute("DELETE FROM sessions WHERE expires_at <= ?", {now});
}

Status SqlSessionRepository::DeleteForUser(int64_t user_id) {
  return c_.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

Result<domain::LoginFailures> SqlLoginThrottleRepository::Get(std::string_view key) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT failures, window_start, locked_until FROM "
                                          "login_failures WHERE key = ?",
                                          {std::string(key)}));
  if (rows.empty()) return domain::LoginFailures{};
  return domain::LoginFailures{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
}

Status SqlLoginThrottleRepository::Put(std::string_view key, const domain::LoginFailures& v) {
  return c_.Execute(
      "INSERT INTO login_failures(key, failures, window_start, locked_until) VALUES (?,?,?,?) "
      "ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, "
      "window_start = excluded.window_start, locked_until = excluded.locked_until",
      {std::string(key), v.failures, v.window_start, v.locked_until});
}

Status SqlLoginThrottleRepository::Clear(std::string_view key) {
  return c_.Execute("DELETE FROM login_failures WHERE key = ?", {std::string(key)});
}

namespace {

constexpr const char* kTokenColumns =
    "id, app_id, token_hash, hint, can_view, can_add, can_edit, can_delete, can_manage, "
    "created_by, created_at, revoked_at";

domain::ApiToken ToToken(const Row& r) {
  domain::ApiToken t;
  t.id = r.Int(0);
  t.app_id = r.Int(1);
  t.token_hash = r.Text(2);
  t.hint = r.Text(3);
  t.grant = {t.app_id, r.Int(4) != 0, r.Int(5) != 0, r.Int(6) != 0, r.Int(7) != 0, r.Int(8) != 0};
  t.created_by = r.Int(9);
  t.created_at = r.Int(10);
  if (!r.IsNull(11)) t.revoked_at = r.Int(11);
  return t;
}

}  // namespace

Result<int64_t> SqlApiTokenRepository::Insert(const domain::ApiToken& t) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO api_tokens(app_id, token_hash, hint, can_view, can_add, can_edit, can_delete, "
      "can_manage, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
      {t.app_id, t.token_hash, t.hint, int64_t{t.grant.view}, int64_t{t.grant.add},
       int64_t{t.grant.edit}, int64_t{t.grant.remove}, int64_t{t.grant.manage}, t.created_by,
       t.created_at}));
  return c_.LastInsertId();
}

Result<std::optional<domain::ApiToken>> SqlApiTokenRepository::FindByHash(std::string_view hash) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kTokenColumns +
                                              " FROM api_tokens WHERE token_hash = ?",
                                          {std::string(hash)}));
  if (rows.empty()) return std::optional<domain::ApiToken>();
  return std::optional<domain::ApiToken>(ToToken(rows[0]));
}

Result<std::vector<domain::ApiToken>> SqlApiTokenRepository::ListForApp(int64_t app_id) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(std::string("SELECT ") + kTokenColumns +
                                              " FROM api_tokens WHERE app_id = ? ORDER BY id",
                                          {app_id}));
  std::vector<domain::ApiToken> out;
  for (const Row& r : rows) out.push_back(ToToken(r));
  return out;
}

Status SqlApiTokenRepository::Revoke(int64_t app_id, int64_t token_id, int64_t at) {
  return c_.Execute("UPDATE api_tokens SET revoked_at = ? WHERE app_id = ? AND id = ?",
                    {at, app_id, token_id});
}

}  // namespace storage

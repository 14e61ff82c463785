#include "storage/repositories/sql_app_repository.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace storage {

using common::Result;
using common::SqlNull;
using common::Status;
using domain::App;

namespace {

constexpr const char* kAppColumns =
    "a.id, a.code, a.name, a.description, a.space_id, a.thread_id, a.creator, a.created_at, "
    "a.modifier, a.modified_at, a.revision, a.live_revision, a.next_field_id, a.next_row_id, "
    "a.deploy_status, cu.code, cu.name, cu.valid, mu.code, mu.name, mu.valid";
constexpr const char* kAppFrom =
    " FROM apps a LEFT JOIN users cu ON cu.id = a.creator LEFT JOIN users mu ON mu.id = a.modifier";

App ToApp(const Row& r) {
  App a;
  a.id = r.Int(0);
  a.code = r.Text(1);
  a.name = r.Text(2);
  a.description = r.Text(3);
  if (!r.IsNull(4)) a.space_id = r.Int(4);
  if (!r.IsNull(5)) a.thread_id = r.Int(5);
  a.creator = r.Int(6);
  a.created_at_ms = r.Int(7);
  a.modifier = r.Int(8);
  a.modified_at_ms = r.Int(9);
  a.revision = r.Int(10);
  a.live_revision = r.Int(11);
  a.next_field_id = r.Int(12);
  a.next_row_id = r.Int(13);
  a.deploy_status = r.Text(14);
  if (r.Int(17)) {
    a.creator_code = r.Text(15);
    a.creator_name = r.Text(16);
  }
  if (r.Int(20)) {
    a.modifier_code = r.Text(18);
    a.modifier_name = r.Text(19);
  }
  return a;
}

SqlValue Opt(const std::optional<int64_t>& v) { return v ? SqlValue(*v) : SqlValue(SqlNull{}); }

std::string Placeholders(size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
  return s;
}

}  // namespace

Result<int64_t> SqlAppRepository::Insert(const App& a) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO apps(code, name, description, space_id, thread_id, creator, created_at, "
      "modifier, modified_at, revision, live_revision, next_field_id, next_row_id, deploy_status) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      {a.code, a.name, a.description, Opt(a.space_id), Opt(a.thread_id), a.creator,
       a.created_at_ms, a.modifier, a.modified_at_ms, a.revision, a.live_revision,
       a.next_field_id, a.next_row_id, a.deploy_status}));
  return c_.LastInsertId();
}

std::shared_ptr<const AppRowCache::Entry> AppRowCache::Find(int64_t id) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  return it == entries_.end() || it->second->names_generation != names_generation_ ? nullptr
                                                                                  : it->second;
}

uint64_t AppRowCache::NamesGeneration() const {
  std::lock_guard lock(mutex_);
  return names_generation_;
}

void AppRowCache::Put(const App& app, uint64_t names_generation) {
  auto entry = std::make_shared<const Entry>(Entry{app, names_generation});
  std::lock_guard lock(mutex_);
  if (names_generation != names_generation_) return;
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[app.id] = std::move(entry);
}

void AppRowCache::InvalidateNames() {
  std::lock_guard lock(mutex_);
  ++names_generation_;
  entries_.clear();
}

Result<std::optional<App>> SqlAppRepository::Find(int64_t id) {
  if (!cache_) return FindUncached(id);
  auto cached = cache_->Find(id);
  if (cached) {
    // The columns that change without the others: one indexed row, four integers and a word.
    const App& a = cached->app;
    bool found = false, same = false;
    SqlValue key(id);
    TK_RETURN_IF_ERROR(c_.QueryEach(
        "SELECT revision, live_revision, next_row_id, deploy_status FROM apps WHERE id = ?",
        Params(&key, 1), [&](const Row& r) {
          found = true;
          same = r.Int(0) == a.revision && r.Int(1) == a.live_revision &&
                 r.Int(2) == a.next_row_id && r.Text(3) == a.deploy_status;
          return false;
        }));
    if (!found) return std::optional<App>();
    if (same) return std::optional<App>(a);
  }
  const uint64_t generation = cache_->NamesGeneration();  // before reading: see Put
  TK_ASSIGN_OR_RETURN(auto app, FindUncached(id));
  if (app) cache_->Put(*app, generation);
  return app;
}

Result<std::optional<App>> SqlAppRepository::FindUncached(int64_t id) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query(std::string("SELECT ") + kAppColumns + kAppFrom + " WHERE a.id = ?", {id}));
  if (rows.empty()) return std::optional<App>();
  return std::optional<App>(ToApp(rows[0]));
}

Result<std::vector<App>> SqlAppRepository::List(const domain::AppFilter& f) {
  std::string sql = std::string("SELECT ") + kAppColumns + kAppFrom + " WHERE a.live_revision > 0";
  std::vector<SqlValue> params;
  if (!f.ids.empty()) {
    sql += " AND a.id IN (" + Placeholders(f.ids.size()) + ")";
    for (int64_t id : f.ids) params.emplace_back(id);
  }
  if (!f.codes.empty()) {
    sql += " AND a.code IN (" + Placeholders(f.codes.size()) + ")";
    for (const auto& c : f.codes) params.emplace_back(c);
  }
  if (!f.name.empty()) {
    sql += " AND instr(lower(a.name), lower(?)) > 0";
    params.emplace_back(f.name);
  }
  if (!f.space_ids.empty()) {
    sql += " AND a.space_id IN (" + Placeholders(f.space_ids.size()) + ")";
    for (int64_t id : f.space_ids) params.emplace_back(id);
  }
  sql += " ORDER BY a.id LIMIT ? OFFSET ?";
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, params));
  std::vector<App> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(ToApp(r));
  return out;
}

Status SqlAppRepository::Update(const App& a) {
  return c_.Execute(
      "UPDATE apps SET code=?, name=?, description=?, space_id=?, thread_id=?, modifier=?, "
      "modified_at=?, revision=?, live_revision=?, next_field_id=?, next_row_id=?, "
      "deploy_status=? WHERE id=?",
      {a.code, a.name, a.description, Opt(a.space_id), Opt(a.thread_id), a.modifier,
       a.modified_at_ms, a.revision, a.live_revision, a.next_field_id, a.next_row_id,
       a.deploy_status, a.id});
}

Result<std::optional<boost::json::object>> SqlAppRepository::LoadSettings(int64_t app,
                                                                          domain::Stage stage,
                                                                          std::string_view kind) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT body FROM app_settings WHERE app_id=? AND stage=? AND kind=?",
                               {app, std::string(domain::StageName(stage)), std::string(kind)}));
  if (rows.empty()) return std::optional<boost::json::object>();
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(rows[0].Text(0), ec);
  if (ec || !v.is_object()) return common::Error::Internal("corrupt settings document");
  return std::optional<boost::json::object>(std::move(v.as_object()));
}

Status SqlAppRepository::SaveSettings(int64_t app, domain::Stage stage, std::string_view kind,
                                      const boost::json::object& body) {
  return c_.Execute(
      "INSERT INTO app_settings(app_id, stage, kind, body) VALUES (?,?,?,?) "
      "ON CONFLICT(app_id, stage, kind) DO UPDATE SET body = excluded.body",
      {app, std::string(domain::StageName(stage)), std::string(kind),
       boost::json::serialize(body)});
}

Status SqlAppRepository::CopySettings(int64_t app, domain::Stage from, domain::Stage to) {
  std::string f(domain::StageName(from)), t(domain::StageName(to));
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM app_settings WHERE app_id=? AND stage=?", {app, t}));
  return c_.Execute(
      "INSERT INTO app_settings(app_id, stage, kind, body) SELECT app_id, ?, kind, body FROM "
      "app_settings WHERE app_id=? AND stage=?",
      {t, app, f});
}

Result<std::vector<domain::StoredLookup>> SqlAppRepository::LookupsOn(int64_t datasource,
                                                                      std::string_view code) {
  // Substring tests skip forms without a lookup (only lookups have "relatedKeyField") or not
  // mentioning the app (stored definitions normalise relatedApp to {"app":"<id>","code":"…"});
  // SQLite's JSON functions then pick the lookups, top-level and in tables, out of the rest.
  TK_ASSIGN_OR_RETURN(
      auto rows,
      c_.Query(
          "WITH forms AS (SELECT app_id, body FROM app_settings WHERE kind='form' "
          "AND app_id<>?1 AND instr(body, '\"relatedKeyField\":')>0 "
          "AND (instr(body, '\"app\":\"' || ?1 || '\"')>0 "
          "OR (?2<>'' AND instr(body, '\"code\":\"' || ?2 || '\"')>0))), "
          "fields AS (SELECT app_id, f.value AS field FROM forms, json_each(body, '$.fields') f "
          "UNION ALL SELECT app_id, g.value FROM forms, json_each(body, '$.fields') f, "
          "json_each(f.value, '$.fields') g) "
          "SELECT app_id, json_extract(field, '$.properties.lookup') FROM fields "
          "WHERE json_type(field, '$.properties.lookup')='object' "
          "AND (CAST(json_extract(field, '$.properties.lookup.relatedApp.app') AS TEXT)=?3 "
          "OR (?2<>'' AND json_extract(field, '$.properties.lookup.relatedApp.code')=?2)) "
          "ORDER BY app_id",
          {datasource, std::string(code), std::to_string(datasource)}));
  std::vector<domain::StoredLookup> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(r.Text(1), ec);
    if (ec || !v.is_object()) return common::Error::Internal("corrupt settings document");
    out.push_back(domain::StoredLookup{r.Int(0), std::move(v.as_object())});
  }
  return out;
}

}  // namespace storage

#include "storage/repositories/sql_sharing_repository.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace storage {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Status;
using domain::PublicPage;

Result<int64_t> SqlSharingRepository::NextReceiptSequence(int64_t app, std::string_view period) {
  // One statement: the single writer connection makes it atomic across concurrent adds.
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("INSERT INTO receipt_sequences(app_id, period, last) "
                                          "VALUES (?, ?, 1) ON CONFLICT(app_id, period) DO UPDATE "
                                          "SET last = last + 1 RETURNING last",
                                          {app, std::string(period)}));
  if (rows.empty()) return Error::Internal("receipt sequence returned no row");
  return rows[0].Int(0);
}

Status SqlSharingRepository::InsertPage(PublicPage& p) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO public_pages(token, app_id, kind, enabled, settings, created_by, created_at, "
      "updated_at) VALUES (?,?,?,?,?,?,?,?)",
      {p.token, p.app_id, std::string(domain::KindName(p.kind)), int64_t{p.enabled},
       json::serialize(p.settings), p.publisher, p.created_at, p.updated_at}));
  p.id = c_.LastInsertId();
  return Status::Ok();
}

Status SqlSharingRepository::UpdatePage(const PublicPage& p) {
  return c_.Execute(
      "UPDATE public_pages SET enabled = ?, settings = ?, created_by = ?, updated_at = ? "
      "WHERE id = ?",
      {int64_t{p.enabled}, json::serialize(p.settings), p.publisher, p.updated_at, p.id});
}

Status SqlSharingRepository::DeletePage(int64_t id) {
  return c_.Execute("DELETE FROM public_pages WHERE id = ?", {id});
}

Result<std::vector<PublicPage>> SqlSharingRepository::Select(std::string_view where, SqlValue key) {
  std::string sql =
      "SELECT id, token, app_id, kind, enabled, settings, created_by, created_at, updated_at "
      "FROM public_pages WHERE " +
      std::string(where) + " ORDER BY id";
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, Params(&key, 1)));
  std::vector<PublicPage> out;
  for (const Row& r : rows) {
    PublicPage p;
    p.id = r.Int(0);
    p.token = r.Text(1);
    p.app_id = r.Int(2);
    p.kind = domain::ParseKind(r.Text(3)).value_or(domain::PublicPageKind::kForm);
    p.enabled = r.Int(4) != 0;
    boost::system::error_code ec;
    json::value settings = json::parse(r.Text(5), ec);
    if (!ec && settings.is_object()) p.settings = std::move(settings.as_object());
    p.publisher = r.Int(6);  // column created_by: the publisher since it was last changed
    p.created_at = r.Int(7);
    p.updated_at = r.Int(8);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::optional<PublicPage>> SqlSharingRepository::FindPage(int64_t id) {
  TK_ASSIGN_OR_RETURN(auto pages, Select("id = ?", id));
  if (pages.empty()) return std::optional<PublicPage>();
  return std::optional<PublicPage>(std::move(pages[0]));
}

Result<std::optional<PublicPage>> SqlSharingRepository::FindPageByToken(std::string_view token) {
  TK_ASSIGN_OR_RETURN(auto pages, Select("token = ?", std::string(token)));
  if (pages.empty()) return std::optional<PublicPage>();
  return std::optional<PublicPage>(std::move(pages[0]));
}

Result<std::optional<domain::StoredPageRow>> SqlSharingRepository::FindPageRowByToken(
    std::string_view token) {
  std::optional<domain::StoredPageRow> out;
  SqlValue key{std::string(token)};
  TK_RETURN_IF_ERROR(c_.QueryEach(
      "SELECT id, app_id, kind, enabled, settings FROM public_pages WHERE token = ?",
      Params(&key, 1), [&](const Row& r) {
        out.emplace();
        out->id = r.Int(0);
        out->app_id = r.Int(1);
        out->kind = domain::ParseKind(r.Text(2)).value_or(domain::PublicPageKind::kForm);
        out->enabled = r.Int(3) != 0;
        out->settings = r.Text(4);
        return false;
      }));
  return out;
}

Result<std::vector<PublicPage>> SqlSharingRepository::ListPages(int64_t app) {
  return Select("app_id = ?", app);
}

Result<std::optional<domain::PublicSubmission>> SqlSharingRepository::FindSubmission(
    int64_t page, std::string_view key) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT record_id, receipt FROM public_submissions "
                                          "WHERE page_id = ? AND idempotency_key = ?",
                                          {page, std::string(key)}));
  if (rows.empty()) return std::optional<domain::PublicSubmission>();
  return std::optional<domain::PublicSubmission>(
      domain::PublicSubmission{rows[0].Int(0), rows[0].Text(1)});
}

Status SqlSharingRepository::InsertSubmission(int64_t page, std::string_view key,
                                              const domain::PublicSubmission& s, int64_t at) {
  return c_.Execute(
      "INSERT INTO public_submissions(page_id, idempotency_key, record_id, receipt, created_at) "
      "VALUES (?,?,?,?,?)",
      {page, std::string(key), s.record_id, s.receipt, at});
}

Result<int64_t> SqlSharingRepository::CountSubmissions(int64_t page) {
  TK_ASSIGN_OR_RETURN(
      auto rows, c_.Query("SELECT count(*) FROM public_submissions WHERE page_id = ?", {page}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<int64_t> SqlSharingRepository::EnsureSystemUser(std::string_view code, std::string_view name,
                                                       int64_t now) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT id FROM users WHERE code = ?", {std::string(code)}));
  if (!rows.empty()) return rows[0].Int(0);
  // No password hash: the account can never sign in; it only names who created a record.
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO users(code, name, password_hash, created_at, updated_at) VALUES (?,?,NULL,?,?)",
      {std::string(code), std::string(name), now, now}));
  return c_.LastInsertId();
}

common::Status SqlSharingRepository::MergeAttempts(const std::vector<domain::AttemptState>& deltas,
                                                   int64_t now) {
  // SET expressions all read the row as it was. A delta at or after the row's window end
  // starts a new window; one that ended before the row's window began is stale and adds
  // nothing; otherwise the windows overlap and the attempts add up.
  static constexpr std::string_view kUpsert =
      "INSERT INTO attempt_counters(key, window_start, window_seconds, attempts, blocked_until, "
      "strikes, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(key) DO UPDATE SET "
      "attempts = CASE WHEN excluded.window_start >= window_start + window_seconds THEN "
      "excluded.attempts "
      "WHEN window_start >= excluded.window_start + excluded.window_seconds THEN attempts "
      "ELSE attempts + excluded.attempts END, "
      "window_start = CASE WHEN excluded.window_start >= window_start + window_seconds "
      "THEN excluded.window_start ELSE window_start END, "
      "window_seconds = max(window_seconds, excluded.window_seconds), "
      "blocked_until = max(blocked_until, excluded.blocked_until), "
      "strikes = max(strikes, excluded.strikes), updated_at = excluded.updated_at";
  for (const domain::AttemptState& d : deltas) {
    TK_RETURN_IF_ERROR(c_.Execute(kUpsert, {d.key, d.window_start, d.window, d.attempts,
                                            d.blocked_until, int64_t{d.strikes}, now}));
  }
  return common::Status::Ok();
}

common::Result<std::vector<domain::AttemptState>> SqlSharingRepository::LoadAttempts(
    int64_t since) {
  std::vector<domain::AttemptState> out;
  SqlValue at{since};
  TK_RETURN_IF_ERROR(
      c_.QueryEach("SELECT key, window_start, window_seconds, attempts, blocked_until, strikes "
                   "FROM attempt_counters "
                   "WHERE updated_at >= ?",
                   Params(&at, 1), [&](const Row& r) {
                     out.push_back({r.Text(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4),
                                    static_cast<int>(r.Int(5))});
                     return true;
                   }));
  return out;
}

common::Status SqlSharingRepository::PruneAttempts(int64_t now, int64_t before) {
  return c_.Execute("DELETE FROM attempt_counters WHERE blocked_until <= ? AND updated_at < ?",
                    {now, before});
}

}  // namespace storage

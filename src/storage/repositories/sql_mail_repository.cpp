#include "storage/repositories/sql_mail_repository.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace storage {

namespace json = boost::json;
using common::Result;
using common::Status;
using domain::MailStatus;
using domain::OutboxMessage;

namespace {

constexpr std::string_view kColumns =
    "SELECT id, status, kind, app_id, record_id, to_address, subject, body, message_id, "
    "attempts, next_attempt_at, last_error, created_at, sent_at FROM mail_outbox ";

SqlValue Optional(const std::optional<int64_t>& v) { return v ? SqlValue(*v) : SqlValue(); }

std::string StatusText(MailStatus s) { return std::string(domain::MailStatusName(s)); }

}  // namespace

Result<std::vector<OutboxMessage>> SqlMailRepository::Select(std::string_view tail,
                                                             std::vector<SqlValue> params) {
  std::string sql = std::string(kColumns) + std::string(tail);
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, Params(params.data(), params.size())));
  std::vector<OutboxMessage> out;
  out.reserve(rows.size());
  for (const Row& r : rows) {
    OutboxMessage m;
    m.id = r.Int(0);
    m.status = domain::ParseMailStatus(r.Text(1)).value_or(MailStatus::kQueued);
    m.kind = r.Text(2);
    if (!r.IsNull(3)) m.app_id = r.Int(3);
    if (!r.IsNull(4)) m.record_id = r.Int(4);
    m.to = r.Text(5);
    m.subject = r.Text(6);
    m.body = r.Text(7);
    m.message_id = r.Text(8);
    m.attempts = r.Int(9);
    m.next_attempt_at = r.Int(10);
    m.last_error = r.Text(11);
    m.created_at = r.Int(12);
    if (!r.IsNull(13)) m.sent_at = r.Int(13);
    out.push_back(std::move(m));
  }
  return out;
}

common::Status SqlMailRepository::Enqueue(OutboxMessage& m) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO mail_outbox(status, kind, app_id, record_id, to_address, subject, body, "
      "message_id, attempts, next_attempt_at, last_error, created_at) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
      {StatusText(m.status), m.kind, Optional(m.app_id), Optional(m.record_id), m.to, m.subject,
       m.body, m.message_id, m.attempts, m.next_attempt_at, m.last_error, m.created_at}));
  m.id = c_.LastInsertId();
  return Status::Ok();
}

Result<std::vector<OutboxMessage>> SqlMailRepository::Due(int64_t now, int64_t limit) {
  return Select(
      "WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
      "LIMIT ?",
      {now, limit});
}

Result<bool> SqlMailRepository::Claim(int64_t id, int64_t expected_next, int64_t lease_until) {
  TK_RETURN_IF_ERROR(
      c_.Execute("UPDATE mail_outbox SET attempts = attempts + 1, next_attempt_at = ? "
                 "WHERE id = ? AND status = 'queued' AND next_attempt_at = ?",
                 {lease_until, id, expected_next}));
  return c_.Changes() == 1;
}

common::Status SqlMailRepository::MarkSent(int64_t id, int64_t at) {
  return c_.Execute(
      "UPDATE mail_outbox SET status = 'sent', sent_at = ?, last_error = '' "
      "WHERE id = ?",
      {at, id});
}

common::Status SqlMailRepository::MarkRetry(int64_t id, int64_t next, std::string_view error) {
  return c_.Execute(
      "UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ? AND "
      "status = 'queued'",
      {next, std::string(error), id});
}

common::Status SqlMailRepository::MarkFailed(int64_t id, std::string_view error) {
  return c_.Execute("UPDATE mail_outbox SET status = 'failed', last_error = ? WHERE id = ?",
                    {std::string(error), id});
}

Result<bool> SqlMailRepository::Requeue(int64_t id, int64_t now) {
  TK_RETURN_IF_ERROR(
      c_.Execute("UPDATE mail_outbox SET status = 'queued', attempts = 0, next_attempt_at = ? "
                 "WHERE id = ? AND status = 'failed'",
                 {now, id}));
  return c_.Changes() == 1;
}

Result<std::optional<OutboxMessage>> SqlMailRepository::Find(int64_t id) {
  TK_ASSIGN_OR_RETURN(auto list, Select("WHERE id = ?", {id}));
  if (list.empty()) return std::optional<OutboxMessage>();
  return std::optional<OutboxMessage>(std::move(list.front()));
}

Result<std::vector<OutboxMessage>> SqlMailRepository::List(const domain::OutboxFilter& f) {
  if (f.status) {
    return Select("WHERE status = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                  {StatusText(*f.status), f.limit, f.offset});
  }
  return Select("ORDER BY id DESC LIMIT ? OFFSET ?", {f.limit, f.offset});
}

Result<int64_t> SqlMailRepository::Count(std::optional<MailStatus> status) {
  TK_ASSIGN_OR_RETURN(
      auto rows,
      status ? c_.Query("SELECT count(*) FROM mail_outbox WHERE status = ?", {StatusText(*status)})
             : c_.Query("SELECT count(*) FROM mail_outbox"));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::optional<domain::SmtpSettings>> SqlMailRepository::LoadSettings() {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT settings FROM mail_settings WHERE id = 1"));
  if (rows.empty()) return std::optional<domain::SmtpSettings>();
  boost::system::error_code ec;
  json::value v = json::parse(rows[0].Text(0), ec);
  if (ec || !v.is_object()) return std::optional<domain::SmtpSettings>();
  return std::optional<domain::SmtpSettings>(domain::SmtpSettings::FromStoredJson(v.as_object()));
}

common::Status SqlMailRepository::SaveSettings(const domain::SmtpSettings& s, int64_t at) {
  return c_.Execute(
      "INSERT INTO mail_settings(id, settings, updated_at) VALUES (1, ?, ?) "
      "ON CONFLICT(id) DO UPDATE SET settings = excluded.settings, updated_at = "
      "excluded.updated_at",
      {json::serialize(s.ToStoredJson()), at});
}

}  // namespace storage

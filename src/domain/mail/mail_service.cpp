#include "domain/mail/mail_service.h"

#include <algorithm>

#include "common/log.h"
#include "common/random.h"
#include "domain/mail/mime.h"
#include "domain/permissions/access.h"
#include "domain/sharing/public_form_settings.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::Result;
using common::Status;
using common::Text;

namespace {

// The settings with the password opened. A password that does not open (the key file lost or
// replaced) reads as none, so an administrator can enter it again; the log says why.
Result<SmtpSettings> Load(Transaction& tx, const SecretBox& secrets) {
  TK_ASSIGN_OR_RETURN(auto stored, tx.mail().LoadSettings());
  SmtpSettings s = stored.value_or(SmtpSettings{});
  if (!s.password_sealed.empty()) {
    auto plain = secrets.Open(s.password_sealed);
    if (plain.ok()) {
      s.password = std::move(plain).value();
    } else {
      common::LogError("mail settings: the SMTP password cannot be opened: " +
                       plain.error().ToString());
      s.password.clear();
      s.password_sealed.clear();
    }
  }
  return s;
}

Status Save(Transaction& tx, SmtpSettings s, const SecretBox& secrets, int64_t now) {
  s.password_sealed.clear();
  if (!s.password.empty()) {
    TK_ASSIGN_OR_RETURN(s.password_sealed, secrets.Seal(s.password));
  }
  s.password.clear();
  return tx.mail().SaveSettings(s, now);
}

json::value Time(std::optional<int64_t> t) {
  return t ? json::value(FormatUtcTimestamp(*t)) : json::value(nullptr);
}

json::object MessageJson(const OutboxMessage& m) {
  return json::object{
      {"id", std::to_string(m.id)},
      {"status", MailStatusName(m.status)},
      {"kind", m.kind},
      {"app", m.app_id ? json::value(std::to_string(*m.app_id)) : json::value(nullptr)},
      {"record", m.record_id ? json::value(std::to_string(*m.record_id)) : json::value(nullptr)},
      {"to", m.to},
      {"subject", m.subject},
      {"attempts", m.attempts},
      {"lastError", m.last_error},
      {"createdAt", Time(m.created_at)},
      {"nextAttemptAt", m.status == MailStatus::kQueued ? Time(m.next_attempt_at) : nullptr},
      {"sentAt", Time(m.sent_at)}};
}

MailMessage ToMime(const SmtpSettings& s, const OutboxMessage& m, int64_t now) {
  MailMessage mime;
  mime.from_address = s.from_address;
  mime.from_name = s.from_name;
  mime.to = m.to;
  mime.subject = m.subject;
  mime.body = m.body;
  mime.message_id = MakeMessageId(m.message_id, s.from_address);
  mime.date = m.created_at ? m.created_at : now;
  return mime;
}

}  // namespace

Status EnqueueMail(Transaction& tx, OutboxMessage m, int64_t now) {
  m.status = MailStatus::kQueued;
  m.attempts = 0;
  m.next_attempt_at = now;
  m.created_at = now;
  if (m.message_id.empty()) m.message_id = common::RandomHex(16);
  return tx.mail().Enqueue(m);
}

int64_t MailService::BackOff(int64_t attempts) const {
  int64_t wait = options_.retry_seconds;
  for (int64_t i = 1; i < attempts && wait < options_.max_retry_seconds; ++i) wait *= 2;
  return std::min(wait, options_.max_retry_seconds);
}

Result<json::object> MailService::GetSettings(const Principal& who) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  SmtpSettings s;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(s, Load(tx, secrets_));
    return Status::Ok();
  }));
  return json::object{{"settings", s.ToJson()}};
}

Result<json::object> MailService::PutSettings(const Principal& who, const json::object& body) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  SmtpSettings saved;
  TK_RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(SmtpSettings current, Load(tx, secrets_));
    TK_ASSIGN_OR_RETURN(saved, SmtpSettings::FromJson(body, current));
    return Save(tx, saved, secrets_, clock_.NowSeconds());
  }));
  return json::object{{"settings", saved.ToJson()}};
}

Status MailService::SealStoredPassword() {
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto stored, tx.mail().LoadSettings());
    if (!stored || stored->password.empty() || !stored->password_sealed.empty()) {
      return Status::Ok();
    }
    TK_RETURN_IF_ERROR(Save(tx, *stored, secrets_, clock_.NowSeconds()));
    common::LogInfo("mail settings: the SMTP password stored in plain text is now sealed");
    return Status::Ok();
  });
}

Status MailService::SendTest(const Principal& who, std::string_view to) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  if (!IsMailAddress(to)) return Error::Invalid("to", Text::kBadMailAddress);
  SmtpSettings s;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(s, Load(tx, secrets_));
    return Status::Ok();
  }));
  Error missing = Error::Validation();
  if (s.host.empty()) missing.AddField("host", Text::kRequiredParam);
  if (s.from_address.empty()) missing.AddField("fromAddress", Text::kRequiredParam);
  if (missing.has_fields()) return missing;
  OutboxMessage m;
  m.to = std::string(to);
  m.subject = "Tsumiki テストメール / test message";
  m.body =
      "Tsumiki のメール送信設定を確認するためのテストメールです。\n"
      "This is a test message from Tsumiki to check the mail settings.\n";
  m.message_id = common::RandomHex(16);
  TK_ASSIGN_OR_RETURN(std::string mime, BuildMime(ToMime(s, m, clock_.NowSeconds())));
  SendResult r = mailer_.Send(s, m.to, mime);
  if (!r.ok) return Error(ErrorCode::kMailSendFailed, {r.error}).WithDetail(r.error);
  return Status::Ok();
}

Result<json::object> MailService::ListOutbox(const Principal& who, const OutboxFilter& filter) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  json::object out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto list, tx.mail().List(filter));
    json::array messages;
    for (const OutboxMessage& m : list) messages.push_back(MessageJson(m));
    out["messages"] = std::move(messages);
    TK_ASSIGN_OR_RETURN(int64_t total, tx.mail().Count(filter.status));
    out["totalCount"] = std::to_string(total);
    json::object counts;
    for (MailStatus st : {MailStatus::kQueued, MailStatus::kSent, MailStatus::kFailed}) {
      TK_ASSIGN_OR_RETURN(int64_t n, tx.mail().Count(st));
      counts[MailStatusName(st)] = n;
    }
    out["counts"] = std::move(counts);
    return Status::Ok();
  }));
  return out;
}

Status MailService::Retry(const Principal& who, int64_t id) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  return db_.Write([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto m, tx.mail().Find(id));
    if (!m) return Error(ErrorCode::kMailNotFound, {std::to_string(id)});
    if (m->status != MailStatus::kFailed) return Error::Invalid("id", Text::kMailNotFailed);
    TK_ASSIGN_OR_RETURN(bool requeued, tx.mail().Requeue(id, clock_.NowSeconds()));
    if (!requeued) return Error::Invalid("id", Text::kMailNotFailed);
    return Status::Ok();
  });
}

int64_t MailService::DeliverDue() {
  int64_t now = clock_.NowSeconds();
  SmtpSettings settings;
  std::vector<OutboxMessage> due;
  Status read = db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(settings, Load(tx, secrets_));
    if (!settings.enabled) return Status::Ok();
    TK_ASSIGN_OR_RETURN(due, tx.mail().Due(now, options_.batch));
    return Status::Ok();
  });
  if (!read.ok()) {
    common::LogError("mail queue: " + read.error().ToString());
    return 0;
  }
  int64_t tried = 0;
  for (OutboxMessage& m : due) {
    // The lease outlasts one attempt (connect + send timeouts), so no other sender takes
    // the message meanwhile; if this process dies, the message is retried after it.
    int64_t lease = now + 2 * settings.timeout_seconds + 60;
    bool claimed = false;
    Status claim = db_.Write([&](Transaction& tx) -> Status {
      TK_ASSIGN_OR_RETURN(claimed, tx.mail().Claim(m.id, m.next_attempt_at, lease));
      return Status::Ok();
    });
    if (!claim.ok() || !claimed) continue;
    ++tried;
    int64_t attempts = m.attempts + 1;
    SendResult r;
    auto mime = BuildMime(ToMime(settings, m, now));
    if (!mime.ok()) {
      r.transient = false;
      r.error = "invalid message: " + mime.error().ToString();
    } else {
      r = mailer_.Send(settings, m.to, *mime);
    }
    int64_t done = clock_.NowSeconds();
    Status update = db_.Write([&](Transaction& tx) -> Status {
      if (r.ok) return tx.mail().MarkSent(m.id, done);
      if (!r.transient || attempts >= settings.max_attempts)
        return tx.mail().MarkFailed(m.id, r.error);
      return tx.mail().MarkRetry(m.id, done + BackOff(attempts), r.error);
    });
    if (!update.ok()) common::LogError("mail queue: " + update.error().ToString());
    if (!r.ok) {
      common::LogWarn("mail " + std::to_string(m.id) + " attempt " + std::to_string(attempts) +
                      " failed: " + r.error);
    }
  }
  return tried;
}

}  // namespace domain

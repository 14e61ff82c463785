// Outgoing mail for administrators: GET/PUT /api/admin/mail/settings.json (the password is
// write-only), POST /api/admin/mail/test.json {to} sends one message now and answers with the
// SMTP server's refusal if any, GET /api/admin/mail/outbox.json?status=&limit=&offset= lists
// the queue (no bodies), POST /api/admin/mail/retry.json {id} queues a failed message again.
// Permission checks are in domain::MailService; the audit trail records the writes.
#include "api/admin/mail_endpoints.h"

#include "api/dispatcher.h"
#include "domain/mail/mail_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

void AddMailRoutes(Dispatcher& d, domain::MailService& mail) {
  constexpr Access kUser = Access::kUserOnly;
  d.At("GET", "/api/admin/mail/settings.json", kUser,
       [&mail](Call& c) -> JsonResult { return mail.GetSettings(c.principal); });
  d.At("PUT", "/api/admin/mail/settings.json", kUser, [&mail](Call& c) -> JsonResult {
    const json::value* settings = c.params.values().if_contains("settings");
    if (!settings || !settings->is_object()) {
      return Error::Invalid("settings", Text::kRequiredParam);
    }
    return mail.PutSettings(c.principal, settings->as_object());
  });
  d.At("POST", "/api/admin/mail/test.json", kUser, [&mail](Call& c) -> JsonResult {
    TK_ASSIGN_OR_RETURN(std::string to, c.params.RequiredString("to"));
    TK_RETURN_IF_ERROR(mail.SendTest(c.principal, to));
    return json::object{};
  });
  d.At("GET", "/api/admin/mail/outbox.json", kUser, [&mail](Call& c) -> JsonResult {
    domain::OutboxFilter f;
    TK_ASSIGN_OR_RETURN(auto status, c.params.OptionalString("status"));
    if (status && !status->empty()) {
      f.status = domain::ParseMailStatus(*status);
      if (!f.status) return Error::Invalid("status", Text::kBadValueShape);
    }
    TK_ASSIGN_OR_RETURN(auto limit, c.params.OptionalInt("limit", 1, 500));
    TK_ASSIGN_OR_RETURN(auto offset, c.params.OptionalInt("offset", 0, INT64_MAX));
    f.limit = limit.value_or(100);
    f.offset = offset.value_or(0);
    return mail.ListOutbox(c.principal, f);
  });
  d.At("POST", "/api/admin/mail/retry.json", kUser, [&mail](Call& c) -> JsonResult {
    TK_ASSIGN_OR_RETURN(int64_t id, c.params.RequiredId("id"));
    TK_RETURN_IF_ERROR(mail.Retry(c.principal, id));
    return json::object{};
  });
}

}  // namespace api

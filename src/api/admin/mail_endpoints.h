// /api/admin/mail/… : SMTP settings, a test message, the outgoing queue (administrators).
#pragma once

#include "api/kintone/endpoints.h"

namespace domain {
class MailService;
}

namespace api {

class Dispatcher;
void AddMailRoutes(Dispatcher& d, domain::MailService& mail);

}  // namespace api

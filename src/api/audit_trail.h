// Decides which API calls go into the audit log and what each entry says: sign-ins and
// their failures, logouts, password changes, directory and permission changes, app
// deploys, API token creation, revocation and use, exports, and reads of records in apps
// marked as holding personal data (one entry per request listing the record ids).
// The Dispatcher calls it after every call; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "api/call.h"
#include "common/clock.h"
#include "domain/audit/audit_log.h"

namespace api {

class AuditTrail {
 public:
  AuditTrail(domain::AuditLog& log, const common::Clock& clock);

  // Credentials were presented and refused (wrong password, locked, admin off-network).
  void AuthenticationFailed(const Call& call, const common::Error& error);
  // An endpoint ran on `route` (the registered path): `error` when it failed, `body` when it
  // answered a JSON object, `shown` when it answered records as text (record reads).
  void Observe(const Call& call, std::string_view route, const common::Error* error,
               const boost::json::object* body, const RecordsShown* shown = nullptr);

 private:
  domain::AuditEvent Base(const Call& call, std::string action) const;
  bool HoldsPersonalData(int64_t app);
  void RecordReads(const Call& call, int64_t app, const RecordsShown* shown);
  void TokenUse(const Call& call, std::string_view route);
  void Write(std::vector<domain::AuditEvent> events);

  domain::AuditLog& log_;
  const common::Clock& clock_;
  std::mutex mutex_;                                      // guards the three maps
  std::map<int64_t, std::pair<bool, int64_t>> personal_;  // app → (flag, valid until ms)
  std::map<std::string, int64_t> cursor_apps_;            // open cursor id → app
  std::map<int64_t, int64_t> token_seen_;                 // app → minute of last token.use
};

}  // namespace api

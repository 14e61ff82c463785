// Port: the audit log — who did what, when, from where. Append-only and hash-chained: each
// entry carries the SHA-256 of the previous entry's hash and its own canonical form, so a
// removed, inserted or altered entry breaks the chain that Verify walks. Implemented in
// storage/; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace domain {

// What happened, as recorded.
struct AuditEvent {
  int64_t at_ms = 0;  // Unix time in milliseconds
  std::optional<int64_t> user_id;
  std::string user_code;  // the login name (also for failed logins of unknown names)
  std::string address;    // the client's address
  std::string action;     // "login", "login.failure", "record.read", "token.create", …
  std::optional<int64_t> app_id{};
  std::string target;  // what it was done to: record ids "1,5,9", user codes, token id
  std::string detail;  // a JSON object with the rest ("{}" when nothing)
};

struct AuditEntry : AuditEvent {
  int64_t seq = 0;  // 1, 2, 3… without gaps
  std::string prev_hash;
  std::string hash;
};

struct AuditFilter {
  std::string user_code{};  // exact; "" = anyone
  std::string action{};   // exact, or a prefix ending in '.' ("login." = login.*); "" = all
  std::optional<int64_t> app_id{};
  std::optional<int64_t> from_ms{};  // inclusive
  std::optional<int64_t> to_ms{};    // exclusive
  int64_t offset = 0;
  int64_t limit = 100;
};

struct AuditVerification {
  bool intact = true;
  int64_t entries = 0;
  int64_t last_seq = 0;
  std::string head_hash;  // keep it elsewhere: a truncated tail is found by comparing
  std::optional<int64_t> bad_seq;
  std::string problem;  // in English, for the operator
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends the events in order, in one transaction.
  virtual common::Status Append(const std::vector<AuditEvent>& events) = 0;
  // Newest first.
  virtual common::Result<std::vector<AuditEntry>> Search(const AuditFilter& filter) = 0;
  virtual common::Result<AuditVerification> Verify() = 0;
  // Whether the deployed settings of `app` mark it as holding personal data
  // ("holdsPersonalData": true in app/settings.json), so reads of its records are logged.
  virtual common::Result<bool> HoldsPersonalData(int64_t app) = 0;
};

}  // namespace domain

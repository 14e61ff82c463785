// The audit log in SQLite (table audit_log, schema v6). Appends compute the hash chain
// inside the write transaction, so concurrent appends chain in commit order. Thread-safe.
#pragma once

#include <string>

#include "domain/audit/audit_log.h"
#include "storage/database.h"

namespace storage {

// The chain's link: SHA-256 hex of `prev_hash`, a newline, and the entry's canonical form
// (a JSON array of every recorded column in a fixed order).
std::string AuditCanonicalForm(const domain::AuditEntry& entry);
std::string AuditChainHash(const std::string& prev_hash, const domain::AuditEntry& entry);
// The previous hash of entry 1.
inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

class SqlAuditLog final : public domain::AuditLog {
 public:
  explicit SqlAuditLog(Database& db) : db_(db) {}
  common::Status Append(const std::vector<domain::AuditEvent>& events) override;
  common::Result<std::vector<domain::AuditEntry>> Search(const domain::AuditFilter& f) override;
  common::Result<domain::AuditVerification> Verify() override;
  common::Result<bool> HoldsPersonalData(int64_t app) override;

 private:
  Database& db_;
};

}  // namespace storage

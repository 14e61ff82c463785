// TwoFactorStore on the users table (totp_* columns) and recovery_codes. Thread-safe.
#pragma once

#include "domain/users/two_factor_store.h"
#include "storage/database.h"

namespace storage {

class SqlTwoFactorStore final : public domain::TwoFactorStore {
 public:
  explicit SqlTwoFactorStore(Database& db) : db_(db) {}
  common::Result<domain::TwoFactorState> Get(int64_t user_id) override;
  common::Status SetPending(int64_t user_id, const std::string& secret) override;
  common::Status Enable(int64_t user_id, int64_t step,
                        const std::vector<std::string>& recovery_hashes) override;
  common::Status Disable(int64_t user_id) override;
  common::Result<bool> UseStep(int64_t user_id, int64_t step) override;
  common::Result<bool> UseRecoveryCode(int64_t user_id, const std::string& hash,
                                       int64_t now) override;
  common::Result<int64_t> RecoveryCodesLeft(int64_t user_id) override;

 private:
  Database& db_;
};

}  // namespace storage

// Port: a user's TOTP second factor and recovery codes. Implemented in storage/ on the
// users table; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace domain {

struct TwoFactorState {
  std::string secret;  // base32; set while enrolling, kept once enabled
  bool enabled = false;
  int64_t last_step = 0;  // the last TOTP time step accepted (replay protection)
};

class TwoFactorStore {
 public:
  virtual ~TwoFactorStore() = default;
  virtual common::Result<TwoFactorState> Get(int64_t user_id) = 0;
  // Starts (or restarts) enrolment: a new secret, not yet required at sign-in.
  virtual common::Status SetPending(int64_t user_id, const std::string& secret) = 0;
  // Requires the pending secret from now on, with these recovery codes (hashes) only.
  virtual common::Status Enable(int64_t user_id, int64_t step,
                                const std::vector<std::string>& recovery_hashes) = 0;
  virtual common::Status Disable(int64_t user_id) = 0;
  // Records `step` as used; false when it (or a later one) was used already.
  virtual common::Result<bool> UseStep(int64_t user_id, int64_t step) = 0;
  // Spends one unused recovery code; false when there is no such unused code.
  virtual common::Result<bool> UseRecoveryCode(int64_t user_id, const std::string& hash,
                                               int64_t now) = 0;
  virtual common::Result<int64_t> RecoveryCodesLeft(int64_t user_id) = 0;
};

}  // namespace domain

#include "storage/repositories/sql_two_factor_store.h"

namespace storage {

using common::Result;
using common::Status;

Result<domain::TwoFactorState> SqlTwoFactorStore::Get(int64_t user_id) {
  domain::TwoFactorState state;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(
        auto rows, c.Query("SELECT totp_secret, totp_enabled, totp_last_step FROM users WHERE id=?",
                           {user_id}));
    if (rows.empty()) return Status::Ok();
    state.secret = rows[0].Text(0);
    state.enabled = rows[0].Int(1) != 0;
    state.last_step = rows[0].Int(2);
    return Status::Ok();
  }));
  return state;
}

Status SqlTwoFactorStore::SetPending(int64_t user_id, const std::string& secret) {
  return db_.Write([&](Connection& c) {
    return c.Execute("UPDATE users SET totp_secret=? WHERE id=? AND totp_enabled=0",
                     {secret, user_id});
  });
}

Status SqlTwoFactorStore::Enable(int64_t user_id, int64_t step,
                                 const std::vector<std::string>& recovery_hashes) {
  return db_.Write([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.Execute(
        "UPDATE users SET totp_enabled=1, totp_last_step=? WHERE id=? AND totp_secret<>''",
        {step, user_id}));
    TK_RETURN_IF_ERROR(c.Execute("DELETE FROM recovery_codes WHERE user_id=?", {user_id}));
    for (const std::string& hash : recovery_hashes) {
      TK_RETURN_IF_ERROR(c.Execute("INSERT INTO recovery_codes(user_id, code_hash) VALUES (?,?)",
                                   {user_id, hash}));
    }
    return Status::Ok();
  });
}

Status SqlTwoFactorStore::Disable(int64_t user_id) {
  return db_.Write([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.Execute(
        "UPDATE users SET totp_secret='', totp_enabled=0, totp_last_step=0 WHERE id=?", {user_id}));
    return c.Execute("DELETE FROM recovery_codes WHERE user_id=?", {user_id});
  });
}

Result<bool> SqlTwoFactorStore::UseStep(int64_t user_id, int64_t step) {
  bool used = false;
  TK_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(
        c.Execute("UPDATE users SET totp_last_step=? WHERE id=? AND totp_last_step<?",
                  {step, user_id, step}));
    used = c.Changes() == 1;
    return Status::Ok();
  }));
  return used;
}

Result<bool> SqlTwoFactorStore::UseRecoveryCode(int64_t user_id, const std::string& hash,
                                                int64_t now) {
  bool used = false;
  TK_RETURN_IF_ERROR(db_.Write([&](Connection& c) -> Status {
    TK_RETURN_IF_ERROR(c.Execute(
        "UPDATE recovery_codes SET used_at=? WHERE user_id=? AND code_hash=? AND used_at IS NULL",
        {now, user_id, hash}));
    used = c.Changes() == 1;
    return Status::Ok();
  }));
  return used;
}

Result<int64_t> SqlTwoFactorStore::RecoveryCodesLeft(int64_t user_id) {
  int64_t left = 0;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("SELECT count(*) FROM recovery_codes WHERE user_id=? AND used_at IS NULL",
                {user_id}));
    left = rows.empty() ? 0 : rows[0].Int(0);
    return Status::Ok();
  }));
  return left;
}

}  // namespace storage

// The domain's PasswordHasher port on Argon2id (auth::HashPassword). Stateless; thread-safe.
#pragma once

#include "auth/password.h"
#include "domain/users/password_hasher.h"

namespace auth {

class Argon2PasswordHasher final : public domain::PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override { return HashPassword(password); }
};

}  // namespace auth

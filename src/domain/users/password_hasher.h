// Port: turns a new password into its stored hash, so the domain sets passwords without
// depending on auth/. Implementations are thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace domain {

class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual std::string Hash(std::string_view password) const = 0;
};

}  // namespace domain

// Who is calling: a signed-in user (password, Basic or session) or a set of API tokens,
// which act as the built-in "Administrator" user within their apps' granted rights.
// Produced by auth/, consumed by the domain services. Immutable value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>


namespace domain {

struct TokenGrant {
  int64_t app_id = 0;
  bool view = false;
  bool add = false;
  bool edit = false;
  bool remove = false;
  bool manage = false;
};

// The "public form" principal of one published form: it may add records to that one app
// and write only the published fields (public_access.h enforces both).
struct PublicFormGrant {
  int64_t app_id = 0;
  std::vector<std::string> fields;
};

struct Principal {
  int64_t user_id = 0;
  std::string user_code;
  std::string user_name;
  bool is_admin = false;
  bool via_token = false;
  std::vector<TokenGrant> tokens;  // set when via_token
  std::string time_zone = "Asia/Tokyo";
  std::optional<int64_t> primary_organization_id;
  std::string locale = "auto";  // "ja", "en" or "auto" (follow Accept-Language)
  std::optional<PublicFormGrant> public_form;  // set for public form submissions only
};

}  // namespace domain

// What a request presented to prove who it is, taken from its headers by api/.
// auth/ sees no HTTP types. Value type.
#pragma once

#include <string>
#include <vector>

namespace auth {

struct Credentials {
  std::string cybozu_authorization;     // X-Cybozu-Authorization: base64("login:password")
  std::vector<std::string> api_tokens;  // X-Cybozu-API-Token, split on ','
  std::string basic;                    // Authorization: Basic base64("login:password")
  std::string session_id;               // the session cookie's value
  bool requested_with = false;          // X-Requested-With present (required with a session)
  bool is_write = false;                // POST/PUT/DELETE: sessions must carry the CSRF token
  std::string request_token;            // __REQUEST_TOKEN__ from the parameters
  std::string remote_address;
};

}  // namespace auth

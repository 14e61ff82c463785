// Random identifiers from the OS CSPRNG (getrandom). Thread-safe.
#pragma once

#include <string>

namespace common {

// 20 characters of [A-Za-z0-9]: kintone's error `id`, request ids.
std::string RandomId(size_t length = 20);
// RFC 4122 version-4 UUID text: cursor ids, upload file keys.
std::string RandomUuid();
// `bytes` random bytes as lower-case hex (2*bytes characters): tokens, download keys.
std::string RandomHex(size_t bytes);

}  // namespace common

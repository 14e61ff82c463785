// Small UTF-8 helpers. Stateless.
#pragma once

#include <cstddef>
#include <string_view>

namespace common {

// Number of code points (continuation bytes are not counted).
inline size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace common

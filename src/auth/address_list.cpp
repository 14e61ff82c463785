#include "auth/address_list.h"

#include <arpa/inet.h>

#include <cstring>
#include <optional>

namespace auth {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// 16 bytes, IPv4 as ::ffff:a.b.c.d; nullopt when not an address. `is_v4` tells which.
std::optional<std::array<uint8_t, 16>> ParseAddress(std::string_view text, bool* is_v4) {
  std::string s(Trim(text));
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  if (size_t zone = s.find('%'); zone != std::string::npos) s.resize(zone);
  std::array<uint8_t, 16> out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    if (is_v4) *is_v4 = true;
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    if (is_v4) *is_v4 = false;
    return out;
  }
  return std::nullopt;
}

}  // namespace

common::Result<AddressList> AddressList::Parse(std::string_view text) {
  AddressList list;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find_first_of(", ", start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = Trim(text.substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    auto bad = [&] {
      return common::Error(common::ErrorCode::kInvalidInput)
          .WithDetail("expected an address or network like 10.0.0.0/8, got '" + std::string(item) +
                      "'");
    };
    std::string_view address = item;
    std::optional<int> prefix;
    if (size_t slash = item.find('/'); slash != std::string_view::npos) {
      address = item.substr(0, slash);
      std::string_view digits = item.substr(slash + 1);
      if (digits.empty() || digits.size() > 3) return bad();
      int value = 0;
      for (char c : digits) {
        if (c < '0' || c > '9') return bad();
        value = value * 10 + (c - '0');
      }
      prefix = value;
    }
    bool v4 = false;
    auto bytes = ParseAddress(address, &v4);
    if (!bytes) return bad();
    int max = v4 ? 32 : 128;
    if (prefix && *prefix > max) return bad();
    Network n;
    n.bytes = *bytes;
    n.prefix = (v4 ? 96 : 0) + prefix.value_or(max);
    list.networks_.push_back(n);
  }
  return list;
}

bool AddressList::Contains(std::string_view address) const {
  auto bytes = ParseAddress(address, nullptr);
  if (!bytes) return false;
  for (const Network& n : networks_) {
    int full = n.prefix / 8;
    int rest = n.prefix % 8;
    if (std::memcmp(bytes->data(), n.bytes.data(), static_cast<size_t>(full)) != 0) continue;
    if (rest != 0) {
      uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
      if (((*bytes)[full] & mask) != (n.bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const AddressList& trusted_proxies) {
  if (trusted_proxies.empty() || !trusted_proxies.Contains(peer)) return std::string(peer);
  std::string client(peer);
  // Walk from the right: each trusted hop vouches for the address before it.
  while (!forwarded_for.empty()) {
    size_t comma = forwarded_for.rfind(',');
    std::string_view hop =
        Trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for =
        comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    if (!ParseAddress(hop, nullptr)) break;  // garbage: stop at the last address we trust
    client = std::string(hop);
    if (!trusted_proxies.Contains(hop)) break;
  }
  return client;
}

}  // namespace auth

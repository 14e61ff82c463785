// A list of IPv4/IPv6 networks in CIDR notation ("10.0.0.0/8, 192.168.1.5, ::1/128"), and
// the client address behind trusted reverse proxies. Pure; value types; thread-safe to read.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace auth {

class AddressList {
 public:
  AddressList() = default;
  // Comma- or space-separated networks; an address without "/len" is one host. The Error's
  // detail says which entry is malformed.
  static common::Result<AddressList> Parse(std::string_view text);

  bool empty() const { return networks_.empty(); }
  // Whether `address` (textual IPv4 or IPv6, IPv4-mapped IPv6 too) is in any network.
  bool Contains(std::string_view address) const;

 private:
  struct Network {
    std::array<uint8_t, 16> bytes{};  // IPv4 stored as IPv4-mapped IPv6
    int prefix = 128;
  };
  std::vector<Network> networks_;
};

// The client's address: `peer` itself, unless `peer` is a trusted proxy, in which case the
// right-most address of X-Forwarded-For that is not itself a trusted proxy (the left part
// of the header is whatever the client sent and cannot be believed).
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const AddressList& trusted_proxies);

}  // namespace auth

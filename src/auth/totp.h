// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps) through
// liboath, for two-factor sign-in, and the one-shot recovery codes that stand in for a
// lost phone. Pure apart from randomness; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auth {

// A new shared secret, base32 (what authenticator apps take), 160 random bits.
std::string NewTotpSecret();
// otpauth://totp/<issuer>:<account>?secret=…&issuer=… for a QR code.
std::string TotpUri(std::string_view issuer, std::string_view account, std::string_view secret);
// The time step `code` belongs to when it is valid for `secret` at `now` (one step of clock
// drift either way), nullopt otherwise. A caller refuses steps it has already accepted,
// so a code cannot be replayed.
std::optional<int64_t> VerifyTotp(std::string_view secret, std::string_view code, int64_t now);
// The code for `secret` at `now` (tests, and nothing else).
std::string TotpCode(std::string_view secret, int64_t now);
// `count` recovery codes like "k7m2-p9qx", from an alphabet without look-alikes.
std::vector<std::string> NewRecoveryCodes(size_t count = 10);
// A recovery code as typed, normalised (case, spaces and dashes ignored) for hashing.
std::string NormaliseRecoveryCode(std::string_view typed);

}  // namespace auth

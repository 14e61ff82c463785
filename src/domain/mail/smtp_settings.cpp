#include "domain/mail/smtp_settings.h"

#include <algorithm>
#include <optional>

#include "domain/mail/mime.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Text;

namespace {

std::string_view SecurityName(SmtpSecurity s) {
  switch (s) {
    case SmtpSecurity::kNone:
      return "none";
    case SmtpSecurity::kStartTls:
      return "starttls";
    case SmtpSecurity::kTls:
      return "tls";
  }
  return "starttls";
}

std::optional<SmtpSecurity> ParseSecurity(std::string_view s) {
  if (s == "none") return SmtpSecurity::kNone;
  if (s == "starttls") return SmtpSecurity::kStartTls;
  if (s == "tls") return SmtpSecurity::kTls;
  return std::nullopt;
}

// A host name or address literal: letters, digits, '.', '-', ':' (IPv6), no spaces.
bool IsHost(std::string_view h) {
  if (h.empty() || h.size() > 253) return false;
  for (char c : h) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == ':' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Result<SmtpSettings> SmtpSettings::FromJson(const json::object& body, const SmtpSettings& current) {
  SmtpSettings s = current;
  Error errors = Error::Validation();
  auto text = [&](const char* key, std::string& out, size_t max) {
    const json::value* v = body.if_contains(key);
    if (!v) return;
    if (!v->is_string() || v->as_string().size() > max ||
        OneLine(v->as_string()) != std::string_view(v->as_string())) {
      errors.AddField(key, Text::kBadValueShape);
      return;
    }
    out = std::string(v->as_string());
  };
  auto integer = [&](const char* key, int64_t& out, int64_t min, int64_t max) {
    const json::value* v = body.if_contains(key);
    if (!v) return;
    int64_t n = 0;
    if (v->is_int64()) {
      n = v->as_int64();
    } else if (v->is_uint64()) {
      n = static_cast<int64_t>(std::min<uint64_t>(v->as_uint64(), INT64_MAX));
    } else if (v->is_string()) {
      try {
        size_t used = 0;
        n = std::stoll(std::string(v->as_string()), &used);
        if (used != v->as_string().size()) n = min - 1;
      } catch (...) {
        n = min - 1;
      }
    } else {
      n = min - 1;
    }
    if (n < min) {
      errors.AddField(key, Text::kMinValueParam, {std::to_string(min)});
      return;
    }
    if (n > max) {
      errors.AddField(key, Text::kMaxValueParam, {std::to_string(max)});
      return;
    }
    out = n;
  };
  auto flag = [&](const char* key, bool& out) {
    const json::value* v = body.if_contains(key);
    if (!v) return;
    if (v->is_bool())
      out = v->as_bool();
    else if (v->is_string() && (v->as_string() == "true" || v->as_string() == "false"))
      out = v->as_string() == "true";
    else
      errors.AddField(key, Text::kBadValueShape);
  };

  flag("enabled", s.enabled);
  text("host", s.host, 253);
  integer("port", s.port, 1, 65535);
  if (const json::value* v = body.if_contains("security")) {
    auto sec = v->is_string() ? ParseSecurity(v->as_string()) : std::nullopt;
    if (!sec)
      errors.AddField("security", Text::kBadValueShape);
    else
      s.security = *sec;
  }
  flag("verifyTls", s.verify_tls);
  text("username", s.username, 256);
  text("password", s.password, 256);
  text("fromAddress", s.from_address, 254);
  text("fromName", s.from_name, 200);
  integer("timeoutSeconds", s.timeout_seconds, 1, 300);
  integer("maxAttempts", s.max_attempts, 1, 50);

  if (!s.host.empty() && !IsHost(s.host) && !errors.has_fields()) {
    errors.AddField("host", Text::kBadValueShape);
  }
  if (!s.from_address.empty() && !IsMailAddress(s.from_address)) {
    errors.AddField("fromAddress", Text::kBadMailAddress);
  }
  // Sending needs somewhere to send to and someone to send as.
  if (s.enabled) {
    if (s.host.empty()) errors.AddField("host", Text::kRequiredParam);
    if (s.from_address.empty()) errors.AddField("fromAddress", Text::kRequiredParam);
  }
  if (errors.has_fields()) return errors;
  return s;
}

json::object SmtpSettings::ToJson() const {
  json::object o = ToStoredJson();
  o.erase("passwordSealed");
  o["passwordSet"] = !password.empty();
  return o;
}

json::object SmtpSettings::ToStoredJson() const {
  return json::object{{"enabled", enabled},
                      {"host", host},
                      {"port", port},
                      {"security", SecurityName(security)},
                      {"verifyTls", verify_tls},
                      {"username", username},
                      {"passwordSealed", password_sealed},
                      {"fromAddress", from_address},
                      {"fromName", from_name},
                      {"timeoutSeconds", timeout_seconds},
                      {"maxAttempts", max_attempts}};
}

SmtpSettings SmtpSettings::FromStoredJson(const json::object& stored) {
  auto parsed = FromJson(stored, SmtpSettings{});
  if (parsed.ok()) {
    if (const json::value* sealed = stored.if_contains("passwordSealed");
        sealed && sealed->is_string()) {
      parsed->password_sealed = std::string(sealed->as_string());
    }
    return std::move(parsed).value();
  }
  // Stored settings were valid when saved; a later rule that rejects them leaves mail off.
  SmtpSettings off;
  off.enabled = false;
  return off;
}

}  // namespace domain

#include "auth/ldap_names.h"

namespace auth {
namespace {

constexpr std::string_view kLoginPlaceholder = "{login}";

std::string Hex(unsigned char c) {
  constexpr char kDigits[] = "0123456789abcdef";
  return {'\\', kDigits[c >> 4], kDigits[c & 0xf]};
}

std::string Replace(std::string_view pattern, std::string_view value) {
  std::string out;
  size_t from = 0;
  for (;;) {
    size_t at = pattern.find(kLoginPlaceholder, from);
    if (at == std::string_view::npos) break;
    out.append(pattern.substr(from, at - from));
    out.append(value);
    from = at + kLoginPlaceholder.size();
  }
  out.append(pattern.substr(from));
  return out;
}

}  // namespace

std::string EscapeFilterValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '*' || c == '(' || c == ')' || c == '\\' || c == 0) {
      out += Hex(c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string EscapeDnValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    bool edge_space = c == ' ' && (i == 0 || i + 1 == value.size());
    if (c < 0x20 || c == 0x7f) {
      out += Hex(c);
    } else if (c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' ||
               c == '=' || edge_space || (c == '#' && i == 0)) {
      out += '\\';
      out += value[i];
    } else {
      out += value[i];
    }
  }
  return out;
}

bool IsDirectoryLogin(std::string_view login) {
  if (login.empty() || login.size() > 256) return false;
  for (char ch : login) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string ExpandFilter(std::string_view filter, std::string_view login) {
  return Replace(filter, EscapeFilterValue(login));
}

bool IsDnPattern(std::string_view pattern) { return pattern.find('=') != std::string_view::npos; }

std::optional<std::string> ExpandBindName(std::string_view pattern, std::string_view login) {
  if (!IsDirectoryLogin(login)) return std::nullopt;
  if (IsDnPattern(pattern)) return Replace(pattern, EscapeDnValue(login));
  if (login.find_first_of("@\\") != std::string_view::npos) return std::nullopt;
  return Replace(pattern, login);
}

}  // namespace auth

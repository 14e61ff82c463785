#include "auth/ldap_names.h"

#include <cctype>

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

std::string CanonicalDn(std::string_view dn) {
  auto separator = [](char c) { return c == ',' || c == '+' || c == '='; };
  std::string out;
  bool escaped = false;
  bool after_separator = true;  // at the start, or just after an unescaped separator
  for (size_t i = 0; i < dn.size(); ++i) {
    char c = dn[i];
    if (escaped || c == '\\') {
      out += c;
      escaped = !escaped;
      after_separator = false;
      continue;
    }
    if (c == ' ') {
      // Dropped next to a separator or at either end; kept inside a value ("cn=Kosodate Ka").
      size_t next = dn.find_first_not_of(' ', i);
      if (after_separator || next == std::string_view::npos || separator(dn[next])) continue;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    after_separator = separator(c);
  }
  return out;
}

std::string ExpandDnFilter(std::string_view filter, std::string_view dn) {
  constexpr std::string_view kDn = "{dn}";
  std::string escaped = EscapeFilterValue(dn);
  std::string out;
  size_t from = 0;
  for (size_t at; (at = filter.find(kDn, from)) != std::string_view::npos; from = at + kDn.size()) {
    out.append(filter.substr(from, at - from));
    out.append(escaped);
  }
  out.append(filter.substr(from));
  return out;
}

std::string ParseGroupMap(std::string_view text,
                          std::vector<std::pair<std::string, std::string>>& out) {
  std::vector<std::pair<std::string, std::string>> parsed;
  auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
  };
  auto add = [&](std::string_view entry) -> std::string {
    entry = trim(entry);
    if (entry.empty()) return {};
    size_t arrow = entry.rfind("=>");
    if (arrow == std::string_view::npos) {
      return "expected 'DN => group-code', got '" + std::string(entry) + "'";
    }
    std::string_view dn = trim(entry.substr(0, arrow));
    std::string_view code = trim(entry.substr(arrow + 2));
    if (dn.find('=') == std::string_view::npos || code.empty()) {
      return "expected 'DN => group-code', got '" + std::string(entry) + "'";
    }
    parsed.emplace_back(CanonicalDn(dn), std::string(code));
    return {};
  };
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    bool end = i == text.size();
    if (!end && text[i] == '\\' && i + 1 < text.size()) {
      ++i;  // an escaped character, ';' among them, belongs to the DN
      continue;
    }
    if (end || text[i] == ';' || text[i] == '\n') {
      if (std::string error = add(text.substr(start, i - start)); !error.empty()) return error;
      start = i + 1;
    }
  }
  out = std::move(parsed);
  return {};
}

}  // namespace auth

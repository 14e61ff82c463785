// Turning a typed login name into LDAP text safely: RFC 4515 escaping for search filters,
// RFC 4514 escaping for DN attribute values, and the `{login}` templates that use them.
// Pure functions, no libldap.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace auth {

// `value` as an RFC 4515 assertion value: * ( ) \ and NUL become \2a \28 \29 \5c \00, so a
// login like "*)(uid=*" matches itself literally and can neither widen nor end the filter.
std::string EscapeFilterValue(std::string_view value);

// `value` as an RFC 4514 attribute value: , + " \ < > ; = get a backslash, as do a leading
// '#' or space and a trailing space; NUL and other control bytes become \XX.
std::string EscapeDnValue(std::string_view value);

// Whether `login` may be sent to a directory at all: 1-256 bytes, no control characters.
bool IsDirectoryLogin(std::string_view login);

// `filter` with every "{login}" replaced by the filter-escaped login.
std::string ExpandFilter(std::string_view filter, std::string_view login);

// The name to bind as: `pattern` with "{login}" replaced. A DN pattern
// ("uid={login},ou=people,dc=example,dc=jp") gets the DN-escaped login; any other pattern
// (AD's "{login}@city.local" or "CITY\{login}") is refused (nullopt) for logins holding
// '@' or '\', which would name another realm or account.
std::optional<std::string> ExpandBindName(std::string_view pattern, std::string_view login);

// Whether a bind-name pattern is a DN (has an attribute=value part) rather than a UPN.
bool IsDnPattern(std::string_view pattern);

// A DN in the form DNs are compared in (the directory's memberOf values against the
// operator's ldap-group-map): ASCII lower-cased, spaces around ',', '+' and '=' dropped, so
// "CN=Kosodate, OU=Groups,DC=city" equals "cn=kosodate,ou=groups,dc=city". Escaped
// characters stay as written.
std::string CanonicalDn(std::string_view dn);

// `filter` with every "{dn}" replaced by the filter-escaped `dn` (group searches).
std::string ExpandDnFilter(std::string_view filter, std::string_view dn);

// Parses ldap-group-map: "DN => group-code" entries separated by ';' (an escaped "\;" stays
// in the DN) or line breaks; DNs come back canonical. On a malformed entry returns its
// message for the operator and leaves `out` as it was.
std::string ParseGroupMap(std::string_view text,
                          std::vector<std::pair<std::string, std::string>>& out);

}  // namespace auth

// The text that reaches the LDAP server from a typed login: filter and DN escaping, and the
// {login} templates. A login must never widen a search or name another entry.
#include "auth/ldap_names.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace auth {
namespace {

using namespace std::string_literals;

TEST(LdapNames, FilterEscapingFollowsRfc4515) {
  EXPECT_EQ(EscapeFilterValue("sato"), "sato");
  EXPECT_EQ(EscapeFilterValue("*"), "\\2a");
  EXPECT_EQ(EscapeFilterValue("a(b)c\\d"), "a\\28b\\29c\\5cd");
  EXPECT_EQ(EscapeFilterValue("nul\0x"s), "nul\\00x");
  // Non-ASCII (UTF-8) passes as it is: the value is octets, only the five specials matter.
  EXPECT_EQ(EscapeFilterValue("佐藤"), "佐藤");
}

TEST(LdapNames, InjectionStaysOneLiteralValue) {
  const std::string filter = "(&(objectClass=user)(sAMAccountName={login}))";
  EXPECT_EQ(ExpandFilter(filter, "*)(uid=*"),
            "(&(objectClass=user)(sAMAccountName=\\2a\\29\\28uid=\\2a))");
  EXPECT_EQ(ExpandFilter(filter, "ali*"), "(&(objectClass=user)(sAMAccountName=ali\\2a))");
  EXPECT_EQ(ExpandFilter(filter, "x)(|(objectClass=*"),
            "(&(objectClass=user)(sAMAccountName=x\\29\\28|\\28objectClass=\\2a))");
  // Every placeholder is replaced.
  EXPECT_EQ(ExpandFilter("(|(uid={login})(mail={login}))", "a*"), "(|(uid=a\\2a)(mail=a\\2a))");
  // The escaped result has balanced parentheses whatever the login.
  std::string expanded = ExpandFilter(filter, "(((((");
  EXPECT_EQ(std::count(expanded.begin(), expanded.end(), '('),
            std::count(expanded.begin(), expanded.end(), ')'));
}

TEST(LdapNames, DnEscapingFollowsRfc4514) {
  EXPECT_EQ(EscapeDnValue("sato"), "sato");
  EXPECT_EQ(EscapeDnValue("a,ou=admins"), "a\\,ou\\=admins");
  EXPECT_EQ(EscapeDnValue("x+cn=y"), "x\\+cn\\=y");
  EXPECT_EQ(EscapeDnValue("q\"<>;\\"), "q\\\"\\<\\>\\;\\\\");
  EXPECT_EQ(EscapeDnValue("#x"), "\\#x");
  EXPECT_EQ(EscapeDnValue("a#x"), "a#x");
  EXPECT_EQ(EscapeDnValue(" pad "), "\\ pad\\ ");
  EXPECT_EQ(EscapeDnValue("in side"), "in side");
  EXPECT_EQ(EscapeDnValue("nl\n"), "nl\\0a");
}

TEST(LdapNames, BindNameTemplates) {
  EXPECT_EQ(ExpandBindName("uid={login},ou=people,dc=example,dc=jp", "sato"),
            "uid=sato,ou=people,dc=example,dc=jp");
  // A comma cannot move the bind to another branch of the tree.
  EXPECT_EQ(ExpandBindName("uid={login},ou=people,dc=example,dc=jp", "x,ou=admins"),
            "uid=x\\,ou\\=admins,ou=people,dc=example,dc=jp");
  EXPECT_EQ(ExpandBindName("{login}@city.local", "sato"), "sato@city.local");
  EXPECT_EQ(ExpandBindName("CITY\\{login}", "sato"), "CITY\\sato");
  // A UPN or down-level name cannot carry another realm or domain.
  EXPECT_EQ(ExpandBindName("{login}@city.local", "boss@other.local"), std::nullopt);
  EXPECT_EQ(ExpandBindName("CITY\\{login}", "OTHER\\boss"), std::nullopt);
  EXPECT_EQ(ExpandBindName("{login}@city.local", ""), std::nullopt);
  EXPECT_EQ(ExpandBindName("{login}@city.local", "tab\there"), std::nullopt);
  EXPECT_TRUE(IsDnPattern("uid={login},dc=x"));
  EXPECT_FALSE(IsDnPattern("{login}@city.local"));
}

TEST(LdapNames, DirectoryLogins) {
  EXPECT_TRUE(IsDirectoryLogin("sato"));
  EXPECT_TRUE(IsDirectoryLogin("佐藤"));
  EXPECT_FALSE(IsDirectoryLogin(""));
  EXPECT_FALSE(IsDirectoryLogin("a\0b"s));
  EXPECT_FALSE(IsDirectoryLogin("a\rb"));
  EXPECT_FALSE(IsDirectoryLogin(std::string(257, 'a')));
}

TEST(LdapNames, CanonicalDnIgnoresCaseAndSpacesAroundSeparators) {
  EXPECT_EQ(CanonicalDn("CN=Kosodate Ka, OU=Groups ,DC=city,DC=local"),
            "cn=kosodate ka,ou=groups,dc=city,dc=local");
  EXPECT_EQ(CanonicalDn(" cn = a + uid = b , dc=x "), "cn=a+uid=b,dc=x");
  // Escaped separators stay part of the value.
  EXPECT_EQ(CanonicalDn("cn=Sato\\, Taro,dc=x"), "cn=sato\\, taro,dc=x");
}

TEST(LdapNames, GroupMapEntries) {
  std::vector<std::pair<std::string, std::string>> map;
  EXPECT_EQ(ParseGroupMap("CN=Kosodate,OU=Groups,DC=city => kosodate;\n"
                          " cn=a\\;b,dc=city=>zeimu ; ",
                          map),
            "");
  ASSERT_EQ(map.size(), 2u);
  EXPECT_EQ(map[0],
            (std::pair<std::string, std::string>{"cn=kosodate,ou=groups,dc=city", "kosodate"}));
  EXPECT_EQ(map[1], (std::pair<std::string, std::string>{"cn=a\\;b,dc=city", "zeimu"}));
  EXPECT_NE(ParseGroupMap("cn=a,dc=city kosodate", map), "");
  EXPECT_NE(ParseGroupMap("cn=a,dc=city =>", map), "");
  EXPECT_NE(ParseGroupMap("kosodate => kosodate", map), "");
  EXPECT_EQ(map.size(), 2u) << "unchanged after an error";
  EXPECT_EQ(ParseGroupMap("", map), "");
  EXPECT_TRUE(map.empty());
}

TEST(LdapNames, DnFilterEscapesTheDn) {
  EXPECT_EQ(ExpandDnFilter("(member={dn})", "uid=a*(b),dc=x"), "(member=uid=a\\2a\\28b\\29,dc=x)");
}

}  // namespace
}  // namespace auth

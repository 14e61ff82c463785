#include "auth/address_list.h"

#include <gtest/gtest.h>

namespace auth {
namespace {

AddressList List(std::string_view text) {
  auto list = AddressList::Parse(text);
  EXPECT_TRUE(list.ok()) << text;
  return list.ok() ? std::move(list).value() : AddressList();
}

TEST(AddressListTest, MatchesIpv4NetworksAndHosts) {
  AddressList list = List("10.0.0.0/8, 192.168.1.5 172.16.0.0/12");
  EXPECT_TRUE(list.Contains("10.255.3.4"));
  EXPECT_TRUE(list.Contains("192.168.1.5"));
  EXPECT_FALSE(list.Contains("192.168.1.6"));
  EXPECT_TRUE(list.Contains("172.31.255.255"));
  EXPECT_FALSE(list.Contains("172.32.0.0"));
  EXPECT_FALSE(list.Contains("11.0.0.1"));
  // An IPv4 client seen through a dual-stack socket.
  EXPECT_TRUE(list.Contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(list.Contains("not an address"));
  EXPECT_FALSE(list.Contains(""));
}

TEST(AddressListTest, MatchesIpv6NetworksAndOddPrefixes) {
  AddressList list = List("2001:db8::/33,::1,[fe80::1]");
  EXPECT_TRUE(list.Contains("2001:db8:7fff::1"));
  EXPECT_FALSE(list.Contains("2001:db8:8000::1"));
  EXPECT_TRUE(list.Contains("::1"));
  EXPECT_TRUE(list.Contains("fe80::1"));
  EXPECT_FALSE(list.Contains("127.0.0.1"));
  EXPECT_TRUE(List("0.0.0.0/0").Contains("203.0.113.9"));
  EXPECT_FALSE(List("0.0.0.0/0").Contains("2001:db8::1"));
  EXPECT_TRUE(List("10.0.0.0/31").Contains("10.0.0.1"));
  EXPECT_FALSE(List("10.0.0.0/31").Contains("10.0.0.2"));
}

TEST(AddressListTest, RefusesMalformedEntriesAndSaysWhich) {
  for (std::string_view bad : {"10.0.0.0/33", "10.0.0/8", "::1/129", "10.0.0.0/", "10.0.0.0/x",
                               "example.com", "10.0.0.0/8/8"}) {
    auto list = AddressList::Parse(bad);
    ASSERT_FALSE(list.ok()) << bad;
    EXPECT_NE(list.error().detail().find(std::string(bad)), std::string::npos);
  }
  EXPECT_TRUE(List("").empty());
  EXPECT_TRUE(List(" , ").empty());
}

TEST(ClientAddressTest, BelievesForwardedForOnlyFromTrustedProxies) {
  AddressList proxies = List("127.0.0.1, 10.9.0.0/16");
  // No proxies configured: the header is ignored entirely.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.1.1.1", AddressList()), "127.0.0.1");
  // A peer that is not a proxy cannot claim another address.
  EXPECT_EQ(ClientAddress("203.0.113.7", "10.1.1.1", proxies), "203.0.113.7");
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.1.1.1", proxies), "10.1.1.1");
  // The client put a forged address on the left; the right-most untrusted hop wins.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.1.1.1, 198.51.100.4", proxies), "198.51.100.4");
  // Chained trusted proxies are walked through.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.4, 10.9.3.3", proxies), "198.51.100.4");
  // A garbage hop stops the walk at the last trustworthy address.
  EXPECT_EQ(ClientAddress("127.0.0.1", "10.1.1.1, nonsense", proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", proxies), "127.0.0.1");
}

}  // namespace
}  // namespace auth

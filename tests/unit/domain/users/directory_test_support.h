// The directory services wired to the in-memory fake, an administrator and a member, and
// helpers to read the keys of a CB_VA01.
#pragma once

#include <gtest/gtest.h>

#include <set>

#include "domain/users/directory_csv.h"
#include "domain/users/group_service.h"
#include "domain/users/organization_service.h"
#include "domain/users/user_service.h"
#include "fake_directory.h"

namespace domain::directory_testing {

class FixedClock final : public common::Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::seconds(1711929600));
  }
};

class DirectoryTest : public ::testing::Test {
 protected:
  DirectoryTest()
      : users(db, hasher, clock, [this] { ++changes; }),
        organizations(db, [this] { ++changes; }),
        groups(db, [this] { ++changes; }),
        csv(db, users, organizations, groups, [this] { ++changes; }) {
    User a;
    a.code = "admin";
    a.name = "Admin";
    a.is_admin = true;
    admin.user_id = *FakeUsers(db.store).Insert(a, "x");
    admin.user_code = "admin";
    admin.is_admin = true;
    User b;
    b.code = kTokenUserCode;
    b.name = kTokenUserCode;
    b.is_admin = true;
    (void)FakeUsers(db.store).Insert(b, "");
  }

  static UserChange NewUser(std::string code, std::string name = "Name") {
    UserChange c;
    c.code = std::move(code);
    c.name = std::move(name);
    c.password = "kumo-no-ue-42";
    return c;
  }
  static OrganizationChange NewOrg(std::string code, std::string parent = "") {
    OrganizationChange c;
    c.code = code;
    c.name = code + " name";
    if (!parent.empty()) c.parent_code = parent;
    return c;
  }
  std::optional<User> FindUser(const std::string& code) {
    User* u = ByCode(db.store.users, code);
    return u ? std::optional<User>(*u) : std::nullopt;
  }
  std::optional<Organization> FindOrg(const std::string& code) {
    Organization* o = ByCode(db.store.organizations, code);
    return o ? std::optional<Organization>(*o) : std::nullopt;
  }

  FakeRunner db;
  FakeHasher hasher;
  FixedClock clock;
  int changes = 0;
  UserService users;
  OrganizationService organizations;
  GroupService groups;
  DirectoryCsv csv;
  Principal admin;
};

// The `errors` keys of a failed status (empty when it succeeded).
inline std::set<std::string> Keys(const common::Status& s) {
  std::set<std::string> out;
  if (s.ok()) return out;
  for (const auto& f : s.error().fields()) out.insert(f.key);
  return out;
}

}  // namespace domain::directory_testing

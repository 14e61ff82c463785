// An in-memory Transaction for the directory services' tests: users and directory
// repositories over one Store, with Write rolling the store back when the work fails.
// Other repositories are not used by these services and abort if touched.
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "domain/transaction.h"
#include "domain/users/directory_repository.h"
#include "domain/users/password_hasher.h"
#include "domain/users/user_repository.h"

namespace domain::directory_testing {

struct Store {
  std::vector<User> users;
  std::map<int64_t, std::string> hashes;
  std::vector<Organization> organizations;
  std::vector<Group> groups;
  std::vector<Title> titles;
  std::map<int64_t, std::vector<OrganizationMembership>> user_organizations;
  std::map<int64_t, std::vector<int64_t>> user_groups;
  std::vector<int64_t> sessions_ended_for;  // user ids whose sessions were revoked
  int64_t next_id = 1;
};

template <typename T>
std::vector<T> Filtered(const std::vector<T>& all, const DirectoryFilter& f) {
  std::vector<T> out;
  for (const T& x : all) {
    bool any = f.ids.empty() && f.codes.empty();
    any = any || std::find(f.ids.begin(), f.ids.end(), x.id) != f.ids.end();
    any = any || std::find(f.codes.begin(), f.codes.end(), x.code) != f.codes.end();
    if (any) out.push_back(x);
  }
  std::sort(out.begin(), out.end(), [](const T& a, const T& b) { return a.id < b.id; });
  size_t from = std::min(out.size(), static_cast<size_t>(f.offset));
  size_t to = std::min(out.size(), from + static_cast<size_t>(f.limit));
  return std::vector<T>(out.begin() + from, out.begin() + to);
}

template <typename T>
T* ByCode(std::vector<T>& all, std::string_view code) {
  auto it = std::find_if(all.begin(), all.end(), [&](const T& x) { return x.code == code; });
  return it == all.end() ? nullptr : &*it;
}
template <typename T>
T* ById(std::vector<T>& all, int64_t id) {
  auto it = std::find_if(all.begin(), all.end(), [&](const T& x) { return x.id == id; });
  return it == all.end() ? nullptr : &*it;
}
template <typename T>
common::Result<std::optional<T>> Maybe(T* p) {
  return p ? std::optional<T>(*p) : std::optional<T>();
}

class FakeUsers final : public UserRepository {
 public:
  explicit FakeUsers(Store& s) : s_(s) {}
  common::Result<int64_t> Insert(const User& u, const std::string& hash) override {
    User copy = u;
    copy.id = s_.next_id++;
    s_.users.push_back(copy);
    s_.hashes[copy.id] = hash;
    return copy.id;
  }
  common::Result<std::optional<User>> FindByCode(std::string_view code) override {
    return Maybe(ByCode(s_.users, code));
  }
  common::Result<std::optional<User>> FindDirectoryAccount(std::string_view login) override {
    const User* found = nullptr;
    for (const User& u : s_.users) {
      bool same = u.code.size() == login.size() &&
                  std::equal(u.code.begin(), u.code.end(), login.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                  });
      if (same && u.auth_source == kAuthSourceLdap) {
        if (found) return std::optional<User>();
        found = &u;
      }
    }
    return found ? std::optional<User>(*found) : std::optional<User>();
  }
  common::Result<std::optional<User>> FindById(int64_t id) override {
    return Maybe(ById(s_.users, id));
  }
  common::Result<std::optional<std::string>> PasswordHash(int64_t id) override {
    return std::optional<std::string>(s_.hashes[id]);
  }
  common::Status SetPasswordHash(int64_t id, const std::string& hash) override {
    s_.hashes[id] = hash;
    return common::Status::Ok();
  }
  common::Result<std::vector<User>> List(int64_t offset, int64_t limit) override {
    return Filtered(s_.users, DirectoryFilter{{}, {}, offset, limit});
  }
  common::Result<int64_t> Count() override { return static_cast<int64_t>(s_.users.size()); }
  common::Result<std::vector<User>> Find(const DirectoryFilter& f) override {
    return Filtered(s_.users, f);
  }
  common::Status Update(const User& u) override {
    *ById(s_.users, u.id) = u;
    return common::Status::Ok();
  }
  common::Status Delete(int64_t id) override {
    std::erase_if(s_.users, [&](const User& u) { return u.id == id; });
    s_.user_organizations.erase(id);
    s_.user_groups.erase(id);
    return common::Status::Ok();
  }

 private:
  Store& s_;
};

class FakeDirectory final : public DirectoryRepository {
 public:
  explicit FakeDirectory(Store& s) : s_(s) {}
  common::Result<std::vector<Organization>> ListOrganizations(const DirectoryFilter& f) override {
    return WithParents(Filtered(s_.organizations, f));
  }
  common::Result<std::vector<Organization>> AllOrganizations() override {
    return WithParents(s_.organizations);
  }
  common::Result<std::optional<Organization>> FindOrganization(std::string_view code) override {
    Organization* o = ByCode(s_.organizations, code);
    if (!o) return std::optional<Organization>();
    return std::optional<Organization>(WithParents({*o})[0]);
  }
  common::Result<int64_t> InsertOrganization(const Organization& o) override {
    s_.organizations.push_back(o);
    return s_.organizations.back().id = s_.next_id++;
  }
  common::Status UpdateOrganization(const Organization& o) override {
    *ById(s_.organizations, o.id) = o;
    return common::Status::Ok();
  }
  common::Status DeleteOrganization(int64_t id) override {
    for (const Organization& o : s_.organizations) {
      if (o.parent_id == id) return common::Error::Internal("foreign key: child exists");
    }
    std::erase_if(s_.organizations, [&](const Organization& o) { return o.id == id; });
    for (auto& [user, list] : s_.user_organizations) {
      std::erase_if(list, [&](const auto& m) { return m.organization_id == id; });
    }
    return common::Status::Ok();
  }
  common::Result<std::vector<Group>> ListGroups(const DirectoryFilter& f) override {
    return Filtered(s_.groups, f);
  }
  common::Result<std::optional<Group>> FindGroup(std::string_view code) override {
    return Maybe(ByCode(s_.groups, code));
  }
  common::Result<int64_t> InsertGroup(const Group& g) override {
    s_.groups.push_back(g);
    return s_.groups.back().id = s_.next_id++;
  }
  common::Status UpdateGroup(const Group& g) override {
    *ById(s_.groups, g.id) = g;
    return common::Status::Ok();
  }
  common::Status DeleteGroup(int64_t id) override {
    std::erase_if(s_.groups, [&](const Group& g) { return g.id == id; });
    for (auto& [user, list] : s_.user_groups) std::erase(list, id);
    return common::Status::Ok();
  }
  common::Result<std::optional<Title>> FindTitle(std::string_view code) override {
    return Maybe(ByCode(s_.titles, code));
  }
  common::Result<std::optional<Title>> FindTitleById(int64_t id) override {
    return Maybe(ById(s_.titles, id));
  }
  common::Result<int64_t> InsertTitle(const Title& t) override {
    s_.titles.push_back(t);
    return s_.titles.back().id = s_.next_id++;
  }
  common::Result<std::vector<OrganizationMembership>> UserOrganizations(int64_t user) override {
    return s_.user_organizations[user];
  }
  common::Status SetUserOrganizations(int64_t user,
                                      const std::vector<OrganizationMembership>& list) override {
    s_.user_organizations[user] = list;
    return common::Status::Ok();
  }
  common::Result<std::vector<OrganizationMember>> OrganizationMembers(int64_t org, int64_t offset,
                                                                      int64_t limit) override {
    std::vector<OrganizationMember> out;
    for (const auto& [user, list] : s_.user_organizations) {
      for (const auto& m : list) {
        if (m.organization_id == org) out.push_back({user, m.title_id});
      }
    }
    size_t from = std::min(out.size(), static_cast<size_t>(offset));
    size_t to = std::min(out.size(), from + static_cast<size_t>(limit));
    return std::vector<OrganizationMember>(out.begin() + from, out.begin() + to);
  }
  common::Result<int64_t> CountOrganizationMembers(int64_t org) override {
    TK_ASSIGN_OR_RETURN(auto all, OrganizationMembers(org, 0, INT64_MAX));
    return static_cast<int64_t>(all.size());
  }
  common::Result<std::vector<int64_t>> UserGroups(int64_t user) override {
    return s_.user_groups[user];
  }
  common::Status SetUserGroups(int64_t user, const std::vector<int64_t>& ids) override {
    s_.user_groups[user] = ids;
    return common::Status::Ok();
  }
  common::Result<std::vector<int64_t>> GroupMembers(int64_t group, int64_t, int64_t) override {
    std::vector<int64_t> out;
    for (const auto& [user, list] : s_.user_groups) {
      if (std::find(list.begin(), list.end(), group) != list.end()) out.push_back(user);
    }
    return out;
  }

 private:
  std::vector<Organization> WithParents(std::vector<Organization> list) {
    for (Organization& o : list) {
      Organization* p = o.parent_id ? ById(s_.organizations, *o.parent_id) : nullptr;
      o.parent_code = p ? p->code : "";
    }
    return list;
  }
  Store& s_;
};

// Records which users' sessions were revoked; the directory services use nothing else.
class FakeSessions final : public SessionRepository {
 public:
  explicit FakeSessions(Store& s) : s_(s) {}
  [[noreturn]] common::Status Insert(const Session&) override { std::abort(); }
  [[noreturn]] common::Result<std::optional<Session>> Find(std::string_view) override {
    std::abort();
  }
  [[noreturn]] common::Status Touch(std::string_view, int64_t, int64_t) override { std::abort(); }
  [[noreturn]] common::Status Delete(std::string_view) override { std::abort(); }
  [[noreturn]] common::Status DeleteExpired(int64_t) override { std::abort(); }
  common::Status DeleteForUser(int64_t user_id) override {
    s_.sessions_ended_for.push_back(user_id);
    return common::Status::Ok();
  }

 private:
  Store& s_;
};

class FakeTransaction final : public Transaction {
 public:
  explicit FakeTransaction(Store& s) : users_(s), directory_(s), sessions_(s) {}
  UserRepository& users() override { return users_; }
  DirectoryRepository& directory() override { return directory_; }
  [[noreturn]] AppRepository& apps() override { std::abort(); }
  SessionRepository& sessions() override { return sessions_; }
  [[noreturn]] LoginThrottleRepository& login_throttle() override { std::abort(); }
  [[noreturn]] ApiTokenRepository& api_tokens() override { std::abort(); }
  [[noreturn]] FileRepository& files() override { std::abort(); }
  [[noreturn]] RecordRepository& records() override { std::abort(); }
  [[noreturn]] CursorRepository& cursors() override { std::abort(); }
  [[noreturn]] AclRepository& acls() override { std::abort(); }
  [[noreturn]] SharingRepository& sharing() override { std::abort(); }
  [[noreturn]] CommentRepository& comments() override { std::abort(); }
  [[noreturn]] MailRepository& mail() override { std::abort(); }

 private:
  FakeUsers users_;
  FakeDirectory directory_;
  FakeSessions sessions_;
};

class FakeRunner final : public TransactionRunner {
 public:
  common::Status Write(const std::function<common::Status(Transaction&)>& work) override {
    Store before = store;
    FakeTransaction tx(store);
    common::Status s = work(tx);
    if (!s.ok()) store = std::move(before);
    return s;
  }
  common::Status Read(const std::function<common::Status(Transaction&)>& work) override {
    FakeTransaction tx(store);
    return work(tx);
  }
  Store store;
};

class FakeHasher final : public PasswordHasher {
 public:
  std::string Hash(std::string_view password) const override {
    return "hashed:" + std::string(password);
  }
};

}  // namespace domain::directory_testing

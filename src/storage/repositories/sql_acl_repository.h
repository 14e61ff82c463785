// SQL implementation of the ACL port, with a cache shared by every transaction: live lists
// keyed by (app, live revision) — only a deploy changes them, and it changes the revision —
// and memberships per user until the directory changes. The cache is thread-safe; the
// repository is bound to one Connection.
#pragma once

#include <map>
#include <mutex>
#include <utility>

#include "domain/permissions/acl_repository.h"
#include "storage/database.h"

namespace storage {

class AclCache {
 public:
  std::shared_ptr<const domain::AppAcls> Live(int64_t app, int64_t revision) const;
  void PutLive(int64_t app, int64_t revision, std::shared_ptr<const domain::AppAcls> acls);
  std::shared_ptr<const domain::Membership> MembershipOf(int64_t user) const;
  void PutMembership(int64_t user, std::shared_ptr<const domain::Membership> m);
  // Users, organisations, groups or memberships changed.
  void InvalidateMemberships();

 private:
  static constexpr size_t kMaxEntries = 4096;  // bounded: cleared whole when full
  mutable std::mutex mutex_;
  std::map<std::pair<int64_t, int64_t>, std::shared_ptr<const domain::AppAcls>> live_;
  std::map<int64_t, std::shared_ptr<const domain::Membership>> memberships_;
};

class SqlAclRepository final : public domain::AclRepository {
 public:
  SqlAclRepository(Connection& c, AclCache& cache) : c_(c), cache_(cache) {}
  common::Result<domain::AppAcls> Load(int64_t app, domain::Stage stage) override;
  common::Result<std::shared_ptr<const domain::AppAcls>> LoadLive(const domain::App& app) override;
  common::Status SavePreview(int64_t app, domain::AclKind kind,
                             const std::vector<domain::AclRule>& rules) override;
  common::Status Copy(int64_t app, domain::Stage from, domain::Stage to) override;
  common::Result<std::shared_ptr<const domain::Membership>> MembershipOf(int64_t user_id) override;

 private:
  Connection& c_;
  AclCache& cache_;
};

}  // namespace storage

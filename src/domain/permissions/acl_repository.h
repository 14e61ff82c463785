// Port: storage of the app, record and field ACLs per stage, and the memberships they are
// evaluated against. Implemented once in storage/ (which may cache the live lists by app
// revision and the memberships until the directory changes). Bound to one transaction.
#pragma once

#include <memory>

#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/permissions/acl.h"

namespace domain {

class AclRepository {
 public:
  virtual ~AclRepository() = default;
  virtual common::Result<AppAcls> Load(int64_t app, Stage stage) = 0;
  // The live lists of `app` as of its live revision (cacheable: they change only by deploy).
  virtual common::Result<std::shared_ptr<const AppAcls>> LoadLive(const App& app) = 0;
  // Replaces one kind's list at the preview stage. For kApp, `rules` holds one rule whose
  // entries are the list (an empty list means "nobody", unlike never customised).
  virtual common::Status SavePreview(int64_t app, AclKind kind,
                                     const std::vector<AclRule>& rules) = 0;
  // Copies every list of one stage over the other (deploy: preview → live; revert: back).
  virtual common::Status Copy(int64_t app, Stage from, Stage to) = 0;
  virtual common::Result<std::shared_ptr<const Membership>> MembershipOf(int64_t user_id) = 0;
};

}  // namespace domain

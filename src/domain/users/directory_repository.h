// Port: organisations, groups, titles and memberships. Implemented once in storage/.
// Bound to one transaction; not thread-safe.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/users/directory.h"

namespace domain {

class DirectoryRepository {
 public:
  virtual ~DirectoryRepository() = default;

  virtual common::Result<std::vector<Organization>> ListOrganizations(const DirectoryFilter& f) = 0;
  // Every organisation, for tree checks (offices have hundreds, not millions).
  virtual common::Result<std::vector<Organization>> AllOrganizations() = 0;
  virtual common::Result<std::optional<Organization>> FindOrganization(std::string_view code) = 0;
  virtual common::Result<int64_t> InsertOrganization(const Organization& o) = 0;
  virtual common::Status UpdateOrganization(const Organization& o) = 0;
  virtual common::Status DeleteOrganization(int64_t id) = 0;

  virtual common::Result<std::vector<Group>> ListGroups(const DirectoryFilter& f) = 0;
  virtual common::Result<std::optional<Group>> FindGroup(std::string_view code) = 0;
  virtual common::Result<int64_t> InsertGroup(const Group& g) = 0;
  virtual common::Status UpdateGroup(const Group& g) = 0;
  virtual common::Status DeleteGroup(int64_t id) = 0;

  virtual common::Result<std::optional<Title>> FindTitle(std::string_view code) = 0;
  virtual common::Result<std::optional<Title>> FindTitleById(int64_t id) = 0;
  virtual common::Result<int64_t> InsertTitle(const Title& t) = 0;

  virtual common::Result<std::vector<OrganizationMembership>> UserOrganizations(
      int64_t user_id) = 0;
  // Replaces the user's whole list, keeping its order.
  virtual common::Status SetUserOrganizations(int64_t user_id,
                                              const std::vector<OrganizationMembership>& list) = 0;
  virtual common::Result<std::vector<OrganizationMember>> OrganizationMembers(int64_t org_id,
                                                                              int64_t offset,
                                                                              int64_t limit) = 0;
  virtual common::Result<int64_t> CountOrganizationMembers(int64_t org_id) = 0;

  virtual common::Result<std::vector<int64_t>> UserGroups(int64_t user_id) = 0;
  virtual common::Status SetUserGroups(int64_t user_id, const std::vector<int64_t>& group_ids) = 0;
  virtual common::Result<std::vector<int64_t>> GroupMembers(int64_t group_id, int64_t offset,
                                                            int64_t limit) = 0;
};

}  // namespace domain

// SQL implementation of the directory port: organisations, groups, titles, memberships.
// Bound to one Connection (one transaction); not thread-safe.
#pragma once

#include "domain/users/directory_repository.h"
#include "storage/database.h"

namespace storage {

class SqlDirectoryRepository final : public domain::DirectoryRepository {
 public:
  explicit SqlDirectoryRepository(Connection& c) : c_(c) {}

  common::Result<std::vector<domain::Organization>> ListOrganizations(
      const domain::DirectoryFilter& f) override;
  common::Result<std::vector<domain::Organization>> AllOrganizations() override;
  common::Result<std::optional<domain::Organization>> FindOrganization(
      std::string_view code) override;
  common::Result<int64_t> InsertOrganization(const domain::Organization& o) override;
  common::Status UpdateOrganization(const domain::Organization& o) override;
  common::Status DeleteOrganization(int64_t id) override;

  common::Result<std::vector<domain::Group>> ListGroups(const domain::DirectoryFilter& f) override;
  common::Result<std::optional<domain::Group>> FindGroup(std::string_view code) override;
  common::Result<int64_t> InsertGroup(const domain::Group& g) override;
  common::Status UpdateGroup(const domain::Group& g) override;
  common::Status DeleteGroup(int64_t id) override;

  common::Result<std::optional<domain::Title>> FindTitle(std::string_view code) override;
  common::Result<std::optional<domain::Title>> FindTitleById(int64_t id) override;
  common::Result<int64_t> InsertTitle(const domain::Title& t) override;

  common::Result<std::vector<domain::OrganizationMembership>> UserOrganizations(
      int64_t user_id) override;
  common::Status SetUserOrganizations(
      int64_t user_id, const std::vector<domain::OrganizationMembership>& list) override;
  common::Result<std::vector<domain::OrganizationMember>> OrganizationMembers(
      int64_t org_id, int64_t offset, int64_t limit) override;
  common::Result<int64_t> CountOrganizationMembers(int64_t org_id) override;

  common::Result<std::vector<int64_t>> UserGroups(int64_t user_id) override;
  common::Status SetUserGroups(int64_t user_id, const std::vector<int64_t>& group_ids) override;
  common::Result<std::vector<int64_t>> GroupMembers(int64_t group_id, int64_t offset,
                                                    int64_t limit) override;

 private:
  Connection& c_;
};

}  // namespace storage

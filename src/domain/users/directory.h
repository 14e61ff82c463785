// The directory besides users: organisations (a tree through parent_id), groups (roles),
// titles, and the filters and membership rows the User API reads. Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace domain {

struct Organization {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::optional<int64_t> parent_id;
  std::string parent_code;  // filled on reads; writes go by parent_id
  std::string local_name;
  std::string local_name_locale;
  std::string description;
};

struct Group {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
};

// A job title held in an organisation ("課長"). Created on first use by a membership.
struct Title {
  int64_t id = 0;
  std::string code;
  std::string name;
  std::string description;
};

// Which entries a list returns: those matching any of `ids` or `codes` (all when both are
// empty), ordered by id, paged.
struct DirectoryFilter {
  std::vector<int64_t> ids;
  std::vector<std::string> codes;
  int64_t offset = 0;
  int64_t limit = 100;
};

// One organisation of a user, in the user's order (the first is listed first).
struct OrganizationMembership {
  int64_t organization_id = 0;
  std::optional<int64_t> title_id;
};

// A member of an organisation, as GET organization/users.json pages them.
struct OrganizationMember {
  int64_t user_id = 0;
  std::optional<int64_t> title_id;
};

}  // namespace domain

// Port: looks up the users, organizations and groups that USER_SELECT, ORGANIZATION_SELECT,
// GROUP_SELECT, CREATOR and MODIFIER values name. Implemented outside the domain (a cached
// view of the directory tables); implementations must be safe to call from several threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace domain {

// One directory entry as records show it: {"code": "sato", "name": "Sato Noboru"}.
struct Entity {
  int64_t id = 0;
  std::string code;
  std::string name;
};

enum class EntityKind { kUser, kOrganization, kGroup };

class EntityDirectory {
 public:
  virtual ~EntityDirectory() = default;
  virtual std::optional<Entity> FindUser(std::string_view code) const = 0;
  virtual std::optional<Entity> FindOrganization(std::string_view code) const = 0;
  virtual std::optional<Entity> FindGroup(std::string_view code) const = 0;
  virtual std::optional<Entity> FindUserById(int64_t id) const = 0;
  virtual std::optional<Entity> FindOrganizationById(int64_t id) const = 0;
  virtual std::optional<Entity> FindGroupById(int64_t id) const = 0;

  std::optional<Entity> Find(EntityKind kind, std::string_view code) const {
    switch (kind) {
      case EntityKind::kUser:
        return FindUser(code);
      case EntityKind::kOrganization:
        return FindOrganization(code);
      case EntityKind::kGroup:
        return FindGroup(code);
    }
    return std::nullopt;
  }
  std::optional<Entity> FindById(EntityKind kind, int64_t id) const {
    switch (kind) {
      case EntityKind::kUser:
        return FindUserById(id);
      case EntityKind::kOrganization:
        return FindOrganizationById(id);
      case EntityKind::kGroup:
        return FindGroupById(id);
    }
    return std::nullopt;
  }
};

}  // namespace domain

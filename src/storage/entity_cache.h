// The directory of users, organisations and groups as records refer to them, cached in
// memory (they are few and read on every record) and reloaded after changes. Thread-safe:
// readers share a lock; a reload swaps the whole snapshot.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "domain/fields/entity_directory.h"
#include "storage/database.h"

namespace storage {

class CachedEntityDirectory final : public domain::EntityDirectory {
 public:
  explicit CachedEntityDirectory(Database& db) : db_(db) {}
  // Marks the cache stale; the next look-up reloads it.
  void Invalidate() { stale_.store(true); }

  std::optional<domain::Entity> FindUser(std::string_view code) const override;
  std::optional<domain::Entity> FindOrganization(std::string_view code) const override;
  std::optional<domain::Entity> FindGroup(std::string_view code) const override;
  std::optional<domain::Entity> FindUserById(int64_t id) const override;
  std::optional<domain::Entity> FindOrganizationById(int64_t id) const override;
  std::optional<domain::Entity> FindGroupById(int64_t id) const override;

 private:
  struct Table {
    std::map<std::string, domain::Entity, std::less<>> by_code;
    std::unordered_map<int64_t, domain::Entity> by_id;
  };
  struct Snapshot {
    Table users, organizations, groups;
  };
  std::shared_ptr<const Snapshot> Current() const;

  Database& db_;
  mutable std::atomic<bool> stale_{true};
  mutable std::mutex reload_mutex_;       // one reload at a time
  mutable std::shared_mutex snapshot_mutex_;  // guards snapshot_
  mutable std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace storage

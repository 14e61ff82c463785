#include "storage/entity_cache.h"

#include "common/log.h"

namespace storage {

using domain::Entity;

std::shared_ptr<const CachedEntityDirectory::Snapshot> CachedEntityDirectory::Current() const {
  if (stale_.load()) {
    std::lock_guard reload(reload_mutex_);
    if (stale_.exchange(false)) {
      auto fresh = std::make_shared<Snapshot>();
      common::Status s = db_.Read([&](Connection& c) -> common::Status {
        auto load = [&](const char* sql, Table& t) -> common::Status {
          return c.QueryEach(sql, {}, [&](const Row& r) {
            Entity e{r.Int(0), r.Text(1), r.Text(2)};
            t.by_code[e.code] = e;
            t.by_id[e.id] = e;
            return true;
          });
        };
        TK_RETURN_IF_ERROR(load("SELECT id, code, name FROM users WHERE valid = 1", fresh->users));
        TK_RETURN_IF_ERROR(load("SELECT id, code, name FROM organizations", fresh->organizations));
        return load("SELECT id, code, name FROM groups", fresh->groups);
      });
      if (!s.ok()) {
        common::LogError("directory reload failed: " + s.error().ToString());
        stale_.store(true);
      } else {
        std::unique_lock lock(snapshot_mutex_);
        snapshot_ = std::move(fresh);
      }
    }
  }
  std::shared_lock lock(snapshot_mutex_);
  if (!snapshot_) return std::make_shared<Snapshot>();
  return snapshot_;
}

namespace {

template <typename K>
std::optional<Entity> Lookup(const auto& map, const K& key) {
  auto it = map.find(key);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::optional<Entity> CachedEntityDirectory::FindUser(std::string_view code) const {
  return Lookup(Current()->users.by_code, code);
}
std::optional<Entity> CachedEntityDirectory::FindOrganization(std::string_view code) const {
  return Lookup(Current()->organizations.by_code, code);
}
std::optional<Entity> CachedEntityDirectory::FindGroup(std::string_view code) const {
  return Lookup(Current()->groups.by_code, code);
}
std::optional<Entity> CachedEntityDirectory::FindUserById(int64_t id) const {
  return Lookup(Current()->users.by_id, id);
}
std::optional<Entity> CachedEntityDirectory::FindOrganizationById(int64_t id) const {
  return Lookup(Current()->organizations.by_id, id);
}
std::optional<Entity> CachedEntityDirectory::FindGroupById(int64_t id) const {
  return Lookup(Current()->groups.by_id, id);
}

}  // namespace storage

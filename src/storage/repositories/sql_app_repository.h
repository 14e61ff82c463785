// SQL implementation of the app port: apps, settings documents per stage, and the DDL that
// keeps each app's record tables in step with its live form. Bound to one Connection.
#pragma once

#include <memory>
#include <mutex>
#include <unordered_map>

#include "domain/apps/app_repository.h"
#include "domain/fields/field_type_registry.h"
#include "storage/database.h"

namespace storage {

// App rows as read transactions last saw them, shared by every transaction: most requests
// (every record read, every public look-up) start by loading their app. An entry is used
// only when a probe of the row's mutable columns in the reader's own snapshot — revision,
// live revision, deploy status, next row id — matches it, so a deploy, a settings change or a
// failed deploy is seen by the very next request whatever the caches hold; a directory
// change (creator/modifier names) empties it. Thread-safe.
class AppRowCache {
 public:
  struct Entry {
    domain::App app;
    uint64_t names_generation = 0;
  };
  std::shared_ptr<const Entry> Find(int64_t id) const;
  uint64_t NamesGeneration() const;
  // Stores `app` unless InvalidateNames() ran after `names_generation` was read.
  void Put(const domain::App& app, uint64_t names_generation);
  // Users changed: creator/modifier codes and names of every entry may be stale.
  void InvalidateNames();

 private:
  static constexpr size_t kMaxEntries = 4096;  // bounded: cleared whole when full
  mutable std::mutex mutex_;
  uint64_t names_generation_ = 0;
  std::unordered_map<int64_t, std::shared_ptr<const Entry>> entries_;
};

class SqlAppRepository final : public domain::AppRepository {
 public:
  // `cache` only for read transactions (nullptr when writing: a write transaction sees its own
  // uncommitted rows, which must never reach a shared cache).
  SqlAppRepository(Connection& c, const domain::FieldTypeRegistry& registry,
                   AppRowCache* cache = nullptr)
      : c_(c), registry_(registry), cache_(cache) {}
  common::Result<int64_t> Insert(const domain::App& app) override;
  common::Result<std::optional<domain::App>> Find(int64_t id) override;
  common::Result<std::vector<domain::App>> List(const domain::AppFilter& filter) override;
  common::Status Update(const domain::App& app) override;
  common::Result<std::optional<boost::json::object>> LoadSettings(int64_t app, domain::Stage stage,
                                                                  std::string_view kind) override;
  common::Status SaveSettings(int64_t app, domain::Stage stage, std::string_view kind,
                              const boost::json::object& body) override;
  common::Status CopySettings(int64_t app, domain::Stage from, domain::Stage to) override;
  common::Result<std::vector<domain::StoredLookup>> LookupsOn(int64_t datasource,
                                                              std::string_view code) override;
  common::Status ApplySchema(const domain::App& app, const domain::FieldSet* before,
                             const domain::FieldSet& after,
                             const std::vector<domain::IndexSpec>& indexes) override;

 private:
  common::Result<std::optional<domain::App>> FindUncached(int64_t id);

  Connection& c_;
  const domain::FieldTypeRegistry& registry_;
  AppRowCache* cache_;
};

}  // namespace storage

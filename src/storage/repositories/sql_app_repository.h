// SQL implementation of the app port: apps, settings documents per stage, and the DDL that
// keeps each app's record tables in step with its live form. Bound to one Connection.
#pragma once

#include "domain/apps/app_repository.h"
#include "domain/fields/field_type_registry.h"
#include "storage/database.h"

namespace storage {

class SqlAppRepository final : public domain::AppRepository {
 public:
  SqlAppRepository(Connection& c, const domain::FieldTypeRegistry& registry)
      : c_(c), registry_(registry) {}
  common::Result<int64_t> Insert(const domain::App& app) override;
  common::Result<std::optional<domain::App>> Find(int64_t id) override;
  common::Result<std::vector<domain::App>> List(const domain::AppFilter& filter) override;
  common::Status Update(const domain::App& app) override;
  common::Result<std::optional<boost::json::object>> LoadSettings(int64_t app, domain::Stage stage,
                                                                  std::string_view kind) override;
  common::Status SaveSettings(int64_t app, domain::Stage stage, std::string_view kind,
                              const boost::json::object& body) override;
  common::Status CopySettings(int64_t app, domain::Stage from, domain::Stage to) override;
  common::Status ApplySchema(const domain::App& app, const domain::FieldSet* before,
                             const domain::FieldSet& after,
                             const std::vector<domain::IndexSpec>& indexes) override;

 private:
  Connection& c_;
  const domain::FieldTypeRegistry& registry_;
};

}  // namespace storage

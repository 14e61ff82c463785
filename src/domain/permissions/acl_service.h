// The app, record and field ACL settings (app/acl.json, record/acl.json, field/acl.json and
// their preview forms): read per stage, written to preview with the app's revision bumped,
// made live by the app deploy. Reading and writing need app management. Thread-safe.
#pragma once

#include <boost/json/array.hpp>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/fields/entity_directory.h"
#include "domain/fields/field_type_registry.h"
#include "domain/permissions/acl.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

struct AclDocument {
  boost::json::array rights;
  int64_t revision = 0;
};

class AclService {
 public:
  AclService(TransactionRunner& db, const FieldTypeRegistry& registry,
             const EntityDirectory& directory, const common::Clock& clock)
      : db_(db), registry_(registry), directory_(directory), clock_(clock) {}

  common::Result<AclDocument> Get(const Principal& who, int64_t app, Stage stage, AclKind kind);
  // Replaces the preview list; returns the new revision. `revision` nullopt or -1: no check.
  common::Result<int64_t> Put(const Principal& who, int64_t app, AclKind kind,
                              const boost::json::value& rights, std::optional<int64_t> revision);

 private:
  TransactionRunner& db_;
  const FieldTypeRegistry& registry_;
  const EntityDirectory& directory_;
  const common::Clock& clock_;
};

}  // namespace domain

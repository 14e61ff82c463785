// Port: persistence of apps and their settings documents. Implemented once in storage/.
// Bound to one transaction; not thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/apps/index_plan.h"

namespace domain {

class FieldSet;

// A lookup definition stored in an app's form (either stage, top-level or in a table).
struct StoredLookup {
  int64_t app = 0;
  boost::json::object lookup;  // the field's `lookup` property as stored
};

class AppRepository {
 public:
  virtual ~AppRepository() = default;
  // Stores a new app (id assigned) and returns its id.
  virtual common::Result<int64_t> Insert(const App& app) = 0;
  virtual common::Result<std::optional<App>> Find(int64_t id) = 0;
  // Deployed apps matching the filter, by id ascending.
  virtual common::Result<std::vector<App>> List(const AppFilter& filter) = 0;
  virtual common::Status Update(const App& app) = 0;

  // One settings document (kind: "form", "layout", "views", "settings", "status", …).
  virtual common::Result<std::optional<boost::json::object>> LoadSettings(
      int64_t app, Stage stage, std::string_view kind) = 0;
  virtual common::Status SaveSettings(int64_t app, Stage stage, std::string_view kind,
                                      const boost::json::object& body) = 0;
  // Copies every preview document over the live ones (deploy) or back (revert).
  virtual common::Status CopySettings(int64_t app, Stage from, Stage to) = 0;
  // The lookup definitions (both stages, deployed or not) of every app but `datasource` whose
  // relatedApp names `datasource` by id or, when `code` is not empty, by app code, by app id:
  // rules that look across apps (a datasource field another app's lookup uses) read these.
  // Which of the two names wins is the caller's to decide. Found inside the database, so
  // forms without such a lookup are never read into the server.
  virtual common::Result<std::vector<StoredLookup>> LookupsOn(int64_t datasource,
                                                              std::string_view code) = 0;

  // Brings the app's record tables from the `before` form to the `after` form: creates
  // tables on first deploy, adds/drops columns, subtables, indexes and search indexes.
  // `indexes` (PlanIndexes) is the whole set of plain indexes the table should have: missing
  // ones are created, others dropped. Fails (and so fails the deploy) when existing data
  // violates a new unique constraint.
  virtual common::Status ApplySchema(const App& app, const FieldSet* before, const FieldSet& after,
                                     const std::vector<IndexSpec>& indexes) = 0;
};

}  // namespace domain

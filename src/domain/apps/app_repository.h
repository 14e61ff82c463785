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

// One stored form document of an app, in one stage.
struct StoredForm {
  int64_t app = 0;
  Stage stage = Stage::kPreview;
  boost::json::object body;  // as SaveSettings stored it (FieldSet::ToStored)
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
  // The form documents (both stages, deployed or not) of every app but `except` that define
  // a lookup, by app id then live before preview: rules that look across apps (a datasource
  // field another app's lookup uses) read these. Forms without a lookup are skipped in SQL,
  // unparsed.
  virtual common::Result<std::vector<StoredForm>> FormsWithLookups(int64_t except) = 0;

  // Brings the app's record tables from the `before` form to the `after` form: creates
  // tables on first deploy, adds/drops columns, subtables, indexes and search indexes.
  // `indexes` (PlanIndexes) is the whole set of plain indexes the table should have: missing
  // ones are created, others dropped. Fails (and so fails the deploy) when existing data
  // violates a new unique constraint.
  virtual common::Status ApplySchema(const App& app, const FieldSet* before, const FieldSet& after,
                                     const std::vector<IndexSpec>& indexes) = 0;
};

}  // namespace domain

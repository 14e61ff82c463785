// App administration as kintone models it: apps, preview/live settings documents with one
// revision counter per app, deploy and revert. Every write is one transaction; every call
// checks the caller's rights first. Thread-safe (stateless apart from its collaborators).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

class FieldTypeRegistry;

struct CreatedApp {
  int64_t app = 0;
  int64_t revision = 0;
};

struct DeployTarget {
  int64_t app = 0;
  std::optional<int64_t> revision;  // nullopt or -1: no check
};

struct DeployState {
  int64_t app = 0;
  std::string status;  // PROCESSING | SUCCESS | FAIL | CANCEL
};

// A settings document and the app's revision it belongs to.
struct SettingsDocument {
  boost::json::object body;
  int64_t revision = 0;
};

class AppService {
 public:
  AppService(TransactionRunner& db, const FieldTypeRegistry& registry, const common::Clock& clock)
      : db_(db), registry_(registry), clock_(clock) {}

  common::Result<CreatedApp> Create(const Principal& who, const std::string& name,
                                    std::optional<int64_t> space, std::optional<int64_t> thread);
  // A deployed app the caller may view (GAIA_AP01 otherwise).
  common::Result<App> Get(const Principal& who, int64_t id);
  common::Result<std::vector<App>> List(const Principal& who, const AppFilter& filter);

  // Generic settings documents: "settings", "views", "layout", "status", "customize", …
  // Reading live needs view rights; reading preview and writing need app management.
  common::Result<SettingsDocument> GetSettings(const Principal& who, int64_t app, Stage stage,
                                               const std::string& kind);
  // Replaces (or, with `merge`, merges top-level keys into) a preview document; returns the
  // new revision. `revision` nullopt or -1 skips the check; stale → GAIA_CO03.
  common::Result<int64_t> PutSettings(const Principal& who, int64_t app, const std::string& kind,
                                      boost::json::object body, bool merge,
                                      std::optional<int64_t> revision);

  // Validates every app's preview and makes it live in one transaction (all or nothing);
  // with `revert` discards the preview instead.
  common::Status Deploy(const Principal& who, const std::vector<DeployTarget>& apps, bool revert);
  common::Result<std::vector<DeployState>> DeployStatus(const Principal& who,
                                                        const std::vector<int64_t>& apps);

  // The defaults a new app starts with, per settings kind.
  static boost::json::object DefaultSettings(const std::string& kind, const std::string& app_name);

 private:
  TransactionRunner& db_;
  const FieldTypeRegistry& registry_;
  const common::Clock& clock_;
};

// Loads an app for `who` inside a transaction: GAIA_AP01 when missing (or not deployed and
// `require_deployed`), else the right check.
common::Result<App> LoadApp(Transaction& tx, const Principal& who, int64_t id,
                            bool require_deployed);
// Stores a new app's preview form: just the system fields (form_service.cpp).
common::Status InitializeForm(Transaction& tx, const FieldTypeRegistry& registry, App& app);
// Records a preview change by `who`: the app's revision goes up by one. Returns it.
common::Result<int64_t> BumpRevision(Transaction& tx, App& app, const Principal& who,
                                     const common::Clock& clock);
// Checks an optional expected revision against the app's; GAIA_CO03 when stale.
common::Status CheckAppRevision(const App& app, std::optional<int64_t> expected);

}  // namespace domain

// Public dashboards as residents see them (/public/d/<token>): an aggregate of one app
// published with a table, a chart and CSV/JSON open data. Each page's figures are computed
// at most once per refresh interval into an immutable snapshot held in memory (the rendered
// page JSON, open-data JSON and CSV, with an ETag), so heavy traffic never reaches the
// database: one request computes (single flight) while the others wait for it, or keep
// getting the previous snapshot while it is refreshed.
//
// A snapshot is computed as the page's publisher, whose rights are re-checked each time:
// they must still manage the app, and the aggregate sees only the records and fields they
// may view. Groups with fewer records than the page's threshold are suppressed. Any failure
// (page switched off, publisher gone, field deleted) is TK_PB01, which reveals nothing.
// Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/permissions/principal.h"
#include "domain/records/aggregate_service.h"
#include "domain/sharing/public_dashboard_settings.h"
#include "domain/transaction.h"

namespace domain {

struct DashboardSnapshot {
  int64_t computed_at = 0;
  int64_t expires_at = 0;
  std::string etag;       // quoted strong validator of the figures and texts
  std::string page_json;  // what /public/d/<token> renders: look, columns, rows, as-of
  // Open data per language ("ja", "en"): JSON and CSV (UTF-8 with BOM, CRLF).
  std::string data_json_ja, data_json_en, data_csv_ja, data_csv_en;
};

// The page document and open data of one computed aggregate (pure; also used for previews).
boost::json::object DashboardPage(const PublicDashboardSettings& s, const AggregateTable& t);
boost::json::object DashboardData(const PublicDashboardSettings& s, const AggregateTable& t,
                                  std::string_view lang);
std::string DashboardCsv(const PublicDashboardSettings& s, const AggregateTable& t,
                         std::string_view lang);

class PublicDashboardService {
 public:
  PublicDashboardService(TransactionRunner& db, FormService& forms, AggregateService& aggregates,
                         const common::Clock& clock)
      : db_(db), forms_(forms), aggregates_(aggregates), clock_(clock) {}

  // The page's current snapshot; TK_PB01 for unknown, disabled or broken pages.
  common::Result<std::shared_ptr<const DashboardSnapshot>> Snapshot(const std::string& token);
  // Forgets the cached snapshot (the page changed, was switched off or deleted).
  void Invalidate(const std::string& token);
  // The page document for `settings` computed now as `who` (app management right), without
  // publishing or caching anything: the staff preview.
  common::Result<boost::json::object> Preview(const Principal& who, int64_t app,
                                              const boost::json::object& settings);
  // How many snapshots were computed (tests and metrics: proves the cache holds).
  int64_t computations() const;

 private:
  struct Flight {
    bool done = false;
    bool stale = false;  // invalidated while computing: answer the waiters, keep nothing
    common::Result<std::shared_ptr<const DashboardSnapshot>> result{
        common::Error(common::ErrorCode::kPublicPageNotFound)};
  };
  common::Result<std::shared_ptr<const DashboardSnapshot>> Compute(const std::string& token);

  TransactionRunner& db_;
  FormService& forms_;
  AggregateService& aggregates_;
  const common::Clock& clock_;
  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable flight_done_;
  std::unordered_map<std::string, std::shared_ptr<const DashboardSnapshot>> snapshots_;
  std::unordered_map<std::string, std::shared_ptr<Flight>> flights_;
  int64_t computations_ = 0;
};

}  // namespace domain

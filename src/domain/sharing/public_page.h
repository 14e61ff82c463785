// Public pages: a published form or look-up page of one app, reached by residents without an
// account at /public/f/<token>, /public/l/<token> or /public/d/<token>, and the port that stores
// them, their submissions (idempotency keys) and the receipt-number sequences. Value types; the
// repository is bound to one transaction.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/sharing/attempt_limiter.h"

namespace domain {

enum class PublicPageKind { kForm, kLookup, kDashboard };

struct PublicPage {
  int64_t id = 0;
  // The page's address: 32 random alphanumerics (~190 bits), so an unpublished page cannot
  // be found by guessing. Kept in clear: it is a public URL, not a credential — look-up
  // pages are guarded by their key fields and rate limits, not by the token.
  std::string token;
  int64_t app_id = 0;
  PublicPageKind kind = PublicPageKind::kForm;
  bool enabled = true;
  boost::json::object settings;  // validated by Public{Form,Lookup,Dashboard}Settings
  // Who published the page or last changed its settings: a page computes as this person
  // (dashboards run their aggregate with the publisher's rights), so a settings change makes
  // the editor the publisher — one administrator cannot make a page compute something new
  // with another's rights. Switching a page on or off leaves the publisher as it is.
  int64_t publisher = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

std::string_view KindName(PublicPageKind kind);
std::optional<PublicPageKind> ParseKind(std::string_view name);

// A page row with its settings as stored, unparsed: lets a cache of parsed settings check
// itself against the row in the reader's own snapshot for the price of a string compare.
struct StoredPageRow {
  int64_t id = 0;
  int64_t app_id = 0;
  PublicPageKind kind = PublicPageKind::kForm;
  bool enabled = true;
  std::string settings;  // JSON text
};

// What a submission produced; returned again for a retried idempotency key.
struct PublicSubmission {
  int64_t record_id = 0;
  std::string receipt;
};

class SharingRepository {
 public:
  virtual ~SharingRepository() = default;
  // The next number of the app's receipt sequence for `period` (1, 2, …), atomically within
  // the caller's write transaction.
  virtual common::Result<int64_t> NextReceiptSequence(int64_t app, std::string_view period) = 0;

  virtual common::Status InsertPage(PublicPage& page) = 0;  // assigns page.id
  virtual common::Status UpdatePage(const PublicPage& page) = 0;
  virtual common::Status DeletePage(int64_t id) = 0;
  virtual common::Result<std::optional<PublicPage>> FindPage(int64_t id) = 0;
  virtual common::Result<std::optional<PublicPage>> FindPageByToken(std::string_view token) = 0;
  virtual common::Result<std::optional<StoredPageRow>> FindPageRowByToken(
      std::string_view token) = 0;
  virtual common::Result<std::vector<PublicPage>> ListPages(int64_t app) = 0;

  virtual common::Result<std::optional<PublicSubmission>> FindSubmission(
      int64_t page, std::string_view idempotency_key) = 0;
  virtual common::Status InsertSubmission(int64_t page, std::string_view idempotency_key,
                                          const PublicSubmission& s, int64_t at) = 0;
  virtual common::Result<int64_t> CountSubmissions(int64_t page) = 0;

  // The id of the built-in account `code` (no password, cannot sign in), created on first use.
  virtual common::Result<int64_t> EnsureSystemUser(std::string_view code, std::string_view name,
                                                   int64_t now) = 0;

  // Rate-limit counters shared by every server process (SyncAttempts). Adds each delta's
  // attempts to its key's row when they fall in the row's window, or starts the row's newer
  // window; blocks and strikes keep the larger value. Stamps the rows with `now`.
  virtual common::Status MergeAttempts(const std::vector<AttemptState>& deltas, int64_t now) = 0;
  // Rows stamped at or after `since`.
  virtual common::Result<std::vector<AttemptState>> LoadAttempts(int64_t since) = 0;
  // Forgets rows not blocked at `now` and not stamped since `before`.
  virtual common::Status PruneAttempts(int64_t now, int64_t before) = 0;
};

}  // namespace domain

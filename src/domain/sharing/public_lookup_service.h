// Public look-up pages as residents use them: the page's description, and finding the one
// record whose key fields all match what the resident typed (NFKC-normalised, so full-width
// digits match). Every miss — unknown receipt number, wrong secret — gets the same single
// answer after the same work, and failures are limited per address and per receipt number
// with growing back-off, so the page cannot be used to enumerate records. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"
#include "common/result.h"
#include "common/text.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/sharing/attempt_limiter.h"
#include "domain/sharing/page_cache.h"
#include "domain/sharing/public_lookup_settings.h"

namespace domain {

class PublicLookupService {
 public:
  PublicLookupService(TransactionRunner& db, FormService& forms, const EntityDirectory& directory,
                      AttemptLimiter& limiter, const common::Clock& clock)
      : db_(db), forms_(forms), directory_(directory), limiter_(limiter), clock_(clock) {}

  // Texts, look and the key fields to ask for. TK_PB01 for unknown or disabled pages.
  common::Result<boost::json::object> Describe(std::string_view token);
  // {"fields": [{"label", "value"}…]} of the matching record, labels and status values in
  // `lang`; TK_PB06 for any miss, TK_PB05 while rate-limited.
  common::Result<boost::json::object> Find(std::string_view token, const std::string& address,
                                           const boost::json::object& keys, common::Lang lang);

  // A published page as look-ups use it, parsed once: its settings, the app's live form, and
  // a codec over only the key and shown fields (a look-up reads those columns, not the record).
  // Valid while the page row's settings text and the app's live revision are unchanged, which
  // every request checks in its own snapshot. Immutable once built.
  struct OpenPage {
    PageStamp stamp;
    bool valid = false;  // the settings still fit the live form
    PublicLookupSettings settings;
    std::shared_ptr<const LiveForm> live;
    FieldSet read_form;  // the key and shown fields
    std::unique_ptr<RecordCodec> read_codec;
  };

 private:
  // The page of `token` for this snapshot: TK_PB01 unless an enabled, valid look-up page of a
  // deployed app.
  common::Result<std::shared_ptr<const OpenPage>> Open(Transaction& tx, std::string_view token);

  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  AttemptLimiter& limiter_;
  const common::Clock& clock_;
  std::mutex decoy_mutex_;  // guards decoys_
  // Per app, the highest record id a hit has read: misses read a random record up to it, so
  // that a miss costs what a hit costs.
  std::unordered_map<int64_t, int64_t> decoys_;
  PageCache<OpenPage> pages_;
};

// NFKC, white space trimmed: how key values are compared ("１２３" matches "123").
std::string NormalizeKey(std::string_view text);
// The last four decimal digits of `text` ("" when it has fewer).
std::string LastFourDigits(std::string_view text);
// Equal strings, comparing every byte of the longer one whatever the first difference.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace domain

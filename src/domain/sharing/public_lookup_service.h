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

 private:
  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  AttemptLimiter& limiter_;
  const common::Clock& clock_;
  std::mutex decoy_mutex_;  // guards decoys_
  // Per app, a record id read on a miss so that a miss costs what a hit costs.
  std::unordered_map<int64_t, int64_t> decoys_;
};

// NFKC, white space trimmed: how key values are compared ("１２３" matches "123").
std::string NormalizeKey(std::string_view text);
// The last four decimal digits of `text` ("" when it has fewer).
std::string LastFourDigits(std::string_view text);
// Equal strings, comparing every byte of the longer one whatever the first difference.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace domain

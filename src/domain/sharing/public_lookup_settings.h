// A public look-up page's settings: the key fields a resident must all match (the first a
// unique field such as the receipt number, then at least one secret such as a birth date
// or a phone number's last four digits), the fields shown, friendly labels for status
// values, texts, look and rate limits. Validated against the app's live form. Pure.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/sharing/attempt_limiter.h"
#include "domain/sharing/page_look.h"

namespace domain {

class FieldSet;

enum class KeyMatch { kExact, kLast4 };

struct LookupKey {
  std::string code;
  KeyMatch match = KeyMatch::kExact;
  std::string label;  // "" = the field's label
  std::string help;
};

// code "$status": the record's process-management status.
struct ShownField {
  std::string code;
  std::string label;
};

struct PublicLookupSettings {
  PageLook look;
  std::vector<LookupKey> keys;
  std::vector<ShownField> shown;
  // Stored value -> "label" or {"ja": "…", "en": "…"}, for status-like values.
  boost::json::object value_labels;
  AttemptLimit per_address{30, 600};  // failed look-ups per address
  AttemptLimit per_key{5, 600};       // failed look-ups per first-key value

  static common::Result<PublicLookupSettings> FromJson(const boost::json::object& body,
                                                       const FieldSet& form);
  boost::json::object ToJson() const;
};

}  // namespace domain

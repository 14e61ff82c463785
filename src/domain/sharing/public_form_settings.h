// A public form's settings: which fields in which order with help texts, its look, when it
// is open, how many submissions it takes, what attachments it accepts and how often one
// address may submit. Parsed and validated against the app's live form. Pure; value type.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/sharing/attempt_limiter.h"
#include "domain/sharing/page_look.h"

namespace domain {

class FieldSet;
struct FieldDef;

struct PublishedField {
  std::string code;
  std::string help;
};

struct AttachmentRules {
  int64_t max_bytes = 5 * 1024 * 1024;
  int64_t max_count = 3;  // per field
  std::vector<std::string> types = {"application/pdf", "image/jpeg", "image/png"};
};

// The optional confirmation e-mail to the resident: the published field holding their
// address, and subject and body templates with {{receipt}}, {{title}} and {{<field code>}}
// of published fields (domain/mail/mail_template.h).
struct ConfirmationMail {
  bool enabled = false;
  std::string to_field;
  std::string subject;
  std::string body;
};

struct PublicFormSettings {
  PageLook look;
  std::vector<PublishedField> fields;
  std::optional<int64_t> opens_at;  // unix seconds
  std::optional<int64_t> closes_at;
  int64_t max_submissions = 0;  // 0 = no cap
  std::string completion_message;
  AttachmentRules attachments;
  AttemptLimit per_address{20, 3600};
  ConfirmationMail mail;

  // `receipt_field`: the app's receipt-number field ("" if none), which the server fills
  // and which is therefore never published.
  static common::Result<PublicFormSettings> FromJson(const boost::json::object& body,
                                                     const FieldSet& form,
                                                     const std::string& receipt_field);
  boost::json::object ToJson() const;

  std::vector<std::string> FieldCodes() const;
};

// "2026-11-21T09:00:00Z" (seconds optional) as unix seconds; nullopt if malformed.
std::optional<int64_t> ParseUtcTimestamp(std::string_view text);
std::string FormatUtcTimestamp(int64_t seconds);

}  // namespace domain

// Public forms as residents use them: the form's description for the page, and submission
// as the form's own "public form" principal (add right on that one app, published fields
// only). A submission checks the form's window, cap and per-address limit, checks every
// attachment's type by content, size and count, and stores one normal record with its
// receipt number in one transaction; an idempotency key answers a retry with the first
// submission's receipt instead of a second record. Thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/files/file_service.h"
#include "domain/records/record_service.h"
#include "domain/sharing/attempt_limiter.h"
#include "domain/sharing/file_type_detector.h"
#include "domain/sharing/page_cache.h"
#include "domain/sharing/public_form_settings.h"
#include "domain/sharing/public_page.h"

namespace domain {

struct PublicFile {
  std::string field;  // the FILE field it is attached to
  std::string name;
  std::string_view data;
};

struct PublicFormSubmission {
  std::string token;
  std::string address;          // the caller's IP address, for the per-address limit
  std::string idempotency_key;  // chosen by the page once per filled-in form
  boost::json::object values;   // field code -> value (string or array of strings)
  std::vector<PublicFile> files;
};

struct PublicFormReceipt {
  int64_t record_id = 0;
  std::string receipt;
  std::string completion_message;
  bool repeated = false;  // the idempotency key was seen before; nothing new was stored
};

class PublicFormService {
 public:
  PublicFormService(TransactionRunner& db, FormService& forms, RecordService& records,
                    FileService& files, const FileTypeDetector& detector, AttemptLimiter& limiter,
                    const common::Clock& clock)
      : db_(db),
        forms_(forms),
        records_(records),
        files_(files),
        detector_(detector),
        limiter_(limiter),
        clock_(clock) {}

  // The page as the resident's browser needs it: texts, look, fields, attachment rules and
  // state ("open", "notYetOpen", "closed", "full"). TK_PB01 for unknown or disabled pages.
  common::Result<boost::json::object> Describe(std::string_view token);
  common::Result<PublicFormReceipt> Submit(const PublicFormSubmission& submission);

  // A published form parsed once per settings text, deploy and receipt field (PageCache).
  struct OpenPage {
    PageStamp stamp;
    std::string receipt_field;  // the app's receipt field when the settings were read
    bool valid = false;         // the settings still fit the live form
    PublicFormSettings settings;
    std::shared_ptr<const LiveForm> live;
  };

 private:
  // The form of `token` for this snapshot: TK_PB01 unless an enabled, valid form page of a
  // deployed app.
  common::Result<std::shared_ptr<const OpenPage>> Open(Transaction& tx, std::string_view token);

  TransactionRunner& db_;
  FormService& forms_;
  RecordService& records_;
  FileService& files_;
  const FileTypeDetector& detector_;
  AttemptLimiter& limiter_;
  const common::Clock& clock_;
  PageCache<OpenPage> pages_;
};

}  // namespace domain

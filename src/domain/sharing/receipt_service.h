// Receipt numbers: reading and changing an app's format (app management right), and issuing
// numbers inside the record-add transaction, so a number is taken exactly when its record is
// stored and a failed add takes none. Thread-safe (stateless apart from its collaborators).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/permissions/principal.h"
#include "domain/records/record_repository.h"
#include "domain/sharing/receipt_format.h"
#include "domain/transaction.h"

namespace domain {

class ReceiptService {
 public:
  ReceiptService(TransactionRunner& db, FormService& forms) : db_(db), forms_(forms) {}

  // The app's format, nullopt when it issues no receipt numbers.
  common::Result<std::optional<ReceiptFormat>> Get(const Principal& who, int64_t app);
  // Sets the format (validated against the live form), or removes it when `body` is null.
  common::Status Put(const Principal& who, int64_t app, const boost::json::value& body);

 private:
  TransactionRunner& db_;
  FormService& forms_;
};

// The app's receipt format inside `tx`, nullopt when none is set or it no longer fits the form
// (its field was deleted or changed type).
common::Result<std::optional<ReceiptFormat>> LoadReceiptFormat(Transaction& tx, int64_t app,
                                                               const FieldSet& form);

// Issues a number of `format` (the app's, from LoadReceiptFormat; none: nothing is issued)
// into the receipt field of every record of `records` that leaves it empty; `local_date`
// ("YYYY-MM-DD", the issuing day) picks the period. Returns each record's receipt number.
// A number already held by a record (typed by hand or imported) is skipped, so the counter
// never collides with it.
common::Result<std::vector<std::string>> IssueReceiptNumbers(
    Transaction& tx, const RecordSchema& schema, const std::optional<ReceiptFormat>& format,
    const std::string& local_date, std::vector<StoredRecord>& records);

// The receipt number held by `record` under `format` ("" if none).
std::string ReceiptOf(const ReceiptFormat& format, const StoredRecord& record);

}  // namespace domain

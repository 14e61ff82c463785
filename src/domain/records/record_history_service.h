// A record's history for people (a Tsumiki extension: kintone has no history API): who
// changed it, when, to which revision, and each field's value before and after, newest
// first, paged. Needs the right to view the record (app and record ACL; a token its view
// grant); fields the caller may not view are left out of every entry. Thread-safe.
#pragma once

#include <boost/json/object.hpp>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

class RecordHistoryService {
 public:
  static constexpr int64_t kMaxLimit = 100;

  RecordHistoryService(TransactionRunner& db, FormService& forms, const EntityDirectory& directory,
                       const common::Clock& clock)
      : db_(db), forms_(forms), directory_(directory), clock_(clock) {}

  // {"history":[{"revision","action","at","user":{code,name},"changes":[…]}],"totalCount"}
  common::Result<boost::json::object> Get(const Principal& who, int64_t app, int64_t record,
                                          int64_t offset, int64_t limit);

 private:
  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  const common::Clock& clock_;
};

}  // namespace domain

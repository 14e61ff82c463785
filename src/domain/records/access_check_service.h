// What a user may do with an app's records and fields, evaluated by the same rules that
// enforce them: kintone's records/acl/evaluate.json for the caller, and the "check as this
// user" preview an app manager uses on the permission editors. Thread-safe.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

class AccessCheckService {
 public:
  AccessCheckService(TransactionRunner& db, FormService& forms, const EntityDirectory& directory,
                     const common::Clock& clock)
      : db_(db), forms_(forms), directory_(directory), clock_(clock) {}

  // {"rights":[{"id","record":{viewable,editable,deletable},"fields":{code:{viewable,editable}}}]}
  // for the caller (≤100 ids; an unknown id → GAIA_RE01). Needs view or add on the app.
  common::Result<boost::json::object> Evaluate(const Principal& who, int64_t app,
                                               const std::vector<int64_t>& ids);
  // The same for the user `user_code`, plus their app-level rights under "app"; for callers
  // who manage the app.
  // The caller's rights for the record form, by the same evaluation: {"app":{…app rights},
  // "record":{viewable,editable,deletable} (a new record, `record` nullopt: {addable}),
  // "fields":{code:{viewable,editable}}} for every field holding a value (inner fields too).
  common::Result<boost::json::object> Rights(const Principal& who, int64_t app,
                                             std::optional<int64_t> record);
  common::Result<boost::json::object> EvaluateAs(const Principal& manager, int64_t app,
                                                 const std::string& user_code,
                                                 const std::vector<int64_t>& ids);

 private:
  common::Result<boost::json::object> EvaluateIn(Transaction& tx, const Principal& who, int64_t app,
                                                 const std::vector<int64_t>& ids,
                                                 bool with_app_rights);

  TransactionRunner& db_;
  FormService& forms_;
  const EntityDirectory& directory_;
  const common::Clock& clock_;
};

}  // namespace domain

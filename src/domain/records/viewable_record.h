// Opens one record of a deployed app for a caller who must be allowed to view it: the app
// right (view; a token needs its view grant), the record's existence (GAIA_RE01) and the
// record ACL for that record. Used by the record-side features that kintone ties to the
// view right: comments and history. The caller's AppAccess and field rights on the record
// come back for field filtering.
#pragma once

#include <memory>

#include "common/clock.h"
#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/access.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"

namespace domain {

struct ViewableRecord {
  App app;
  std::shared_ptr<const LiveForm> live;
  AppAccess access;
  int64_t id = 0;
  FieldRights fields;  // the caller's field rights on this record
};

common::Result<ViewableRecord> OpenViewableRecord(Transaction& tx, FormService& forms,
                                                  const EntityDirectory& directory,
                                                  const common::Clock& clock, const Principal& who,
                                                  int64_t app, int64_t record);

}  // namespace domain

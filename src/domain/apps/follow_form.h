// What a form edit does to the preview settings that name its fields, in the edit's own
// transaction: field permissions, record-permission conditions, views, the title field,
// process management, notifications, reports and app actions (follow_settings.h) follow a
// renamed field's code; a removed field's field rule, view columns, sort keys and view
// conditions go. A change that would leave a view unusable (its calendar date removed, an
// option its filter names removed) is refused with the view named.
#pragma once

#include "common/result.h"
#include "domain/fields/field_set.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "query/field_rename.h"

namespace domain {

// Renamed and removed codes between two versions of a form (fields matched by id).
query::FieldChanges DiffFields(const FieldSet& before, const FieldSet& after);

common::Status FollowFormEdit(Transaction& tx, const Principal& who, int64_t app,
                              const FieldSet& before, const FieldSet& after, int64_t now);

}  // namespace domain

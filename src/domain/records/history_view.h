// What a caller sees of one stored history entry: the changed fields in form order, each
// with its before and after value, leaving out every field the caller may not view (field
// ACL) and every field no longer on the form (its permissions cannot be decided any more).
// A change made only to hidden fields leaves an entry with no changes: that something
// changed is shown, what changed is not. Pure.
#pragma once

#include <boost/json/array.hpp>

#include "domain/fields/field_set.h"
#include "domain/permissions/access.h"
#include "domain/records/record_repository.h"

namespace domain {

// [{"code","label","type","before","after"}] — values as the record API shows them
// (`value` of {"type","value"}), null for "none" (before an add, after a delete).
boost::json::array VisibleChanges(const HistoryEntry& entry, const FieldSet& form,
                                  const FieldRights& rights);

}  // namespace domain

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

// Whether an "add" entry is stored without the record (as adds are written now; older entries
// hold it): its "after" is then RecordAsAdded's.
bool AddedWithoutRecord(const HistoryEntry& entry);

// The record as it was added: `current` (code -> {"type","value"}) with every "update" of
// `history` (all of the record's entries, any order) undone, newest first: each changed field
// gets its "before" back, or goes when it had none.
boost::json::object RecordAsAdded(const boost::json::object& current,
                                  const std::vector<HistoryEntry>& history);

}  // namespace domain

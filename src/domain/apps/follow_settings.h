// Renamed field codes followed into the settings documents that name fields of their own app
// besides views and permissions: process management (status actions' conditions, assignees
// and executors chosen by a field), notifications (conditions, recipients chosen by a field,
// a reminder's date field), reports (groups, aggregations, conditions) and app actions
// (source fields, conditions). Pure and stateless.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string_view>

#include "query/field_rename.h"

namespace domain {

// The settings kinds FollowRenamesInSettings knows, as stored ("status", "reports", …).
inline constexpr std::string_view kFieldNamingSettings[] = {"status",
                                                            "notifications/general",
                                                            "notifications/perRecord",
                                                            "notifications/reminder",
                                                            "reports",
                                                            "actions"};

// Follows `changes.renamed` into `doc` (one stored document of `kind`); true when anything
// changed. Removed fields are left named: dropping a condition would widen who is notified
// or what a report counts, so such a setting keeps failing visibly instead. An app action's
// destination fields follow only when it copies into this same app (`app`).
bool FollowRenamesInSettings(std::string_view kind, boost::json::object& doc,
                             const query::FieldChanges& changes, int64_t app);

}  // namespace domain

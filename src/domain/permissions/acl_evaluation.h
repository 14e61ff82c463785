// Pure evaluation of the ACL lists for one user (no I/O): kintone's rules are ordered
// lists in which the first entry naming the user decides and the "everyone" group is always
// tried last; an ORGANIZATION entry with includeSubs also names members of its descendants.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/permissions/acl.h"

namespace domain {

enum class EntityMatch { kYes, kNo, kDependsOnRecord };

// Whether `e` names the user. CREATOR is `creator` when given (the app's creator in the app
// ACL); nullopt makes CREATOR, like FIELD_ENTITY, depend on the record.
EntityMatch MatchEntity(const AclEntity& e, const Membership& m, std::optional<int64_t> creator);

// `entries` in evaluation order: as listed, the everyone entries moved last.
std::vector<const AclEntry*> EvaluationOrder(const std::vector<AclEntry>& entries);

// The rights the app ACL gives the user: the first matching entry's, or none.
uint32_t AppAclRights(const std::vector<AclEntry>& entries, const Membership& m,
                      int64_t app_creator);

// One list's entries narrowed to the user: the record-dependent entries (CREATOR,
// FIELD_ENTITY) that come before the first entry naming the user, tried in order against each
// record, and the rights when none of them matches.
struct EntriesForUser {
  std::vector<AclEntry> per_record;
  uint32_t otherwise = 0;

  // The `right` bits held on every record whatever it names (all per-record entries and
  // `otherwise` grant them).
  uint32_t OnEveryRecord() const;
};
EntriesForUser NarrowEntries(const std::vector<AclEntry>& entries, const Membership& m);

// One record rule narrowed to the user.
struct RecordRuleForUser : EntriesForUser {
  std::string filter_cond;  // "" = every record
};
std::vector<RecordRuleForUser> RecordRulesForUser(const std::vector<AclRule>& rules,
                                                  const Membership& m);

// Field ACL narrowed to the user: rule subject (a field or field-group code) -> its entries,
// for every subject that has a rule (fields without one are fully accessible). A subject
// listed twice: the first rule counts, as the first matching entry does.
std::map<std::string, EntriesForUser, std::less<>> FieldRulesForUser(
    const std::vector<AclRule>& rules, const Membership& m);

}  // namespace domain

#include "domain/permissions/acl_evaluation.h"

#include <algorithm>

namespace domain {

namespace {

bool Contains(const std::vector<int64_t>& ids, int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

EntityMatch MatchEntity(const AclEntity& e, const Membership& m, std::optional<int64_t> creator) {
  switch (e.type) {
    case AclEntityType::kUser:
      return e.id == m.user_id ? EntityMatch::kYes : EntityMatch::kNo;
    case AclEntityType::kGroup:
      if (e.is_everyone()) return EntityMatch::kYes;
      return Contains(m.groups, e.id) ? EntityMatch::kYes : EntityMatch::kNo;
    case AclEntityType::kOrganization:
      if (Contains(m.organizations, e.id)) return EntityMatch::kYes;
      return e.include_subs && Contains(m.ancestors, e.id) ? EntityMatch::kYes : EntityMatch::kNo;
    case AclEntityType::kCreator:
      if (!creator) return EntityMatch::kDependsOnRecord;
      return *creator == m.user_id ? EntityMatch::kYes : EntityMatch::kNo;
    case AclEntityType::kFieldEntity:
      return EntityMatch::kDependsOnRecord;
  }
  return EntityMatch::kNo;
}

std::vector<const AclEntry*> EvaluationOrder(const std::vector<AclEntry>& entries) {
  std::vector<const AclEntry*> out;
  for (const AclEntry& e : entries) {
    if (!e.entity.is_everyone()) out.push_back(&e);
  }
  for (const AclEntry& e : entries) {
    if (e.entity.is_everyone()) out.push_back(&e);
  }
  return out;
}

uint32_t AppAclRights(const std::vector<AclEntry>& entries, const Membership& m,
                      int64_t app_creator) {
  for (const AclEntry* e : EvaluationOrder(entries)) {
    if (MatchEntity(e->entity, m, app_creator) == EntityMatch::kYes) return e->rights;
  }
  return 0;
}

uint32_t EntriesForUser::OnEveryRecord() const {
  uint32_t rights = otherwise;
  for (const AclEntry& e : per_record) rights &= e.rights;
  return rights;
}

EntriesForUser NarrowEntries(const std::vector<AclEntry>& entries, const Membership& m) {
  EntriesForUser out;
  for (const AclEntry* e : EvaluationOrder(entries)) {
    EntityMatch match = MatchEntity(e->entity, m, std::nullopt);
    if (match == EntityMatch::kDependsOnRecord) {
      out.per_record.push_back(*e);
    } else if (match == EntityMatch::kYes) {
      out.otherwise = e->rights;
      break;
    }
  }
  return out;
}

std::vector<RecordRuleForUser> RecordRulesForUser(const std::vector<AclRule>& rules,
                                                  const Membership& m) {
  std::vector<RecordRuleForUser> out;
  for (const AclRule& rule : rules) {
    RecordRuleForUser r;
    static_cast<EntriesForUser&>(r) = NarrowEntries(rule.entries, m);
    r.filter_cond = rule.subject;
    out.push_back(std::move(r));
  }
  return out;
}

std::map<std::string, EntriesForUser, std::less<>> FieldRulesForUser(
    const std::vector<AclRule>& rules, const Membership& m) {
  std::map<std::string, EntriesForUser, std::less<>> out;
  for (const AclRule& rule : rules) {
    if (!out.contains(rule.subject)) out.emplace(rule.subject, NarrowEntries(rule.entries, m));
  }
  return out;
}

}  // namespace domain

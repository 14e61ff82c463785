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

std::vector<RecordRuleForUser> RecordRulesForUser(const std::vector<AclRule>& rules,
                                                  const Membership& m) {
  std::vector<RecordRuleForUser> out;
  for (const AclRule& rule : rules) {
    RecordRuleForUser r;
    r.filter_cond = rule.subject;
    for (const AclEntry* e : EvaluationOrder(rule.entries)) {
      EntityMatch match = MatchEntity(e->entity, m, std::nullopt);
      if (match == EntityMatch::kDependsOnRecord) {
        r.per_record.push_back(*e);
      } else if (match == EntityMatch::kYes) {
        r.otherwise = e->rights;
        break;
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::map<std::string, uint32_t, std::less<>> FieldRightsForUser(const std::vector<AclRule>& rules,
                                                                const Membership& m) {
  std::map<std::string, uint32_t, std::less<>> out;
  for (const AclRule& rule : rules) {
    uint32_t rights = 0;
    for (const AclEntry* e : EvaluationOrder(rule.entries)) {
      if (MatchEntity(e->entity, m, std::nullopt) == EntityMatch::kYes) {
        rights = e->rights;
        break;
      }
    }
    // A field listed twice: the first rule counts, as the first matching entry does.
    out.emplace(rule.subject, rights);
  }
  return out;
}

}  // namespace domain

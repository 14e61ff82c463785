#include "storage/repositories/sql_acl_repository.h"

namespace storage {

using common::Result;
using common::Status;
using domain::AclKind;
using domain::AclRule;
using domain::AppAcls;
using domain::Membership;

std::shared_ptr<const AppAcls> AclCache::Live(int64_t app, int64_t revision) const {
  std::lock_guard lock(mutex_);
  auto it = live_.find({app, revision});
  return it == live_.end() ? nullptr : it->second;
}

void AclCache::PutLive(int64_t app, int64_t revision, std::shared_ptr<const AppAcls> acls) {
  std::lock_guard lock(mutex_);
  if (live_.size() >= kMaxEntries) live_.clear();
  live_[{app, revision}] = std::move(acls);
}

std::shared_ptr<const Membership> AclCache::MembershipOf(int64_t user) const {
  std::lock_guard lock(mutex_);
  auto it = memberships_.find(user);
  return it == memberships_.end() ? nullptr : it->second;
}

void AclCache::PutMembership(int64_t user, std::shared_ptr<const Membership> m) {
  std::lock_guard lock(mutex_);
  if (memberships_.size() >= kMaxEntries) memberships_.clear();
  memberships_[user] = std::move(m);
}

void AclCache::InvalidateMemberships() {
  std::lock_guard lock(mutex_);
  memberships_.clear();
}

Result<AppAcls> SqlAclRepository::Load(int64_t app, domain::Stage stage) {
  std::string s(domain::StageName(stage));
  AppAcls out;
  TK_ASSIGN_OR_RETURN(auto rules, c_.Query("SELECT kind, position, subject FROM acl_rules "
                                           "WHERE app_id = ? AND stage = ? ORDER BY kind, position",
                                           {app, s}));
  // (kind, position) -> the rule it fills
  std::map<std::pair<std::string, int64_t>, AclRule*> by_key;
  for (const Row& r : rules) {
    std::string kind = r.Text(0);
    AclRule rule{r.Text(2), {}};
    if (kind == "app") {
      out.app.emplace();
    } else if (kind == "record") {
      out.records.push_back(std::move(rule));
    } else if (kind == "field") {
      out.fields.push_back(std::move(rule));
    }
  }
  // Pointers are taken once the vectors stop growing.
  size_t ri = 0, fi = 0;
  AclRule app_rule;
  for (const Row& r : rules) {
    std::string kind = r.Text(0);
    AclRule* target = kind == "app"      ? &app_rule
                      : kind == "record" ? &out.records[ri++]
                                         : &out.fields[fi++];
    by_key[{kind, r.Int(1)}] = target;
  }
  TK_ASSIGN_OR_RETURN(auto entries,
                      c_.Query("SELECT kind, rule, entity_type, entity_id, entity_code, "
                               "include_subs, rights FROM acl_entries WHERE app_id = ? AND "
                               "stage = ? ORDER BY kind, rule, position",
                               {app, s}));
  for (const Row& r : entries) {
    auto it = by_key.find({r.Text(0), r.Int(1)});
    auto type = domain::ParseAclEntityType(r.Text(2));
    if (it == by_key.end() || !type) continue;
    domain::AclEntry e;
    e.entity.type = *type;
    e.entity.id = r.Int(3);
    e.entity.code = r.Text(4);
    e.entity.include_subs = r.Int(5) != 0;
    e.rights = static_cast<uint32_t>(r.Int(6));
    it->second->entries.push_back(std::move(e));
  }
  if (out.app) out.app = std::move(app_rule.entries);
  return out;
}

Result<std::shared_ptr<const AppAcls>> SqlAclRepository::LoadLive(const domain::App& app) {
  if (auto cached = cache_.Live(app.id, app.live_revision)) return cached;
  TK_ASSIGN_OR_RETURN(AppAcls acls, Load(app.id, domain::Stage::kLive));
  auto shared = std::make_shared<const AppAcls>(std::move(acls));
  if (app.live_revision > 0) cache_.PutLive(app.id, app.live_revision, shared);
  return shared;
}

Status SqlAclRepository::SavePreview(int64_t app, AclKind kind, const std::vector<AclRule>& rules) {
  std::string stage(domain::StageName(domain::Stage::kPreview));
  std::string k(domain::AclKindName(kind));
  TK_RETURN_IF_ERROR(c_.Execute(
      "DELETE FROM acl_entries WHERE app_id = ? AND stage = ? AND kind = ?", {app, stage, k}));
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM acl_rules WHERE app_id = ? AND stage = ? AND kind = ?",
                                {app, stage, k}));
  for (size_t i = 0; i < rules.size(); ++i) {
    TK_RETURN_IF_ERROR(c_.Execute(
        "INSERT INTO acl_rules(app_id, stage, kind, position, subject) VALUES (?,?,?,?,?)",
        {app, stage, k, static_cast<int64_t>(i), rules[i].subject}));
    for (size_t j = 0; j < rules[i].entries.size(); ++j) {
      const domain::AclEntry& e = rules[i].entries[j];
      TK_RETURN_IF_ERROR(c_.Execute(
          "INSERT INTO acl_entries(app_id, stage, kind, rule, position, entity_type, entity_id, "
          "entity_code, include_subs, rights) VALUES (?,?,?,?,?,?,?,?,?,?)",
          {app, stage, k, static_cast<int64_t>(i), static_cast<int64_t>(j),
           std::string(domain::AclEntityTypeName(e.entity.type)), e.entity.id, e.entity.code,
           static_cast<int64_t>(e.entity.include_subs ? 1 : 0), static_cast<int64_t>(e.rights)}));
    }
  }
  return Status::Ok();
}

Status SqlAclRepository::Copy(int64_t app, domain::Stage from, domain::Stage to) {
  std::string f(domain::StageName(from)), t(domain::StageName(to));
  TK_RETURN_IF_ERROR(
      c_.Execute("DELETE FROM acl_entries WHERE app_id = ? AND stage = ?", {app, t}));
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM acl_rules WHERE app_id = ? AND stage = ?", {app, t}));
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO acl_rules(app_id, stage, kind, position, subject) SELECT app_id, ?, kind, "
      "position, subject FROM acl_rules WHERE app_id = ? AND stage = ?",
      {t, app, f}));
  return c_.Execute(
      "INSERT INTO acl_entries(app_id, stage, kind, rule, position, entity_type, entity_id, "
      "entity_code, include_subs, rights) SELECT app_id, ?, kind, rule, position, entity_type, "
      "entity_id, entity_code, include_subs, rights FROM acl_entries WHERE app_id = ? AND stage = "
      "?",
      {t, app, f});
}

Result<std::shared_ptr<const Membership>> SqlAclRepository::MembershipOf(int64_t user_id) {
  if (auto cached = cache_.MembershipOf(user_id)) return cached;
  auto m = std::make_shared<Membership>();
  m->user_id = user_id;
  TK_ASSIGN_OR_RETURN(
      auto orgs,
      c_.Query("SELECT organization_id FROM user_organizations WHERE user_id = ?", {user_id}));
  for (const Row& r : orgs) m->organizations.push_back(r.Int(0));
  TK_ASSIGN_OR_RETURN(
      auto ancestors,
      c_.Query("WITH RECURSIVE up(id) AS (SELECT o.parent_id FROM user_organizations uo JOIN "
               "organizations o ON o.id = uo.organization_id WHERE uo.user_id = ? AND o.parent_id "
               "IS NOT NULL UNION SELECT o.parent_id FROM organizations o JOIN up ON o.id = up.id "
               "WHERE o.parent_id IS NOT NULL) SELECT id FROM up",
               {user_id}));
  for (const Row& r : ancestors) m->ancestors.push_back(r.Int(0));
  TK_ASSIGN_OR_RETURN(auto groups,
                      c_.Query("SELECT group_id FROM user_groups WHERE user_id = ?", {user_id}));
  for (const Row& r : groups) m->groups.push_back(r.Int(0));
  std::shared_ptr<const Membership> shared = std::move(m);
  cache_.PutMembership(user_id, shared);
  return shared;
}

}  // namespace storage

#include "domain/users/organization_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "domain/permissions/access.h"
#include "domain/users/directory_repository.h"
#include "domain/users/directory_rules.h"
#include "domain/users/user_repository.h"

namespace domain {

using common::Error;
using common::Result;
using common::Status;
using common::Text;

namespace {

void FillKeys(auto& items, std::string_view list) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].key.empty()) items[i].key = ItemKey(list, i);
  }
}

// Whether making `parent` the parent of `self` would close a loop in the tree.
bool WouldCycle(const std::vector<Organization>& all, int64_t self, int64_t parent) {
  std::map<int64_t, std::optional<int64_t>> parents;
  for (const Organization& o : all) parents[o.id] = o.parent_id;
  std::optional<int64_t> at = parent;
  for (size_t steps = 0; at && steps <= all.size(); ++steps) {
    if (*at == self) return true;
    auto it = parents.find(*at);
    at = it == parents.end() ? std::nullopt : it->second;
  }
  return false;
}

size_t Depth(const std::map<int64_t, const Organization*>& by_id, const Organization& o) {
  size_t depth = 0;
  for (std::optional<int64_t> at = o.parent_id; at && depth <= by_id.size(); ++depth) {
    auto it = by_id.find(*at);
    at = it == by_id.end() ? std::nullopt : it->second->parent_id;
  }
  return depth;
}

Result<std::optional<Title>> TitleOf(Transaction& tx, const std::optional<int64_t>& id) {
  if (!id) return std::optional<Title>();
  return tx.directory().FindTitleById(*id);
}

}  // namespace

OrganizationService::OrganizationService(TransactionRunner& db, std::function<void()> on_change)
    : db_(db), on_change_(std::move(on_change)) {}

Result<std::vector<Organization>> OrganizationService::List(const Principal& who,
                                                            const DirectoryFilter& f) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<Organization> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(out, tx.directory().ListOrganizations(f));
    return Status::Ok();
  }));
  return out;
}

Status OrganizationService::Add(const Principal& who, std::vector<OrganizationChange> items) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("organizations", items.size()));
  FillKeys(items, "organizations");
  return WriteDirectory(db_, on_change_,
                        [&](Transaction& tx, Error& errors) { return AddIn(tx, items, errors); });
}

Status OrganizationService::Update(const Principal& who, std::vector<OrganizationChange> items) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("organizations", items.size()));
  FillKeys(items, "organizations");
  return WriteDirectory(
      db_, on_change_, [&](Transaction& tx, Error& errors) { return UpdateIn(tx, items, errors); });
}

Status OrganizationService::AddIn(Transaction& tx, const std::vector<OrganizationChange>& items,
                                  Error& errors) const {
  for (const OrganizationChange& c : items) {
    size_t before = errors.fields().size();
    CheckCode(c.code, c.key + ".code", errors);
    TK_ASSIGN_OR_RETURN(auto existing, tx.directory().FindOrganization(c.code));
    if (existing) errors.AddField(c.key + ".code", Text::kDirectoryCodeDuplicate);
    if (!c.name) errors.AddField(c.key + ".name", Text::kRequired);
    Organization o;
    o.code = c.code;
    if (c.name) {
      CheckName(*c.name, c.key + ".name", errors);
      o.name = *c.name;
    }
    if (c.parent_code && !c.parent_code->empty()) {
      TK_ASSIGN_OR_RETURN(auto parent, tx.directory().FindOrganization(*c.parent_code));
      if (!parent) {
        errors.AddField(c.key + ".parentCode", Text::kOrganizationNotFound, {*c.parent_code});
      } else {
        o.parent_id = parent->id;
      }
    }
    o.local_name = c.local_name.value_or("");
    o.local_name_locale = c.local_name_locale.value_or("");
    o.description = c.description.value_or("");
    if (errors.fields().size() != before) continue;
    TK_ASSIGN_OR_RETURN(o.id, tx.directory().InsertOrganization(o));
  }
  return Status::Ok();
}

Status OrganizationService::UpdateIn(Transaction& tx, const std::vector<OrganizationChange>& items,
                                     Error& errors) const {
  for (const OrganizationChange& c : items) {
    size_t before = errors.fields().size();
    TK_ASSIGN_OR_RETURN(auto o, tx.directory().FindOrganization(c.code));
    if (!o) {
      errors.AddField(c.key + ".code", Text::kOrganizationNotFound, {c.code});
      continue;
    }
    if (c.new_code && *c.new_code != o->code) {
      CheckCode(*c.new_code, c.key + ".newCode", errors);
      TK_ASSIGN_OR_RETURN(auto taken, tx.directory().FindOrganization(*c.new_code));
      if (taken) errors.AddField(c.key + ".newCode", Text::kDirectoryCodeDuplicate);
      o->code = *c.new_code;
    }
    if (c.name) {
      CheckName(*c.name, c.key + ".name", errors);
      o->name = *c.name;
    }
    if (c.parent_code) {
      if (c.parent_code->empty()) {
        o->parent_id.reset();
      } else {
        TK_ASSIGN_OR_RETURN(auto parent, tx.directory().FindOrganization(*c.parent_code));
        TK_ASSIGN_OR_RETURN(auto all, tx.directory().AllOrganizations());
        if (!parent) {
          errors.AddField(c.key + ".parentCode", Text::kOrganizationNotFound, {*c.parent_code});
        } else if (WouldCycle(all, o->id, parent->id)) {
          errors.AddField(c.key + ".parentCode", Text::kOrganizationCycle);
        } else {
          o->parent_id = parent->id;
        }
      }
    }
    if (c.local_name) o->local_name = *c.local_name;
    if (c.local_name_locale) o->local_name_locale = *c.local_name_locale;
    if (c.description) o->description = *c.description;
    if (errors.fields().size() != before) continue;
    TK_RETURN_IF_ERROR(tx.directory().UpdateOrganization(*o));
  }
  return Status::Ok();
}

Status OrganizationService::Delete(const Principal& who, const std::vector<std::string>& codes) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("codes", codes.size()));
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) -> Status {
    TK_ASSIGN_OR_RETURN(auto all, tx.directory().AllOrganizations());
    std::map<std::string, const Organization*, std::less<>> by_code;
    std::map<int64_t, const Organization*> by_id;
    for (const Organization& o : all) {
      by_code[o.code] = &o;
      by_id[o.id] = &o;
    }
    std::set<int64_t> doomed;
    for (size_t i = 0; i < codes.size(); ++i) {
      auto it = by_code.find(codes[i]);
      if (it == by_code.end()) {
        errors.AddField(ItemKey("codes", i), Text::kOrganizationNotFound, {codes[i]});
      } else {
        doomed.insert(it->second->id);
      }
    }
    for (size_t i = 0; i < codes.size(); ++i) {
      auto it = by_code.find(codes[i]);
      if (it == by_code.end()) continue;
      bool kept_child = std::any_of(all.begin(), all.end(), [&](const Organization& o) {
        return o.parent_id == it->second->id && !doomed.contains(o.id);
      });
      if (kept_child) errors.AddField(ItemKey("codes", i), Text::kOrganizationHasChildren);
    }
    if (errors.has_fields()) return Status::Ok();
    // Members whose primary organisation goes fall back to their next one.
    std::set<int64_t> members;
    for (int64_t id : doomed) {
      TK_ASSIGN_OR_RETURN(auto list, tx.directory().OrganizationMembers(id, 0, INT64_MAX));
      for (const auto& m : list) members.insert(m.user_id);
    }
    std::vector<const Organization*> order;
    for (int64_t id : doomed) order.push_back(by_id[id]);
    std::sort(order.begin(), order.end(), [&](const Organization* a, const Organization* b) {
      return Depth(by_id, *a) > Depth(by_id, *b);  // leaves first: parents are referenced
    });
    for (const Organization* o : order)
      TK_RETURN_IF_ERROR(tx.directory().DeleteOrganization(o->id));
    for (int64_t user_id : members) {
      TK_ASSIGN_OR_RETURN(auto user, tx.users().FindById(user_id));
      if (!user || !user->primary_organization_id ||
          !doomed.contains(*user->primary_organization_id)) {
        continue;
      }
      TK_ASSIGN_OR_RETURN(auto left, tx.directory().UserOrganizations(user_id));
      if (left.empty()) {
        user->primary_organization_id.reset();
      } else {
        user->primary_organization_id = left.front().organization_id;
      }
      TK_RETURN_IF_ERROR(tx.users().Update(*user));
    }
    return Status::Ok();
  });
}

Result<std::vector<OrganizationTitle>> OrganizationService::UserOrganizations(
    const Principal& who, const std::string& user_code) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<OrganizationTitle> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(user_code));
    if (!user) return Error(common::ErrorCode::kUserNotFound, {user_code});
    TK_ASSIGN_OR_RETURN(auto list, tx.directory().UserOrganizations(user->id));
    DirectoryFilter f;
    for (const auto& m : list) f.ids.push_back(m.organization_id);
    f.limit = static_cast<int64_t>(f.ids.size());
    if (f.ids.empty()) return Status::Ok();
    TK_ASSIGN_OR_RETURN(auto orgs, tx.directory().ListOrganizations(f));
    for (const auto& m : list) {
      auto it = std::find_if(orgs.begin(), orgs.end(),
                             [&](const Organization& o) { return o.id == m.organization_id; });
      if (it == orgs.end()) continue;
      TK_ASSIGN_OR_RETURN(auto title, TitleOf(tx, m.title_id));
      out.push_back({*it, title});
    }
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<UserTitle>> OrganizationService::OrganizationUsers(const Principal& who,
                                                                      const std::string& org_code,
                                                                      int64_t offset,
                                                                      int64_t limit) {
  TK_RETURN_IF_ERROR(RequireUser(who));
  std::vector<UserTitle> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    TK_ASSIGN_OR_RETURN(auto org, tx.directory().FindOrganization(org_code));
    if (!org) return Error(common::ErrorCode::kOrganizationNotFound, {org_code});
    TK_ASSIGN_OR_RETURN(auto members, tx.directory().OrganizationMembers(org->id, offset, limit));
    for (const auto& m : members) {
      TK_ASSIGN_OR_RETURN(auto user, tx.users().FindById(m.user_id));
      if (!user) continue;
      TK_ASSIGN_OR_RETURN(auto title, TitleOf(tx, m.title_id));
      out.push_back({std::move(*user), title});
    }
    return Status::Ok();
  }));
  return out;
}

Status OrganizationService::SetUserOrganizations(const Principal& who,
                                                 std::vector<UserOrganizationsChange> items) {
  TK_RETURN_IF_ERROR(RequireAdmin(who));
  TK_RETURN_IF_ERROR(CheckBatchSize("userOrganizations", items.size()));
  FillKeys(items, "userOrganizations");
  return WriteDirectory(db_, on_change_, [&](Transaction& tx, Error& errors) {
    return SetUserOrganizationsIn(tx, items, errors);
  });
}

Status OrganizationService::SetUserOrganizationsIn(
    Transaction& tx, const std::vector<UserOrganizationsChange>& items, Error& errors) const {
  for (const UserOrganizationsChange& c : items) {
    size_t before = errors.fields().size();
    TK_ASSIGN_OR_RETURN(auto user, tx.users().FindByCode(c.user_code));
    if (!user) errors.AddField(c.key + ".code", Text::kUserNotFound, {c.user_code});
    std::vector<OrganizationMembership> list;
    std::optional<int64_t> primary;
    for (size_t j = 0; j < c.organizations.size(); ++j) {
      const auto& e = c.organizations[j];
      std::string key = e.key.empty() ? c.key + ".organizations[" + std::to_string(j) + "]" : e.key;
      TK_ASSIGN_OR_RETURN(auto org, tx.directory().FindOrganization(e.organization_code));
      if (!org) {
        errors.AddField(key + ".orgCode", Text::kOrganizationNotFound, {e.organization_code});
        continue;
      }
      if (std::any_of(list.begin(), list.end(),
                      [&](const auto& m) { return m.organization_id == org->id; })) {
        errors.AddField(key + ".orgCode", Text::kDirectoryCodeDuplicate);
        continue;
      }
      OrganizationMembership m{org->id, std::nullopt};
      if (e.title_code && !e.title_code->empty()) {
        size_t title_errors = errors.fields().size();
        CheckCode(*e.title_code, key + ".titleCode", errors);
        if (errors.fields().size() != title_errors) continue;
        TK_ASSIGN_OR_RETURN(auto title, tx.directory().FindTitle(*e.title_code));
        if (title) {
          m.title_id = title->id;
        } else {
          TK_ASSIGN_OR_RETURN(m.title_id,
                              tx.directory().InsertTitle({0, *e.title_code, *e.title_code, ""}));
        }
      }
      if (c.primary_code && *c.primary_code == org->code) primary = org->id;
      list.push_back(m);
    }
    if (c.primary_code && !c.primary_code->empty() && !primary) {
      errors.AddField(c.key + ".primaryOrganization", Text::kPrimaryNotMember);
    }
    if (errors.fields().size() != before || !user) continue;
    if (!primary && !list.empty()) {
      bool keep = user->primary_organization_id &&
                  std::any_of(list.begin(), list.end(), [&](const auto& m) {
                    return m.organization_id == *user->primary_organization_id;
                  });
      primary = keep ? user->primary_organization_id : list.front().organization_id;
    }
    TK_RETURN_IF_ERROR(tx.directory().SetUserOrganizations(user->id, list));
    user->primary_organization_id = primary;
    TK_RETURN_IF_ERROR(tx.users().Update(*user));
  }
  return Status::Ok();
}

}  // namespace domain
